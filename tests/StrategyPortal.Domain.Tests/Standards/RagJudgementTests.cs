using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Tests.Standards;

public class RagJudgementTests
{
    [Theory]
    [InlineData(95.0, RagStatus.Green)]   // above target
    [InlineData(90.0, RagStatus.Green)]   // exactly the target meets it
    [InlineData(89.99, RagStatus.Amber)]  // just below target
    [InlineData(81.0, RagStatus.Amber)]   // default band: 10% of 90 = 9, so 81 is the last amber value
    [InlineData(80.99, RagStatus.Red)]    // just beyond the band
    [InlineData(0.0, RagStatus.Red)]
    public void Higher_is_better_uses_a_default_band_of_ten_percent_below_target(double actual, RagStatus expected) =>
        Assert.Equal(expected, RagJudgement.Judge(actual, 90, MetricDirection.HigherIsBetter));

    [Theory]
    [InlineData(3.0, RagStatus.Green)]
    [InlineData(8.0, RagStatus.Green)]    // exactly the target
    [InlineData(8.01, RagStatus.Amber)]
    [InlineData(8.8, RagStatus.Amber)]    // 8 + 10% = 8.8, the last amber value
    [InlineData(8.81, RagStatus.Red)]
    public void Lower_is_better_uses_a_default_band_of_ten_percent_above_target(double actual, RagStatus expected) =>
        Assert.Equal(expected, RagJudgement.Judge(actual, 8, MetricDirection.LowerIsBetter));

    [Theory]
    [InlineData(80.0, RagStatus.Green)]
    [InlineData(79.0, RagStatus.Amber)]
    [InlineData(70.0, RagStatus.Amber)]   // the threshold itself is still amber
    [InlineData(69.9, RagStatus.Red)]
    public void An_explicit_threshold_replaces_the_default_band_higher_is_better(double actual, RagStatus expected) =>
        Assert.Equal(expected, RagJudgement.Judge(actual, 80, MetricDirection.HigherIsBetter, 70));

    [Theory]
    [InlineData(60.0, RagStatus.Green)]
    [InlineData(61.0, RagStatus.Amber)]
    [InlineData(120.0, RagStatus.Amber)]
    [InlineData(121.0, RagStatus.Red)]
    public void An_explicit_threshold_replaces_the_default_band_lower_is_better(double actual, RagStatus expected) =>
        Assert.Equal(expected, RagJudgement.Judge(actual, 60, MetricDirection.LowerIsBetter, 120));

    [Theory]
    [InlineData(MetricDirection.HigherIsBetter)]
    [InlineData(MetricDirection.LowerIsBetter)]
    public void No_result_is_no_data_never_green(MetricDirection direction)
    {
        Assert.Equal(RagStatus.NoData, RagJudgement.Judge(null, 90, direction));
        Assert.Equal(RagStatus.NoData, RagJudgement.Judge(double.NaN, 90, direction));
    }

    [Fact]
    public void Decimal_targets_put_the_default_edge_where_it_reads()
    {
        // 92 − 9.2 = 82.8 in decimal arithmetic; floating point must not push 82.8 into red.
        Assert.Equal(RagStatus.Amber, RagJudgement.Judge(82.8, 92, MetricDirection.HigherIsBetter));
        Assert.Equal(RagStatus.Red, RagJudgement.Judge(82.79, 92, MetricDirection.HigherIsBetter));
    }

    [Fact]
    public void A_zero_target_lower_is_better_has_no_amber_band()
    {
        Assert.Equal(RagStatus.Green, RagJudgement.Judge(0, 0, MetricDirection.LowerIsBetter));
        Assert.Equal(RagStatus.Red, RagJudgement.Judge(1, 0, MetricDirection.LowerIsBetter));
    }

    [Fact]
    public void Negative_scores_use_the_size_of_the_target_for_the_band()
    {
        // NPS target −20, higher is better: band is 2 wide, down to −22.
        Assert.Equal(RagStatus.Amber, RagJudgement.Judge(-22, -20, MetricDirection.HigherIsBetter));
        Assert.Equal(RagStatus.Red, RagJudgement.Judge(-22.5, -20, MetricDirection.HigherIsBetter));
    }

    [Fact]
    public void A_result_is_judged_against_the_version_in_force_in_its_quarter()
    {
        var editor = new Editor(1, "Fatima", new DateTime(2025, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        var standard = new ServiceStandard(7, null, Definition(target: 80), StandardStatus.Active, new Quarter(2025, 1), editor);
        standard.Revise(Definition(target: 95), 7, new Quarter(2025, 3), editor);

        // 85 meets the old target of 80 in 2025-Q2; against 95 (amber down to 95 − 9.5 = 85.5) it is red from 2025-Q3 on.
        Assert.Equal(RagStatus.Green, standard.Judge(new Quarter(2025, 2), 85));
        Assert.Equal(RagStatus.Red, standard.Judge(new Quarter(2025, 3), 85));
        Assert.Equal(RagStatus.Amber, standard.Judge(new Quarter(2026, 1), 90));
        Assert.Equal(RagStatus.NoData, standard.Judge(new Quarter(2024, 4), 99));
        Assert.Equal(RagStatus.NoData, standard.Judge(new Quarter(2025, 3), null));
    }

    internal static StandardDefinition Definition(double target = 90, MetricUnit unit = MetricUnit.Percent, MetricDirection direction = MetricDirection.HigherIsBetter,
        double? amber = null, string title = "Complaints followed up") =>
        new(title, "Within one working day", ServiceAspect.Behaviour, ServiceChannel.Phone, RaterDimension.Empathy, "% followed up", unit, direction, target, amber);
}
