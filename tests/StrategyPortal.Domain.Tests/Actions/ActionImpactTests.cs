using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Tests.Actions;

/// <summary>The result impact of an action for each kind of cause, with hand-computed expectations.</summary>
public class ActionImpactTests
{
    private static readonly Quarter Q1 = new(2026, 1), Q2 = new(2026, 2), Q3 = new(2026, 3), Q4 = new(2026, 4);

    [Fact]
    public void A_red_standard_that_went_green_improved_by_the_difference_of_its_actuals()
    {
        // Target 90, higher is better, default band down to 81: 78 is red, 92 is green.
        var cause = ActionCause.ForStandard(7, Q1, 78, RagJudgement.Judge(78, 90, MetricDirection.HigherIsBetter), MetricDirection.HigherIsBetter);
        var impact = ActionImpact.Of(cause, [
            CauseReading.OfStandard(Q1, 78, RagStatus.Red), // the baseline's own quarter is not "since"
            CauseReading.OfStandard(Q2, 85, RagJudgement.Judge(85, 90, MetricDirection.HigherIsBetter)),
            CauseReading.OfStandard(Q3, 92, RagJudgement.Judge(92, 90, MetricDirection.HigherIsBetter)),
        ]);

        Assert.Equal(new CauseReading(Q1, 78, CauseStanding.Bad), impact.Baseline);
        Assert.Equal([Q2, Q3], impact.Since.Select(r => r.Quarter));
        Assert.Equal(CauseStanding.Watch, impact.Since[0].Standing); // 85 lies in the amber band 81–90
        Assert.Equal(new CauseReading(Q3, 92, CauseStanding.Good), impact.Now);
        Assert.Equal(14, impact.Change!.Value, 9);
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }

    [Fact]
    public void A_standard_whose_target_was_raised_since_is_judged_against_the_target_of_each_quarter()
    {
        // Q1: target 85 (amber from 76.5): 75 is red. From Q2 the target is 95 (amber from 85.5): 86 is amber, 88 still amber.
        var cause = ActionCause.ForStandard(3, Q1, 75, RagJudgement.Judge(75, 85, MetricDirection.HigherIsBetter), MetricDirection.HigherIsBetter);
        var impact = ActionImpact.Of(cause, [
            CauseReading.OfStandard(Q2, 86, RagJudgement.Judge(86, 95, MetricDirection.HigherIsBetter)),
            CauseReading.OfStandard(Q3, 84, RagJudgement.Judge(84, 95, MetricDirection.HigherIsBetter)),
        ]);

        Assert.Equal(CauseStanding.Bad, impact.Baseline.Standing);
        Assert.Equal(CauseStanding.Watch, impact.Since[0].Standing); // 86 would be green against the old 85
        Assert.Equal(CauseStanding.Bad, impact.Since[1].Standing);   // 84 is below 85.5: red against 95, amber against the old 85
        Assert.Equal(84, impact.Now!.Value);
        Assert.Equal(9, impact.Change!.Value, 9);
        // Red then and red now: the actual rose by 9, so it improved, though it never met the (raised) target.
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }

    [Fact]
    public void A_lower_is_better_standard_that_rose_worsened()
    {
        // Waiting time, target 8 min (amber up to 8.8): 9.5 and 11 are both red.
        var cause = ActionCause.ForStandard(1, Q2, 9.5, RagJudgement.Judge(9.5, 8, MetricDirection.LowerIsBetter), MetricDirection.LowerIsBetter);
        var impact = ActionImpact.Of(cause, [CauseReading.OfStandard(Q3, 11, RagJudgement.Judge(11, 8, MetricDirection.LowerIsBetter))]);

        Assert.Equal(1.5, impact.Change!.Value, 9);
        Assert.Equal(ImpactVerdict.Worsened, impact.Verdict);
    }

    [Fact]
    public void A_cause_with_no_value_in_a_quarter_shows_no_data_there_and_now_is_the_latest_value()
    {
        var cause = ActionCause.ForStandard(1, Q1, 70, RagStatus.Red, MetricDirection.HigherIsBetter);
        var impact = ActionImpact.Of(cause, [
            CauseReading.OfStandard(Q2, 80, RagStatus.Amber),
            CauseReading.OfStandard(Q3, null, RagStatus.NoData),
        ]);

        Assert.Equal(2, impact.Since.Count);
        Assert.False(impact.Since[1].HasValue);
        Assert.Equal(CauseStanding.NoData, impact.Since[1].Standing);
        Assert.Equal(Q2, impact.Now!.Quarter);
        Assert.Equal(10, impact.Change!.Value, 9);
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }

