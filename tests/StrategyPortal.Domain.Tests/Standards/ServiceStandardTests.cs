using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using static StrategyPortal.Domain.Tests.Standards.RagJudgementTests;

namespace StrategyPortal.Domain.Tests.Standards;

public class ServiceStandardTests
{
    private static readonly Editor Fatima = new(3, "Fatima el Amrani", new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc));
    private static readonly Quarter Q1 = new(2026, 1);

    [Theory]
    [InlineData(101.0)]
    [InlineData(-1.0)]
    public void A_percentage_target_stays_within_0_and_100(double target)
    {
        var e = Assert.Throws<DomainException>(() => Definition(target: target).Validate());
        Assert.Equal("standard.target-range", e.Code);
    }

    [Theory]
    [InlineData(MetricDirection.HigherIsBetter, 95.0, "standard.amber-below-target")] // threshold above target while higher is better
    [InlineData(MetricDirection.LowerIsBetter, 85.0, "standard.amber-above-target")]  // threshold below target while lower is better
    public void The_amber_threshold_must_lie_on_the_worse_side(MetricDirection direction, double amber, string code)
    {
        var e = Assert.Throws<DomainException>(() => Definition(target: 90, direction: direction, amber: amber).Validate());
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void Durations_cannot_be_negative()
    {
        var e = Assert.Throws<DomainException>(() => Definition(target: -2, unit: MetricUnit.Hours, direction: MetricDirection.LowerIsBetter).Validate());
        Assert.Equal("standard.target-range", e.Code);
    }

    [Fact]
    public void Creating_writes_the_first_version()
    {
        var standard = new ServiceStandard(4, "CI-01", Definition(), StandardStatus.Active, Q1, Fatima);
        var version = Assert.Single(standard.Versions);
        Assert.Equal(1, version.Number);
        Assert.Equal(Q1, version.EffectiveQuarter);
        Assert.Equal(["Created"], version.ChangedFields);
        Assert.Equal("Fatima el Amrani", version.ChangedByName);
        Assert.Equal(StandardStatus.Active, version.Status);
    }

    [Fact]
    public void Revising_appends_a_version_with_what_changed()
    {
        var standard = new ServiceStandard(4, "CI-01", Definition(), StandardStatus.Active, Q1, Fatima);
        standard.Revise(Definition(target: 95, amber: 90), 4, Q1.Next, Fatima);
        Assert.Equal(2, standard.Versions.Count);
        Assert.Equal(["Target", "AmberThreshold"], standard.LatestVersion.ChangedFields);
        Assert.Equal(95, standard.Target);
        Assert.Equal(90, standard.Versions[0].Target);
    }

    [Fact]
    public void Saving_without_a_change_is_refused()
    {
        var standard = new ServiceStandard(4, null, Definition(), StandardStatus.Active, Q1, Fatima);
        Assert.Equal("standard.nothing-changed", Assert.Throws<DomainException>(() => standard.Revise(Definition(), 4, Q1, Fatima)).Code);
    }

    [Fact]
    public void A_change_cannot_take_effect_before_the_previous_one()
    {
        var standard = new ServiceStandard(4, null, Definition(), StandardStatus.Active, Q1, Fatima);
        Assert.Equal("standard.effective-too-early", Assert.Throws<DomainException>(() => standard.Revise(Definition(target: 80), 4, Q1.Previous, Fatima)).Code);
    }

    [Fact]
    public void Retiring_keeps_history_and_blocks_later_results_but_not_earlier_ones()
    {
        var standard = new ServiceStandard(4, null, Definition(), StandardStatus.Active, Q1, Fatima);
        standard.Retire(Q1.Next, Fatima);
        Assert.Equal(StandardStatus.Retired, standard.Status);
        Assert.Equal(2, standard.Versions.Count);
        Assert.Equal(88, standard.RecordResult(Q1, 88, Fatima).ActualValue);
        Assert.Equal("result.not-active", Assert.Throws<DomainException>(() => standard.RecordResult(Q1.Next, 88, Fatima)).Code);
        Assert.Equal("standard.retired", Assert.Throws<DomainException>(() => standard.Revise(Definition(target: 70), 4, Q1.Next, Fatima)).Code);
    }

    [Fact]
    public void Draft_standards_take_no_results_and_values_must_fit_the_unit()
    {
        var draft = new ServiceStandard(4, null, Definition(), StandardStatus.Draft, Q1, Fatima);
        Assert.Equal("result.not-active", Assert.Throws<DomainException>(() => draft.RecordResult(Q1, 80, Fatima)).Code);
        draft.Activate(Q1, Fatima);
        Assert.Equal("result.out-of-range", Assert.Throws<DomainException>(() => draft.RecordResult(Q1, 120, Fatima)).Code);
    }
}
