using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>
/// Reads customer score files as a stream, one row at a time (never the whole file): CSV separated by
/// semicolons or commas (detected from the header), UTF-8 with or without BOM, a Dutch decimal comma
/// accepted in numbers; or a JSON array of records. Every problem goes to <see cref="ImportErrors"/>
/// with its row and column; rows are yielded with <see cref="RawScoreRow.HasErrors"/> set when a cell failed.
/// </summary>
public sealed class ScoreFileReader(MessageText text)
{
    public const string DateColumn = "date";
    public const string UnitColumn = "unit";
    public const string ChannelColumn = "channel";
    public const string SourceColumn = "source";

    /// <summary>The CSV count columns, in <see cref="CustomerScoreRecord.CountColumns"/> order.</summary>
    public static IReadOnlyList<string> CountColumns { get; } =
    [
        .. Enumerable.Range(0, 11).Select(i => $"nps_{i}"),
        .. Enumerable.Range(1, 5).Select(i => $"csat_{i}"),
        .. Enumerable.Range(1, 7).Select(i => $"ces_{i}"),
        "complaints", "churn_service", "churn_price", "churn_need", "churn_other",
    ];

    /// <summary>Every CSV column, in the order of the sample file.</summary>
    public static IReadOnlyList<string> Columns { get; } = [DateColumn, UnitColumn, ChannelColumn, SourceColumn, .. CountColumns];

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The delimiter the last CSV read detected (null before the header is read).</summary>
    public char? Delimiter { get; private set; }

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IAsyncEnumerable<RawScoreRow> ReadAsync(Stream stream, ImportFormat format, ImportErrors errors, CancellationToken cancellationToken = default) =>
        format == ImportFormat.Json ? ReadJsonAsync(stream, errors, cancellationToken) : ReadCsvAsync(stream, errors, cancellationToken);

    /// <summary>Reads a CSV file. The stream must be seekable: the header line is read first to find the delimiter.</summary>
    public async IAsyncEnumerable<RawScoreRow> ReadCsvAsync(Stream stream, ImportErrors errors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => malformed.Add((m.LineNumber, m.Reason)),
        };
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
            var counts = new int[CountColumns.Count];
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
                if (!TryParseCount(cell, out counts[i], out var problem))
                {
                    errors.Add(row, CountColumns[i], CountMessage(problem, cell));
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
            return StrictUtf8.GetString(buffer, offset, Math.Max(0, end - offset)).TrimEnd('\r');
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

    private HeaderMap? MapHeader(string header, char delimiter, ImportErrors errors)
    {
        var names = header.Split(delimiter).Select(n => n.Trim().Trim('"').Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                errors.Add(1, $"#{i + 1}", text.Format("customerscore.import.empty-column-name", i + 1));
                ok = false;
            }
            else if (!Columns.Contains(name))
            {
                errors.Add(1, name, text.Format("customerscore.import.unknown-column", name, string.Join(", ", Columns)));
                ok = false;
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(1, name, text.Format("customerscore.import.duplicate-column", name));
                ok = false;
            }
        }
        foreach (var missing in Columns.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(1, missing, text.Format("customerscore.import.missing-column", missing));
            ok = false;
        }
        if (!ok) return null;
        return new HeaderMap(names.Count, index[DateColumn], index[UnitColumn], index[ChannelColumn], index[SourceColumn],
            CountColumns.Select(c => index[c]).ToArray());
    }

    public enum CountProblem { None, NotANumber, Negative, NotWhole, TooLarge }

