using System.Globalization;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// How a scorecard writes its numbers in a culture: as every page does (<see cref="Figures"/>), so the PDF and the pages show
/// the same figure; tests read the PDF back with the same formats.
/// </summary>
public static class ScorecardFormat
{
    public const string Missing = Figures.Missing;

    /// <summary>A share in whole percent: "31%".</summary>
    public static string Percent(double? value, CultureInfo culture) => Figures.Percent(value, culture);

    /// <summary>An NPS-like score from −100 to +100, whole and signed: "+12", "−3", "0".</summary>
    public static string Score(double? value, CultureInfo culture) => Figures.Score(value, culture);

    /// <summary>A mean on a small scale (CES 1–7) with one decimal.</summary>
    public static string Mean(double? value, CultureInfo culture) => Figures.Mean(value, culture);

    public static string Count(long value, CultureInfo culture) => Figures.Count(value, culture);

    /// <summary>A change in points between the figures as written: "+2 pt" / "−1 pt".</summary>
    public static string Delta(double? now, double? before, CultureInfo culture, string unit) =>
        now is { } && before is { } ? Figures.Delta(now, before, culture) + " " + unit : Missing;

    /// <summary>A standard's value in its own unit (one decimal at most, halves away from zero).</summary>
    public static string Metric(double? value, MetricUnit unit, CultureInfo culture)
    {
        if (value is not { } raw) return Missing;
        var v = Rounding.Round(raw, 1);
        return unit switch
        {
            MetricUnit.Percent => v.ToString("0.#", culture) + "%",
            MetricUnit.Seconds => v.ToString("0.#", culture) + " s",
            MetricUnit.Minutes => v.ToString("0.#", culture) + " min",
            MetricUnit.Hours => v.ToString("0.#", culture) + " h",
            MetricUnit.Days => v.ToString("0.#", culture) + " d",
            MetricUnit.Count => Rounding.Round(raw).ToString("N0", culture),
            _ => Rounding.Round(raw, 2).ToString("0.##", culture),
        };
    }
}
