using StrategyPortal.Application.Common;

namespace StrategyPortal.Web.Engagement;

/// <summary>How the results pages write percentages and eNPS scores: as <see cref="Figures"/> writes them everywhere.</summary>
public static class EngagementFormat
{
    public static string Pct(double value) => Figures.Percent(value);

    public static string Signed(double value) => Figures.Score(value);
}