    [Fact]
    public void Nothing_measured_since_the_action_started_is_not_yet_measured()
    {
        var cause = ActionCause.ForStandard(1, Q3, 70, RagStatus.Red, MetricDirection.HigherIsBetter);
        var impact = ActionImpact.Of(cause, [CauseReading.OfStandard(Q4, null, RagStatus.NoData)]);

        Assert.Null(impact.Now);
        Assert.Null(impact.Change);
        Assert.Equal(ImpactVerdict.NotYetMeasured, impact.Verdict);
    }

    [Fact]
    public void An_unbacked_promise_that_became_backed_improved_by_its_verdict()
    {
        var cause = ActionCause.ForPromise(4, Q1, PromiseVerdict.Unbacked);
        var impact = ActionImpact.Of(cause, [CauseReading.OfPromise(Q2, PromiseVerdict.AtRisk), CauseReading.OfPromise(Q3, PromiseVerdict.Backed)]);

        Assert.Equal(2, impact.Baseline.Value);  // Unbacked
        Assert.Equal(0, impact.Now!.Value);      // Backed
        Assert.Equal(-2, impact.Change);
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }

    [Fact]
    public void A_promise_still_at_risk_is_unchanged()
    {
        var cause = ActionCause.ForPromise(4, Q1, PromiseVerdict.AtRisk);
        var impact = ActionImpact.Of(cause, [CauseReading.OfPromise(Q2, PromiseVerdict.AtRisk), CauseReading.OfPromise(Q3, null)]);

        Assert.Equal(ImpactVerdict.Unchanged, impact.Verdict);
        Assert.Equal(Q2, impact.Now!.Quarter);
    }

    [Fact]
    public void An_engagement_item_compares_favourable_percentages_in_points()
    {
        // 4 of 10 favourable = 40 %; later 6 of 10 = 60 %.
        var cause = ActionCause.ForEngagement(11, Q1, 5, 42, QuestionKind.Engagement, GroupVisibility.Shown, 40.0);
        var impact = ActionImpact.Of(cause, [new CauseReading(Q2, 60.0)]);

        Assert.Null(impact.Baseline.Standing);
        Assert.Equal(20, impact.Change!.Value, 9);
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }

    [Fact]
    public void An_enps_that_fell_worsened()
    {
        var cause = ActionCause.ForEngagement(11, Q1, 5, 43, QuestionKind.Enps, GroupVisibility.Shown, -7.0);
        var impact = ActionImpact.Of(cause, [new CauseReading(Q2, -12.5)]);

        Assert.Equal(-5.5, impact.Change!.Value, 9);
        Assert.Equal(ImpactVerdict.Worsened, impact.Verdict);
    }

    [Fact]
    public void Fewer_complaints_is_better_and_a_higher_nps_is_better()
    {
        var complaints = ActionCause.ForCustomerScore(5, ServiceChannel.Chat, CustomerScoreMeasure.Complaints, Q1, 120);
        Assert.Equal(ImpactVerdict.Improved, ActionImpact.Of(complaints, [new CauseReading(Q2, 90)]).Verdict);

        var nps = ActionCause.ForCustomerScore(5, ServiceChannel.Phone, CustomerScoreMeasure.Nps, Q1, 12.5);
        var impact = ActionImpact.Of(nps, [new CauseReading(Q2, 12.5)]);
        Assert.Equal(0, impact.Change);
        Assert.Equal(ImpactVerdict.Unchanged, impact.Verdict);
    }

    [Fact]
    public void A_complaint_signal_counts_signals_of_its_kind_and_fewer_is_better()
    {
        var cause = ActionCause.ForSignal(9, 5, ServiceChannel.Chat, SignalKind.Complaint, Q1, 14);
        var impact = ActionImpact.Of(cause, [new CauseReading(Q2, 6), new CauseReading(Q3, 9)]);

        Assert.Equal(14, impact.Baseline.Value);
        Assert.Equal(9, impact.Now!.Value);
        Assert.Equal(-5, impact.Change);
        Assert.Equal(ImpactVerdict.Improved, impact.Verdict);
    }
}
