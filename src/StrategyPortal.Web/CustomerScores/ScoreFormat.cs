using System.Globalization;

namespace StrategyPortal.Web.CustomerScores;

/// <summary>How scores read on screen: NPS signed and whole, shares in whole percent, CES with one decimal; "–" for no data.</summary>
public static class ScoreFormat
{
    public const string None = "–";

    public static string Nps(double? value) => value is { } v ? Math.Round(v).ToString("+0;−0;0", CultureInfo.CurrentCulture) : None;
    public static string Margin(double? value) => value is { } v ? "± " + Math.Round(v, 1).ToString("0.0", CultureInfo.CurrentCulture) : None;
    public static string Percent(double? value) => value is { } v ? Math.Round(v).ToString("0", CultureInfo.CurrentCulture) + "%" : None;
    public static string Ces(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : None;
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
    public static string R(double? value) => value is { } v ? v.ToString("+0.00;−0.00;0.00", CultureInfo.CurrentCulture) : None;
}
