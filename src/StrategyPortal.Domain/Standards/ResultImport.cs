using System.Globalization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>One data row of a results file as read, before any checks. <see cref="RowNumber"/> is the line in the file (header = 1).</summary>
public sealed record RawResultRow(int RowNumber, string Unit, string Standard, string Quarter, string Value);

/// <summary>Which column of a results file a problem is in.</summary>
public enum ResultColumn
{
    File = 0,
    Unit = 1,
    Standard = 2,
    Quarter = 3,
    Value = 4,
}

/// <summary>A problem in one row (or the file, row 0). <see cref="Code"/> is a message key; <see cref="Detail"/> the offending text.</summary>
public sealed record ImportError(int RowNumber, ResultColumn Column, string Code, string Detail = "");

/// <summary>A row that passed every check.</summary>
public sealed record ValidResultRow(int RowNumber, int StandardId, Quarter Quarter, double Value);

/// <summary>What the import checks a row against: the standards by unit name and title (case-insensitive), with their versions.</summary>
public sealed record ImportTarget(int StandardId, int UnitId, string UnitName, string Title, IReadOnlyList<ServiceStandardVersion> Versions);

/// <summary>
/// The row checks of a results import, all or nothing: <see cref="Check"/> returns either the valid rows or
/// every problem with its row and column. Values accept a decimal point or a Dutch decimal comma.
/// </summary>
public static class ResultImport
{
    public const int MaxRows = 5000;

    public static (IReadOnlyList<ValidResultRow> Rows, IReadOnlyList<ImportError> Errors) Check(
        IReadOnlyList<RawResultRow> rows,
        IEnumerable<ImportTarget> targets,
        Func<int, bool> mayRecordFor)
    {
        var errors = new List<ImportError>();
        if (rows.Count == 0) errors.Add(new ImportError(0, ResultColumn.File, "import.no-rows"));
        if (rows.Count > MaxRows) errors.Add(new ImportError(0, ResultColumn.File, "import.too-many-rows", MaxRows.ToString(CultureInfo.InvariantCulture)));
        if (errors.Count > 0) return ([], errors);

        var byUnit = targets.GroupBy(t => Normalise(t.UnitName))
            .ToDictionary(g => g.Key, g => g.GroupBy(t => Normalise(t.Title)).ToDictionary(x => x.Key, x => x.ToList()));
        var valid = new List<ValidResultRow>();
        var seen = new Dictionary<(int, int), int>();

        foreach (var row in rows)
        {
            var before = errors.Count;
            ImportTarget? target = null;
            if (string.IsNullOrWhiteSpace(row.Unit)) errors.Add(new ImportError(row.RowNumber, ResultColumn.Unit, "import.unit-missing"));
            else if (!byUnit.TryGetValue(Normalise(row.Unit), out var standards)) errors.Add(new ImportError(row.RowNumber, ResultColumn.Unit, "import.unit-unknown", row.Unit.Trim()));
            else if (!standards.Values.SelectMany(t => t).Any(t => mayRecordFor(t.UnitId))) errors.Add(new ImportError(row.RowNumber, ResultColumn.Unit, "import.unit-forbidden", row.Unit.Trim()));
            else if (string.IsNullOrWhiteSpace(row.Standard)) errors.Add(new ImportError(row.RowNumber, ResultColumn.Standard, "import.standard-missing"));
            else if (!standards.TryGetValue(Normalise(row.Standard), out var matches)) errors.Add(new ImportError(row.RowNumber, ResultColumn.Standard, "import.standard-unknown", row.Standard.Trim()));
            else if (matches.Count > 1) errors.Add(new ImportError(row.RowNumber, ResultColumn.Standard, "import.standard-ambiguous", row.Standard.Trim()));
            else if (!mayRecordFor(matches[0].UnitId)) errors.Add(new ImportError(row.RowNumber, ResultColumn.Unit, "import.unit-forbidden", row.Unit.Trim()));
            else target = matches[0];

            var hasQuarter = Common.Quarter.TryParse(row.Quarter, out var quarter);
            if (!hasQuarter) errors.Add(new ImportError(row.RowNumber, ResultColumn.Quarter, string.IsNullOrWhiteSpace(row.Quarter) ? "import.quarter-missing" : "import.quarter-invalid", row.Quarter.Trim()));

            var hasValue = TryParseValue(row.Value, out var value);
            if (!hasValue) errors.Add(new ImportError(row.RowNumber, ResultColumn.Value, string.IsNullOrWhiteSpace(row.Value) ? "import.value-missing" : "import.value-invalid", row.Value.Trim()));

            if (target is not null && hasQuarter)
            {
                var version = ServiceStandard.VersionIn(target.Versions, quarter);
                if (version is null || version.Status != StandardStatus.Active)
                    errors.Add(new ImportError(row.RowNumber, ResultColumn.Quarter, "import.not-active", quarter.ToString()));
                else if (hasValue && !MetricUnits.InRange(version.Unit, value))
                    errors.Add(new ImportError(row.RowNumber, ResultColumn.Value, "import.value-out-of-range", row.Value.Trim()));

                if (seen.TryGetValue((target.StandardId, quarter.Key), out var firstRow))
                    errors.Add(new ImportError(row.RowNumber, ResultColumn.Standard, "import.duplicate", firstRow.ToString(CultureInfo.InvariantCulture)));
                else seen[(target.StandardId, quarter.Key)] = row.RowNumber;
            }

            if (errors.Count == before && target is not null) valid.Add(new ValidResultRow(row.RowNumber, target.StandardId, quarter, value));
        }
        return errors.Count > 0 ? ([], errors) : (valid, errors);
    }

    /// <summary>Reads "87.5", "87,5", "1.234,5" or "1,234.5"; a lone comma or point is the decimal separator.</summary>
    public static bool TryParseValue(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Replace(" ", string.Empty).Replace("\u00a0", string.Empty).TrimEnd('%');
        var lastComma = s.LastIndexOf(',');
        var lastPoint = s.LastIndexOf('.');
        if (lastComma >= 0 && lastPoint >= 0)
        {
            // Both present: the last one is the decimal separator, the other groups thousands.
            s = lastComma > lastPoint ? s.Replace(".", string.Empty).Replace(',', '.') : s.Replace(",", string.Empty);
        }
        else if (lastComma >= 0)
        {
            if (s.IndexOf(',') != lastComma) return false;
            s = s.Replace(',', '.');
        }
        else if (lastPoint >= 0 && s.IndexOf('.') != lastPoint)
        {
            return false;
        }
        if (!double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        return !double.IsNaN(value) && !double.IsInfinity(value);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
