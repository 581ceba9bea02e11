using System.Globalization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

/// <summary>
/// How a figure is written, once for every page, PDF and CSV (in the given culture, default the reader's): rounded with
/// <see cref="Rounding"/> (halves away from zero), shares as whole percentages, scores signed with a real minus, means with one
/// decimal. The same figure therefore reads the same wherever it appears.
/// </summary>
public static class Figures
{
    public const string Missing = "–";

    /// <summary>A share in whole percent: "63%".</summary>
    public static string Percent(double? value, CultureInfo? culture = null) =>
        value is { } v ? Rounding.Round(v).ToString("0", culture ?? CultureInfo.CurrentCulture) + "%" : Missing;

    /// <summary>Shares of one whole (promoters, passives, detractors…) in whole percent that add up to 100; all missing when one is.</summary>
    public static string[] Shares(CultureInfo? culture, params double?[] shares) =>
        shares.Any(s => s is null)
            ? shares.Select(_ => Missing).ToArray()
            : Rounding.WholePercentages(shares.Select(s => s!.Value).ToArray()).Select(p => p.ToString("0", culture ?? CultureInfo.CurrentCulture) + "%").ToArray();

    /// <summary>An NPS-like score from −100 to +100, whole and signed: "+12", "−7", "0".</summary>
    public static string Score(double? value, CultureInfo? culture = null) => value is { } v ? Signed(Rounding.Round(v), "0", culture) : Missing;

    /// <summary>A change in points, whole and signed: "+2", "−1".</summary>
    public static string Delta(double? now, double? before, CultureInfo? culture = null) =>
        now is { } n && before is { } b ? Signed(Rounding.Round(n) - Rounding.Round(b), "0", culture) : Missing;

    /// <summary>A mean on a small scale (CES 1–7) with one decimal: "5.3".</summary>
    public static string Mean(double? value, CultureInfo? culture = null) =>
        value is { } v ? Rounding.Round(v, 1).ToString("0.0", culture ?? CultureInfo.CurrentCulture) : Missing;

    /// <summary>A margin of error in points: "± 4.1".</summary>
    public static string Margin(double? value, CultureInfo? culture = null) =>
        value is { } v ? "± " + Rounding.Round(v, 1).ToString("0.0", culture ?? CultureInfo.CurrentCulture) : Missing;

    /// <summary>A correlation r, signed with two decimals: "+0.42".</summary>
    public static string Correlation(double? value, CultureInfo? culture = null) => value is { } v ? Signed(Rounding.Round(v, 2), "0.00", culture) : Missing;

    /// <summary>A measured value in its own unit's number form, up to two decimals: "1,250", "87.5".</summary>
    public static string Number(double? value, CultureInfo? culture = null) =>
        value is { } v ? Rounding.Round(v, 2).ToString("#,0.##", culture ?? CultureInfo.CurrentCulture) : Missing;

    public static string Count(long value, CultureInfo? culture = null) => value.ToString("N0", culture ?? CultureInfo.CurrentCulture);

    private static string Signed(double rounded, string format, CultureInfo? culture)
    {
        var text = Math.Abs(rounded).ToString(format, culture ?? CultureInfo.CurrentCulture);
        return rounded > 0 ? "+" + text : rounded < 0 ? "\u2212" + text : text;
    }
}
