using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Buffers.Text;
using System.Text.Unicode;
using CsvHelper;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>
/// Reads a customer score CSV: separated by semicolons or commas (detected from the header), UTF-8 with or without BOM,
/// a Dutch decimal comma accepted in counts. The stream must be seekable: the header line is read first.
/// </summary>
internal sealed class CsvScoreReader(MessageText text)
{
    /// <summary>The delimiter the last read detected (null before the header is read).</summary>
    public char? Delimiter { get; private set; }

    public async IAsyncEnumerable<RawScoreRow> ReadAsync(Stream stream, ImportErrors errors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!stream.CanSeek) throw new ArgumentException("The CSV reader needs a seekable stream (a staged file).", nameof(stream));
        var start = stream.Position;
        if (await ReadHeaderLineAsync(stream, cancellationToken) is not { } header)
        {
            errors.Add(1, "", text["customerscore.import.not-utf8"]);
            yield break;
        }
        if (header.Trim().Length == 0)
        {
            errors.Add(1, "", text["customerscore.import.no-header"]);
            yield break;
        }
        if (DetectDelimiter(header, errors) is not { } delimiter) yield break;
        Delimiter = delimiter;
        if (MapHeader(header, delimiter, errors) is not { } map) yield break;
        stream.Position = start;

        var malformed = new List<(long Line, CsvMalformedReason Reason)>();
        var options = CsvHeader.ReaderOptions(delimiter, m => malformed.Add((m.LineNumber, m.Reason)));
        using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        var rows = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            foreach (var (line, reason) in malformed)
            {
                rows++;
                errors.Add((int)line, "", text.Format("customerscore.import.bad-quotes", reason));
                yield return new RawScoreRow { Row = (int)line, HasErrors = true };
            }
            malformed.Clear();
            rows++;
            var row = (int)csv.LineNumber;
            if (csv.FieldCount != map.FieldCount)
            {
                errors.Add(row, "", text.Format("customerscore.import.field-count", csv.FieldCount, map.FieldCount, delimiter == ';' ? "; (semicolon)" : ", (comma)"));
                yield return new RawScoreRow { Row = row, HasErrors = true };
                continue;
            }
            var counts = new int[ScoreFileReader.CountColumns.Count];
            var hasErrors = false;
            for (var i = 0; i < counts.Length; i++)
            {
                var span = csv.GetSpan(map.Counts[i]);
                if (span.IsEmpty) continue;
                if (Utf8Parser.TryParse(span, out int value, out var consumed) && consumed == span.Length && span[0] != (byte)'-' && span[0] != (byte)'+')
                {
                    counts[i] = value;
                    continue;
                }
                var cell = Utf8.IsValid(span) ? Encoding.UTF8.GetString(span) : "?";
                if (!ScoreFileReader.TryParseCount(cell, out counts[i], out var problem))
                {
                    errors.Add(row, ScoreFileReader.CountColumns[i], ScoreFileReader.CountMessage(text, problem, cell));
                    hasErrors = true;
                }
            }
            if (!Utf8.IsValid(csv.GetSpan(map.Date)) || !Utf8.IsValid(csv.GetSpan(map.Unit)) || !Utf8.IsValid(csv.GetSpan(map.Channel)) || !Utf8.IsValid(csv.GetSpan(map.Source)))
            {
                errors.Add(row, "", text["customerscore.import.not-utf8"]);
                yield return new RawScoreRow { Row = row, HasErrors = true };
                continue;
            }
            yield return new RawScoreRow
            {
                Row = row,
                Date = csv.GetString(map.Date),
                Unit = csv.GetString(map.Unit),
                Channel = csv.GetString(map.Channel),
                Source = csv.GetString(map.Source),
                Counts = counts,
                HasErrors = hasErrors,
            };
        }
        foreach (var (line, reason) in malformed)
        {
            rows++;
            errors.Add((int)line, "", text.Format("customerscore.import.bad-quotes", reason));
            yield return new RawScoreRow { Row = (int)line, HasErrors = true };
        }
        if (rows == 0) errors.Add(2, "", text["customerscore.import.no-rows"]);
    }

    /// <summary>The first line, decoded as strict UTF-8 (BOM skipped); null when it is not UTF-8.</summary>
    private static async Task<string?> ReadHeaderLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0) break;
        }
        var end = Array.IndexOf(buffer, (byte)'\n', 0, length);
        if (end < 0) end = length;
        var offset = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        try
        {
            return ScoreFileReader.StrictUtf8.GetString(buffer, offset, Math.Max(0, end - offset)).TrimEnd('\r');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private char? DetectDelimiter(string header, ImportErrors errors)
    {
        int semicolons = 0, commas = 0, tabs = 0, pipes = 0;
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            switch (c)
            {
                case ';': semicolons++; break;
                case ',': commas++; break;
                case '\t': tabs++; break;
                case '|': pipes++; break;
            }
        }
        if (semicolons > 0 && semicolons >= commas) return ';';
        if (commas > 0) return ',';
        errors.Add(1, "", tabs > 0 ? text.Format("customerscore.import.wrong-delimiter", text["customerscore.import.delimiter-tab"])
            : pipes > 0 ? text.Format("customerscore.import.wrong-delimiter", "|")
            : text["customerscore.import.single-column"]);
        return null;
    }

    private sealed record HeaderMap(int FieldCount, int Date, int Unit, int Channel, int Source, int[] Counts);

    private static readonly CsvHeader Header = new(ScoreFileReader.Columns, ScoreFileReader.Columns);

    private HeaderMap? MapHeader(string header, char delimiter, ImportErrors errors)
    {
        if (Header.Map(header, delimiter, errors, text) is not { } index) return null;
        return new HeaderMap(header.Split(delimiter).Length, index[ScoreFileReader.DateColumn], index[ScoreFileReader.UnitColumn], index[ScoreFileReader.ChannelColumn], index[ScoreFileReader.SourceColumn],
            ScoreFileReader.CountColumns.Select(c => index[c]).ToArray());
    }
}
