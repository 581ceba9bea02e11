using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>Query shapes over the daily table: the counts of many rows summed in SQL (generated column by column).</summary>
internal static class ScoreSums
{
    /// <summary>Sums per day of the rows given; the result has one entry per day.</summary>
    public static IQueryable<DaySums> PerDay(IQueryable<CustomerScoreRecord> records) =>
        records.GroupBy(r => r.Date).Select(g => new DaySums(g.Key, new long[]
            {
                g.Sum(r => (long)r.Nps0),
                g.Sum(r => (long)r.Nps1),
                g.Sum(r => (long)r.Nps2),
                g.Sum(r => (long)r.Nps3),
                g.Sum(r => (long)r.Nps4),
                g.Sum(r => (long)r.Nps5),
                g.Sum(r => (long)r.Nps6),
                g.Sum(r => (long)r.Nps7),
                g.Sum(r => (long)r.Nps8),
                g.Sum(r => (long)r.Nps9),
                g.Sum(r => (long)r.Nps10),
                g.Sum(r => (long)r.Csat1),
                g.Sum(r => (long)r.Csat2),
                g.Sum(r => (long)r.Csat3),
                g.Sum(r => (long)r.Csat4),
                g.Sum(r => (long)r.Csat5),
                g.Sum(r => (long)r.Ces1),
                g.Sum(r => (long)r.Ces2),
                g.Sum(r => (long)r.Ces3),
                g.Sum(r => (long)r.Ces4),
                g.Sum(r => (long)r.Ces5),
                g.Sum(r => (long)r.Ces6),
                g.Sum(r => (long)r.Ces7),
                g.Sum(r => (long)r.Complaints),
                g.Sum(r => (long)r.ChurnService),
                g.Sum(r => (long)r.ChurnPrice),
                g.Sum(r => (long)r.ChurnNeed),
                g.Sum(r => (long)r.ChurnOther),
            }));
}

internal static class QuarterSums
{
    /// <summary>Sums of the summary rows per quarter and channel (the units of a subtree added up in SQL).</summary>
    public static IQueryable<QuarterChannelSums> PerQuarterAndChannel(IQueryable<CustomerScoreQuarter> rows) =>
        rows.GroupBy(r => new { r.QuarterKey, r.Channel }).Select(g => new QuarterChannelSums(g.Key.QuarterKey, g.Key.Channel, new long[]
            {
                g.Sum(r => r.Nps0),
                g.Sum(r => r.Nps1),
                g.Sum(r => r.Nps2),
                g.Sum(r => r.Nps3),
                g.Sum(r => r.Nps4),
                g.Sum(r => r.Nps5),
                g.Sum(r => r.Nps6),
                g.Sum(r => r.Nps7),
                g.Sum(r => r.Nps8),
                g.Sum(r => r.Nps9),
                g.Sum(r => r.Nps10),
                g.Sum(r => r.Csat1),
                g.Sum(r => r.Csat2),
                g.Sum(r => r.Csat3),
                g.Sum(r => r.Csat4),
                g.Sum(r => r.Csat5),
                g.Sum(r => r.Ces1),
                g.Sum(r => r.Ces2),
                g.Sum(r => r.Ces3),
                g.Sum(r => r.Ces4),
                g.Sum(r => r.Ces5),
                g.Sum(r => r.Ces6),
                g.Sum(r => r.Ces7),
                g.Sum(r => r.Complaints),
                g.Sum(r => r.ChurnService),
                g.Sum(r => r.ChurnPrice),
                g.Sum(r => r.ChurnNeed),
                g.Sum(r => r.ChurnOther),
            }));
}

internal sealed record QuarterChannelSums(int QuarterKey, StrategyPortal.Domain.Common.ServiceChannel Channel, long[] Sums)
{
    public ScoreCounts ToCounts() => new(Sums[0..11], Sums[11..16], Sums[16..23], Sums[23], Sums[24..28]);
}

internal sealed record DaySums(DateOnly Date, long[] Sums)
{
    public ScoreCounts ToCounts() => new(Sums[0..11], Sums[11..16], Sums[16..23], Sums[23], Sums[24..28]);
}
