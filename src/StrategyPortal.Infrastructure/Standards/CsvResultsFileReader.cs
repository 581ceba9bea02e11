using System.Globalization;
using System.Text;
using CsvHelper;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Infrastructure.Standards;

/// <summary>
/// Reads a results CSV: a header naming unit, standard, quarter and value (English or Dutch names, any order),
/// separated by semicolons or commas (whichever the header uses). Values stay text; the row checks are the domain's.
/// </summary>
public sealed class CsvResultsFileReader : IResultsFileReader
{
    private static readonly (ResultColumn Column, string[] Names)[] Columns =
    [
        (ResultColumn.Unit, ["unit", "eenheid", "afdeling"]),
        (ResultColumn.Standard, ["standard", "norm", "servicenorm"]),
        (ResultColumn.Quarter, ["quarter", "kwartaal"]),
        (ResultColumn.Value, ["value", "waarde", "actual", "resultaat"]),
    ];

    public async Task<(IReadOnlyList<RawResultRow> Rows, IReadOnlyList<ImportError> Errors)> ReadAsync(Stream content, CancellationToken cancellationToken = default)
    {
        using var textReader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await textReader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) return ([], [new ImportError(0, ResultColumn.File, "import.empty-file")]);

        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Contains(';') && firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        var errors = new List<ImportError>();
        var rows = new List<RawResultRow>();
        try
        {
            using var csv = CsvReader.FromText(text, options);
            await csv.ReadHeaderAsync(cancellationToken);
            var header = csv.Headers.ToArray();
            if (header.Length == 0) return ([], [new ImportError(0, ResultColumn.File, "import.empty-file")]);

            var index = new Dictionary<ResultColumn, int>();
            foreach (var (column, names) in Columns)
            {
                var at = Array.FindIndex(header, h => names.Contains(h.Trim().TrimStart('\uFEFF').ToLowerInvariant()));
                if (at >= 0) index[column] = at;
            }
            var missing = Columns.Where(c => !index.ContainsKey(c.Column)).Select(c => c.Names[0]).ToList();
            if (missing.Count > 0) return ([], [new ImportError(1, ResultColumn.File, "import.header-missing", string.Join(", ", missing))]);

            while (await csv.ReadAsync(cancellationToken))
            {
                var rowNumber = (int)csv.LineNumber;
                var fields = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
                if (fields.All(string.IsNullOrWhiteSpace)) continue;
                if (fields.Length != header.Length)
                {
                    errors.Add(new ImportError(rowNumber, ResultColumn.File, "import.columns", fields.Length.ToString(CultureInfo.InvariantCulture)));
                    continue;
                }
                rows.Add(new RawResultRow(rowNumber, fields[index[ResultColumn.Unit]], fields[index[ResultColumn.Standard]],
                    fields[index[ResultColumn.Quarter]], fields[index[ResultColumn.Value]]));
                if (rows.Count > ResultImport.MaxRows) break;
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new ImportError((int)e.LineNumber, ResultColumn.File, "import.unreadable", e.Message.Split('\n')[0]));
        }
        // Rows that were read come back with the problems, so the report can list every row's problems at once.
        return (rows, errors);
    }
}
