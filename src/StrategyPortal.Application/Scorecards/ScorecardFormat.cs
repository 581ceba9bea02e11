using System.Globalization;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Scorecards;

/// <summary>How a scorecard writes its numbers in a culture; tests read the PDF back with the same formats.</summary>
public static class ScorecardFormat
{
    public const string Missing = "–";

    /// <summary>A share in %, one decimal: "31.4%" / "31,4%".</summary>
    public static string Percent(double? value, CultureInfo culture) =>
        value is { } v ? v.ToString("0.0", culture) + "%" : Missing;

    /// <summary>An NPS-like score from −100 to +100 with a sign and one decimal: "+12.5", "−3.0", "0.0".</summary>
    public static string Score(double? value, CultureInfo culture) =>
        value is { } v ? Math.Round(v, 1) switch
        {
            > 0 => "+" + v.ToString("0.0", culture),
            < 0 => "\u2212" + (-v).ToString("0.0", culture),
            _ => 0.0.ToString("0.0", culture),
        } : Missing;

    /// <summary>A mean on a small scale (CES 1–7): two decimals.</summary>
    public static string Mean(double? value, CultureInfo culture) => value is { } v ? v.ToString("0.00", culture) : Missing;

    public static string Count(long value, CultureInfo culture) => value.ToString("N0", culture);

    /// <summary>A change in points: "+2.1 pt" / "−0.4 pt".</summary>
    public static string Delta(double? now, double? before, CultureInfo culture, string unit) =>
        now is { } n && before is { } b ? Score(n - b, culture) + " " + unit : Missing;

    /// <summary>A standard's value in its own unit.</summary>
    public static string Metric(double? value, MetricUnit unit, CultureInfo culture) => value is not { } v ? Missing : unit switch
    {
        MetricUnit.Percent => v.ToString("0.#", culture) + "%",
        MetricUnit.Seconds => v.ToString("0.#", culture) + " s",
        MetricUnit.Minutes => v.ToString("0.#", culture) + " min",
        MetricUnit.Hours => v.ToString("0.#", culture) + " h",
        MetricUnit.Days => v.ToString("0.#", culture) + (culture.TwoLetterISOLanguageName == "nl" ? " d" : " d"),
        MetricUnit.Count => v.ToString("N0", culture),
        _ => v.ToString("0.##", culture),
    };
}
