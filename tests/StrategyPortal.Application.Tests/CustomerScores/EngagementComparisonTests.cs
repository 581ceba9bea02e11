using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.Tests.CustomerScores;

public class EngagementComparisonTests
{
    private static readonly Quarter Q = new(2026, 2);

    private static ComparisonPoint Point(int unit, double? engaged, double? enps, double? nps, double? csat) =>
        new(unit, $"Unit {unit}", Q, Q, engaged, enps, nps, csat, 100, 100);

    [Fact]
    public void Correlates_the_chosen_axes_over_the_points_that_have_both_values()
    {
        var comparison = new EngagementComparison(true,
        [
            Point(1, 10, 1, 10, 80),
            Point(2, 20, 2, 30, 60),
            Point(3, 30, 3, 20, 40),
            Point(4, 40, null, null, 20),
        ], SuppressedCount: 2, Q, Q, 0);

        // Engaged share × NPS: points 1–3 only (point 4 has no NPS): x = 10, 20, 30; y = 10, 30, 20 → r = 0.5.
        var nps = comparison.Correlate(EngagementAxis.EngagedShare, CustomerAxis.Nps);
        Assert.Equal(3, nps.N);
        Assert.Equal(0.5, nps.R!.Value, 10);
        Assert.Equal(CorrelationStrength.Strong, nps.Strength);

        // Engaged share × CSAT: all four points fall on a line going down → r = −1.
        var csat = comparison.Correlate(EngagementAxis.EngagedShare, CustomerAxis.Csat);
        Assert.Equal(4, csat.N);
        Assert.Equal(-1.0, csat.R!.Value, 10);
    }

    [Fact]
    public void Fewer_than_three_points_give_no_correlation()
    {
        var comparison = new EngagementComparison(true, [Point(1, 10, 1, 10, 80), Point(2, 20, 2, 30, 60)], 0, Q, Q, 0);
        var result = comparison.Correlate(EngagementAxis.Enps, CustomerAxis.Nps);
        Assert.Equal(2, result.N);
        Assert.Null(result.R);
        Assert.Null(result.Strength);
    }
}
