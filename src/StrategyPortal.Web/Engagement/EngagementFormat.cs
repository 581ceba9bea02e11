using System.Globalization;

namespace StrategyPortal.Web.Engagement;

/// <summary>How the results pages write percentages and eNPS scores.</summary>
public static class EngagementFormat
{
    public static string Pct(double value) => value.ToString("0", CultureInfo.CurrentCulture) + "%";

    public static string Signed(double value) => (value > 0 ? "+" : "") + value.ToString("0", CultureInfo.CurrentCulture);
}
