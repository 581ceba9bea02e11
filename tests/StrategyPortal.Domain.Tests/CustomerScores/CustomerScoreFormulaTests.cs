using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Domain.Tests.CustomerScores;

public class CustomerScoreFormulaTests
{
    private static ScoreCounts Nps(params long[] perValue) => new(perValue, new long[5], new long[7], 0, new long[4]);

    [Fact]
    public void Nps_is_percent_promoters_minus_percent_detractors()
    {
        // 10 answers: 0 once, 6 once (2 detractors), 7 twice (2 passives), 9 three times and 10 three times (6 promoters).
        var counts = Nps(1, 0, 0, 0, 0, 0, 1, 2, 0, 3, 3);

        Assert.Equal(10, counts.NpsResponses);
        Assert.Equal(6, counts.Promoters);
        Assert.Equal(2, counts.Passives);
        Assert.Equal(2, counts.Detractors);
        Assert.Equal(40.0, CustomerScoreFormulas.Nps(counts)!.Value, 10); // 60% − 20%
    }

    [Fact]
    public void Nps_spans_minus_100_to_plus_100()
    {
        Assert.Equal(-100.0, CustomerScoreFormulas.Nps(Nps(2, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)));
        Assert.Equal(100.0, CustomerScoreFormulas.Nps(Nps(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3)));
        Assert.Equal(0.0, CustomerScoreFormulas.Nps(Nps(0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0)));
    }

    [Fact]
    public void No_answers_give_no_score_rather_than_zero()
    {
        var empty = new ScoreCounts();
        Assert.Null(CustomerScoreFormulas.Nps(empty));
        Assert.Null(CustomerScoreFormulas.NpsMargin(empty));
        Assert.Null(CustomerScoreFormulas.Csat(empty));
        Assert.Null(CustomerScoreFormulas.Ces(empty));
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void Margin_of_error_follows_the_variance_of_promoters_minus_detractors()
    {
        // p = 0.6, d = 0.2, n = 10: var = (0.8 − 0.4²)/10 = 0.064; 1.96 · √0.064 · 100 = 49.584…
        var counts = Nps(1, 0, 0, 0, 0, 0, 1, 2, 0, 3, 3);
        Assert.Equal(49.5845, CustomerScoreFormulas.NpsMargin(counts)!.Value, 4);
    }

    [Fact]
    public void Margin_is_19_6_points_for_a_half_promoter_half_detractor_sample_of_100()
    {
        // p = d = 0.5, n = 100: var = (1 − 0)/100 = 0.01; 1.96 · 0.1 · 100 = 19.6.
        var counts = Nps(50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50);
        Assert.Equal(19.6, CustomerScoreFormulas.NpsMargin(counts)!.Value, 10);
        Assert.Equal(0.0, CustomerScoreFormulas.Nps(counts));
    }

    [Fact]
    public void Margin_shrinks_with_the_square_root_of_the_sample()
    {
        var small = Nps(1, 0, 0, 0, 0, 0, 1, 2, 0, 3, 3);
        var hundredTimes = Nps(100, 0, 0, 0, 0, 0, 100, 200, 0, 300, 300);
        Assert.Equal(CustomerScoreFormulas.NpsMargin(small)!.Value / 10, CustomerScoreFormulas.NpsMargin(hundredTimes)!.Value, 10);
    }

    [Fact]
    public void All_promoters_have_no_spread()
    {
        Assert.Equal(0.0, CustomerScoreFormulas.NpsMargin(Nps(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2)));
    }

    [Fact]
    public void Csat_is_the_share_of_4_and_5_answers()
    {
        // 1:1, 2:1, 3:2, 4:3, 5:3 → 6 of 10 = 60%.
        var counts = new ScoreCounts(new long[11], [1, 1, 2, 3, 3], new long[7], 0, new long[4]);
        Assert.Equal(60.0, CustomerScoreFormulas.Csat(counts)!.Value, 10);
    }

    [Fact]
    public void Ces_is_the_mean_of_the_1_to_7_answers()
    {
        // one 3, one 4, two 5s: (3 + 4 + 10) / 4 = 4.25.
        var counts = new ScoreCounts(new long[11], new long[5], [0, 0, 1, 1, 2, 0, 0], 0, new long[4]);
        Assert.Equal(4.25, CustomerScoreFormulas.Ces(counts)!.Value, 10);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreCounts(new long[11], [1, -1, 0, 0, 0], new long[7], 0, new long[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreCounts(new long[11], new long[5], new long[7], -3, new long[4]));
        Assert.Throws<ArgumentException>(() => new ScoreCounts(new long[10], new long[5], new long[7], 0, new long[4]));
    }

    [Theory]
    [InlineData(0.05, CorrelationStrength.None)]
    [InlineData(-0.2, CorrelationStrength.Weak)]
    [InlineData(0.45, CorrelationStrength.Moderate)]
    [InlineData(-0.8, CorrelationStrength.Strong)]
    public void Correlation_strength_reads_the_absolute_value(double r, CorrelationStrength expected) =>
        Assert.Equal(expected, CustomerScoreFormulas.StrengthOf(r));

    [Fact]
    public void A_record_keeps_its_counts_and_refuses_channel_any_and_empty_source()
    {
        var counts = new ScoreCounts([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2], [0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 1, 0], 4, [1, 0, 0, 2]);
        var record = new CustomerScoreRecord(new DateOnly(2026, 5, 2), 3, ServiceChannel.Phone, " survey ", counts);

        Assert.Equal("survey", record.Source);
        Assert.Equal(2, record.Nps10);
        Assert.Equal(2, record.ChurnOther);
        Assert.Equal(new Quarter(2026, 2), record.Quarter);
        var back = record.ToCounts();
        Assert.Equal(counts.Nps, back.Nps);
        Assert.Equal(counts.Churn, back.Churn);
        Assert.Equal(4, back.Complaints);
        Assert.Throws<DomainException>(() => new CustomerScoreRecord(new DateOnly(2026, 5, 2), 3, ServiceChannel.Any, "survey", counts));
        Assert.Throws<DomainException>(() => new CustomerScoreRecord(new DateOnly(2026, 5, 2), 3, ServiceChannel.Phone, " ", counts));
    }
}