    /// <summary>
    /// A count: digits, optionally written with a decimal part that is zero ("12,0" Dutch or "12.0");
    /// an empty cell counts 0. No thousands separators (they are ambiguous between Dutch and English).
    /// </summary>
    public static bool TryParseCount(string? cell, out int value, out CountProblem problem)
    {
        problem = CountProblem.None;
        var s = cell.AsSpan().Trim();
        if (s.IsEmpty) { value = 0; return true; }
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        value = 0;
        var culture = s.Contains(',') ? Dutch : CultureInfo.InvariantCulture;
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, culture, out var number))
        {
            problem = CountProblem.NotANumber;
            return false;
        }
        if (number < 0) { problem = CountProblem.Negative; return false; }
        if (number != decimal.Truncate(number)) { problem = CountProblem.NotWhole; return false; }
        if (number > int.MaxValue) { problem = CountProblem.TooLarge; return false; }
        value = (int)number;
        return true;
    }

    private string CountMessage(CountProblem problem, string? cell) => problem switch
    {
        CountProblem.Negative => text.Format("customerscore.import.count-negative", cell ?? ""),
        CountProblem.NotWhole => text.Format("customerscore.import.count-not-whole", cell ?? ""),
        CountProblem.TooLarge => text.Format("customerscore.import.count-too-large", cell ?? ""),
        _ => text.Format("customerscore.import.count-not-number", cell ?? ""),
    };

    // ---------------------------------------------------------------- JSON

    private static readonly string[] JsonFields = ["date", "unit", "channel", "source", "nps", "csat", "ces", "complaints", "churn"];
    private static readonly string[] ChurnFields = ["service", "price", "need", "other"];

    public async IAsyncEnumerable<RawScoreRow> ReadJsonAsync(Stream stream, ImportErrors errors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var records = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken);
        await using var e = records.GetAsyncEnumerator(cancellationToken);
        var number = 0;
        while (true)
        {
            bool more;
            string? failure = null;
            try { more = await e.MoveNextAsync(); }
            catch (JsonException ex)
            {
                more = false;
                failure = ex.LineNumber is { } line
                    ? text.Format("customerscore.import.json-invalid-at", line + 1, (ex.BytePositionInLine ?? 0) + 1)
                    : text["customerscore.import.json-invalid"];
            }
            if (failure is not null)
            {
                errors.Add(number + 1, "", failure);
                yield break;
            }
            if (!more) break;
            number++;
            yield return ReadRecord(e.Current, number, errors);
        }
        if (number == 0) errors.Add(0, "", text["customerscore.import.json-empty"]);
    }

    private RawScoreRow ReadRecord(JsonElement record, int number, ImportErrors errors)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            errors.Add(number, "", text.Format("customerscore.import.json-not-object", KindName(record.ValueKind)));
            return new RawScoreRow { Row = number, HasErrors = true };
        }
        var bad = false;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            if (!JsonFields.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(number, property.Name, text.Format("customerscore.import.json-unknown-field", property.Name, string.Join(", ", JsonFields)));
                bad = true;
            }
        }
        var date = RequiredString(record, "date", number, errors, reported, ref bad, allowNumber: false);
        var unit = RequiredString(record, "unit", number, errors, reported, ref bad, allowNumber: true);
        var channel = RequiredString(record, "channel", number, errors, reported, ref bad, allowNumber: false);
        var source = RequiredString(record, "source", number, errors, reported, ref bad, allowNumber: false);

        var counts = new int[CountColumns.Count];
        ReadArray(record, "nps", 11, "0–10", counts, 0, number, errors, ref bad);
        ReadArray(record, "csat", 5, "1–5", counts, 11, number, errors, ref bad);
        ReadArray(record, "ces", 7, "1–7", counts, 16, number, errors, ref bad);
        if (record.TryGetProperty("complaints", out var complaints)) counts[23] = ReadCount(complaints, "complaints", number, errors, ref bad);
        if (record.TryGetProperty("churn", out var churn))
        {
            if (churn.ValueKind != JsonValueKind.Object)
            {
                errors.Add(number, "churn", text.Format("customerscore.import.json-churn-object", KindName(churn.ValueKind)));
                bad = true;
            }
            else
            {
                foreach (var property in churn.EnumerateObject())
                {
                    var i = Array.IndexOf(ChurnFields, property.Name);
                    if (i < 0)
                    {
                        errors.Add(number, $"churn.{property.Name}", text.Format("customerscore.import.json-unknown-field", property.Name, string.Join(", ", ChurnFields)));
                        bad = true;
                        continue;
                    }
                    counts[24 + i] = ReadCount(property.Value, $"churn.{property.Name}", number, errors, ref bad);
                }
            }
        }
        return new RawScoreRow { Row = number, Date = date, Unit = unit, Channel = channel, Source = source, Counts = counts, HasErrors = bad, ReportedFields = reported };
    }

    private string RequiredString(JsonElement record, string name, int number, ImportErrors errors, HashSet<string> reported, ref bool bad, bool allowNumber)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-required", name));
            reported.Add(name);
            bad = true;
            return string.Empty;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString() ?? string.Empty;
        if (allowNumber && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id)) return id.ToString(CultureInfo.InvariantCulture);
        errors.Add(number, name, text.Format(allowNumber ? "customerscore.import.json-string-or-id" : "customerscore.import.json-string", name, KindName(value.ValueKind)));
        reported.Add(name);
        bad = true;
        return string.Empty;
    }

    private void ReadArray(JsonElement record, string name, int length, string scale, int[] counts, int offset, int number, ImportErrors errors, ref bool bad)
    {
        if (!record.TryGetProperty(name, out var array)) return;
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-array", name, length, scale, KindName(array.ValueKind)));
            bad = true;
            return;
        }
        var actual = array.GetArrayLength();
        if (actual != length)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-array-length", name, length, scale, actual));
            bad = true;
            return;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            counts[offset + i] = ReadCount(item, $"{name}[{i}]", number, errors, ref bad);
            i++;
        }
    }

    private int ReadCount(JsonElement value, string path, int number, ImportErrors errors, ref bool bad)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d))
        {
            if (d < 0) { errors.Add(number, path, text.Format("customerscore.import.count-negative", value.GetRawText())); bad = true; return 0; }
            if (d != decimal.Truncate(d)) { errors.Add(number, path, text.Format("customerscore.import.count-not-whole", value.GetRawText())); bad = true; return 0; }
            if (d > int.MaxValue) { errors.Add(number, path, text.Format("customerscore.import.count-too-large", value.GetRawText())); bad = true; return 0; }
            return (int)d;
        }
        errors.Add(number, path, text.Format("customerscore.import.json-count-type", path, KindName(value.ValueKind), Shorten(value.GetRawText())));
        bad = true;
        return 0;
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";

    private string KindName(JsonValueKind kind) => text[$"customerscore.import.json-kind.{kind.ToString().ToLowerInvariant()}"];
}
