using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Domain.Tests.CustomerScores;

public class ScoreRollupTests
{
    private static ScoreCounts Day(long detractors, long promoters, long complaints = 0, long csatTop = 0, long csatLow = 0) =>
        new([detractors, 0, 0, 0, 0, 0, 0, 0, 0, 0, promoters], [csatLow, 0, 0, 0, csatTop], new long[7], complaints, new long[4]);

    private static readonly (DateOnly, ScoreCounts)[] Days =
    [
        (new DateOnly(2026, 1, 5), Day(0, 1, complaints: 2, csatTop: 1)),   // NPS +100 that day
        (new DateOnly(2026, 1, 20), Day(3, 0, complaints: 1, csatLow: 3)),  // NPS −100 that day
        (new DateOnly(2026, 3, 31), Day(1, 1)),
        (new DateOnly(2026, 4, 1), Day(0, 2, complaints: 5)),
    ];

    [Fact]
    public void Days_roll_up_to_months_by_adding_counts()
    {
        var months = ScoreRollup.ByMonth(Days);

        Assert.Equal([(2026, 1), (2026, 3), (2026, 4)], months.Keys.ToList());
        var january = months[(2026, 1)];
        Assert.Equal(4, january.NpsResponses);
        Assert.Equal(3, january.Complaints);
        // 1 promoter and 3 detractors of 4: (1 − 3)/4 = −50, not the mean of +100 and −100 (0).
        Assert.Equal(-50.0, CustomerScoreFormulas.Nps(january));
        Assert.Equal(25.0, CustomerScoreFormulas.Csat(january));
    }

    [Fact]
    public void Days_and_months_roll_up_to_the_same_quarters()
    {
        var quarters = ScoreRollup.ByQuarter(Days);
        var viaMonths = ScoreRollup.MonthsToQuarters(ScoreRollup.ByMonth(Days));

        Assert.Equal([new Quarter(2026, 1), new Quarter(2026, 2)], quarters.Keys.ToList());
        var q1 = quarters[new Quarter(2026, 1)];
        Assert.Equal(6, q1.NpsResponses);          // 1 + 3 + 2
        Assert.Equal(2, q1.Promoters);
        Assert.Equal(4, q1.Detractors);
        Assert.Equal(3, q1.Complaints);
        Assert.Equal(100.0 * (2 - 4) / 6, CustomerScoreFormulas.Nps(q1)!.Value, 10);
        Assert.Equal(5, quarters[new Quarter(2026, 2)].Complaints);
        foreach (var (quarter, counts) in quarters)
        {
            Assert.Equal(counts.Nps, viaMonths[quarter].Nps);
            Assert.Equal(counts.Complaints, viaMonths[quarter].Complaints);
        }
    }

    [Fact]
    public void Summing_units_adds_every_count()
    {
        var total = ScoreCounts.Sum([Day(1, 2, complaints: 3), Day(4, 5, complaints: 6)]);
        Assert.Equal(5, total.Nps[0]);
        Assert.Equal(7, total.Nps[10]);
        Assert.Equal(9, total.Complaints);
    }
}
