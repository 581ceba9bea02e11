using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Domain.Tests.Engagement;

public class PulseModelTests
{
    private static PulseSurvey Survey(PulseCadence cadence, DateOnly opens, DateOnly closes) =>
        new("Pulse", cadence, opens, closes, AnonymityThresholds.Default, [1, 2], [10]);

    [Fact]
    public void Quarterly_rounds_open_three_months_apart_and_keep_their_length()
    {
        var survey = Survey(PulseCadence.Quarterly, new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 29));
        Assert.Equal((new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 29)), survey.DatesOfRound(1));
        Assert.Equal((new DateOnly(2026, 7, 15), new DateOnly(2026, 7, 29)), survey.DatesOfRound(3));
    }

    [Fact]
    public void Next_round_comes_only_after_the_last_one_closed_and_skips_missed_rounds()
    {
        var survey = Survey(PulseCadence.Monthly, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 10));
        var closes = new DateOnly(2026, 1, 10);
        Assert.Null(survey.NextRoundNumber(1, closes, new DateOnly(2026, 1, 10)));
        Assert.Equal(2, survey.NextRoundNumber(1, closes, new DateOnly(2026, 1, 11)));
        // Round 2 (Feb 1–10) and 3 (Mar 1–10) passed unseen; round 4 closes April 10.
        Assert.Equal(4, survey.NextRoundNumber(1, closes, new DateOnly(2026, 3, 20)));
    }

    [Fact]
    public void A_one_off_or_stopped_pulse_gets_no_next_round()
    {
        Assert.Null(Survey(PulseCadence.Once, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 10)).NextRoundNumber(1, new DateOnly(2026, 1, 10), new DateOnly(2027, 1, 1)));
        var stopped = Survey(PulseCadence.Quarterly, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 10));
        stopped.Stop();
        Assert.Null(stopped.NextRoundNumber(1, new DateOnly(2026, 1, 10), new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void A_monthly_round_must_close_before_the_next_opens() =>
        Assert.Equal("pulse.dates-overlap", Assert.Throws<DomainException>(() => Survey(PulseCadence.Monthly, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 29))).Code);

    [Fact]
    public void A_round_is_open_from_its_first_to_its_last_day()
    {
        var round = new PulseRound(1, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 14));
        Assert.True(round.IsNotYetOpenOn(new DateOnly(2026, 2, 28)));
        Assert.True(round.IsOpenOn(new DateOnly(2026, 3, 1)));
        Assert.True(round.IsOpenOn(new DateOnly(2026, 3, 14)));
        Assert.True(round.HasClosedBy(new DateOnly(2026, 3, 15)));
    }

    [Fact]
    public void Revising_an_answered_item_retires_it_and_makes_the_next_version()
    {
        var item = new PulseQuestion("eng-purpose", QuestionKind.Engagement, "Ik weet waarom", "I know why");
        Assert.Throws<DomainException>(() => item.Reword("a", "b", inUse: true));
        var next = item.Revise("Ik weet waarom mijn werk telt", "I know why my work matters");
        Assert.False(item.IsActive);
        Assert.Equal("ENG-PURPOSE", next.Code);
        Assert.Equal(2, next.Revision);
        Assert.Equal(QuestionKind.Engagement, next.Kind);
        Assert.True(next.IsActive);
    }

    [Fact]
    public void A_response_keeps_the_day_the_mean_and_the_enps_but_no_sequence()
    {
        var answers = new[] { new ScaledAnswer(3, QuestionKind.Engagement, 5), new ScaledAnswer(1, QuestionKind.Engagement, 2), new ScaledAnswer(7, QuestionKind.Enps, 9) };
        var a = PulseResponse.Create(1, 2, new DateOnly(2026, 5, 4), answers);
        var b = PulseResponse.Create(1, 2, new DateOnly(2026, 5, 4), answers);
        Assert.Equal("1:2,3:5,7:9", a.Answers);
        Assert.Equal(3.5, a.EngagementMean);
        Assert.Equal(9, a.Enps);
        Assert.Equal([(1, 2), (3, 5), (7, 9)], a.DecodeAnswers());
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(4, a.Id.Version); // random (v4), not time-ordered (v7)
    }
}
