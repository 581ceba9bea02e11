using CsvHelper;
using StrategyPortal.Application.CustomerScores;

namespace StrategyPortal.Application.Common;

/// <summary>
/// The header row of an import file (customer scores, people): which columns a file may have and must have, and the names
/// a file may give them. <see cref="Map"/> finds each column's position, or reports every problem with the header on row 1
/// at the column it concerns (an empty name at "#3"), in the reader's language.
/// </summary>
public sealed class CsvHeader(IReadOnlyList<string> known, IReadOnlyList<string> required, IReadOnlyDictionary<string, string>? aliases = null)
{
    public IReadOnlyList<string> Known { get; } = known;

    public IReadOnlyList<string> Required { get; } = required;

    /// <summary>The position of each known column in <paramref name="header"/>, or null (with the errors added) when the header is wrong.</summary>
    public Dictionary<string, int>? Map(string header, char delimiter, ImportErrors errors, MessageText text)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        var cells = header.Split(delimiter);
        for (var i = 0; i < cells.Length; i++)
        {
            var (raw, name) = Canonical(cells[i]);
            if (name.Length == 0)
            {
                errors.Add(1, $"#{i + 1}", text.Format("import.header.empty-column-name", i + 1));
                ok = false;
            }
            else if (!Known.Contains(name))
            {
                errors.Add(1, raw, text.Format("import.header.unknown-column", raw, string.Join(", ", Known)));
                ok = false;
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(1, raw, text.Format("import.header.duplicate-column", raw));
                ok = false;
            }
        }
        foreach (var missing in Required.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(1, missing, text.Format("import.header.missing-column", missing));
            ok = false;
        }
        return ok ? index : null;
    }

    /// <summary>A header cell as typed (without quotes) and as the column it names: any case, spaces or dashes for underscores, an alias for its column.</summary>
    private (string Raw, string Name) Canonical(string cell)
    {
        var raw = cell.TrimStart('\uFEFF').Trim().Trim('"').Trim();
        var name = raw.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return (raw, aliases?.GetValueOrDefault(name) ?? name);
    }

    /// <summary>How the portal reads its CSV files (people, customer scores): a header row, trimmed fields, empty lines skipped,
    /// missing trailing fields empty, a malformed row skipped and reported by its line.</summary>
    public static CsvReaderOptions ReaderOptions(char separator, Action<CsvMalformedRecord> onMalformed) => new()
    {
        Separator = separator,
        HasHeader = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MalformedData = CsvMalformedDataHandling.Skip,
        OnMalformedRecord = onMalformed,
    };
}
