using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.CustomerScores;

/// <summary>Rolls daily counts up to months and quarters by adding counts (never by averaging scores).</summary>
public static class ScoreRollup
{
    public static IReadOnlyDictionary<(int Year, int Month), ScoreCounts> ByMonth(IEnumerable<(DateOnly Date, ScoreCounts Counts)> days)
    {
        var result = new SortedDictionary<(int, int), ScoreCounts>();
        foreach (var (date, counts) in days)
        {
            var key = (date.Year, date.Month);
            if (!result.TryGetValue(key, out var total)) result[key] = total = new ScoreCounts();
            total.Add(counts);
        }
        return result;
    }

    public static IReadOnlyDictionary<Quarter, ScoreCounts> ByQuarter(IEnumerable<(DateOnly Date, ScoreCounts Counts)> days)
    {
        var result = new SortedDictionary<Quarter, ScoreCounts>();
        foreach (var (date, counts) in days)
        {
            var key = Quarter.Of(date);
            if (!result.TryGetValue(key, out var total)) result[key] = total = new ScoreCounts();
            total.Add(counts);
        }
        return result;
    }

    /// <summary>Months to quarters: the same sum, one level up (a quarter is exactly its three months).</summary>
    public static IReadOnlyDictionary<Quarter, ScoreCounts> MonthsToQuarters(IReadOnlyDictionary<(int Year, int Month), ScoreCounts> months)
    {
        var result = new SortedDictionary<Quarter, ScoreCounts>();
        foreach (var ((year, month), counts) in months)
        {
            var key = Quarter.Of(new DateOnly(year, month, 1));
            if (!result.TryGetValue(key, out var total)) result[key] = total = new ScoreCounts();
            total.Add(counts);
        }
        return result;
    }
}
