using System.Globalization;

namespace StrategyPortal.Web.Access;

/// <summary>How the audit page shows a recorded value: moments as the reader's date and time, everything else as written.</summary>
public static class AuditFormat
{
    /// <summary>
    /// A round-trip date-time (<c>2026-11-23T13:44:06.4341982Z</c>, as the log stores it) becomes local time in the
    /// culture's long form ("11/23/2026 2:44:06 PM"); dates without a time, numbers and texts stay unchanged.
    /// </summary>
    public static string Value(string value, CultureInfo culture)
    {
        if (value.Length < 19 || value[4] != '-' || value[7] != '-' || value[10] != 'T') return value;
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)) return value;
        var local = moment.Kind == DateTimeKind.Unspecified ? moment : moment.ToLocalTime();
        return local.ToString("G", culture);
    }
}
