using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Engagement;

/// <summary>Counts of one unit's own responses (not its sub-units') in one round.</summary>
internal sealed record UnitCounts(int RoundId, int UnitId, int Responses, int Engaged, int NotEngaged, int Disengaged, int Promoters, int Passives, int Detractors);

/// <summary>One round's counts per unit, the invited per unit, and which groups the anonymity rules let show.</summary>
internal sealed class RoundCounts(Dictionary<int, UnitCounts> units, Dictionary<int, int> invited)
{
    public Dictionary<int, UnitCounts> Units { get; } = units;
    public Dictionary<int, int> Invited { get; } = invited;
    public IReadOnlyDictionary<int, GroupVisibility> Visibility { get; set; } = new Dictionary<int, GroupVisibility>();
    public IReadOnlyDictionary<int, GroupVisibility> CommentVisibility { get; set; } = new Dictionary<int, GroupVisibility>();

    /// <summary>The rolled-up figures of a group (a unit with its sub-units).</summary>
    public (int N, int Engaged, int NotEngaged, int Disengaged, int Promoters, int Passives, int Detractors, int Invited) Sum(IReadOnlyList<int> subtree)
    {
        int n = 0, e = 0, ne = 0, ad = 0, p = 0, pa = 0, d = 0, inv = 0;
        foreach (var u in subtree)
        {
            inv += Invited.GetValueOrDefault(u);
            if (!Units.TryGetValue(u, out var c)) continue;
            n += c.Responses; e += c.Engaged; ne += c.NotEngaged; ad += c.Disengaged; p += c.Promoters; pa += c.Passives; d += c.Detractors;
        }
        return (n, e, ne, ad, p, pa, d, inv);
    }
}

/// <summary>The rounds with results, in a query: <see cref="PulseRound.HasClosedBy"/> as SQL.</summary>
internal static class ClosedRounds
{
    /// <summary>Rounds whose last day lies before <paramref name="today"/>: no answer can arrive any more.</summary>
    public static IQueryable<PulseRound> ClosedBy(this IQueryable<PulseRound> rounds, DateOnly today) => rounds.Where(r => r.ClosesOn < today);
}

/// <summary>
/// The one place that counts a round's responses per unit and applies the anonymity rules
/// (<see cref="GroupSuppression"/> over the whole organisation, per round, with the pulse's thresholds).
/// The results pages, the export, the scorecards and the engagement × customer view all read from it, so they hide the
/// same groups. It counts closed rounds only: an open round's results could be compared before and after one answer.
/// </summary>
internal static class PulseRoundCounter
{
    /// <summary>A closed round never changes (no answer is accepted after its last day), so its counts are kept a while.</summary>
    public static readonly TimeSpan ClosedRoundCache = TimeSpan.FromMinutes(10);

    public static async Task<Dictionary<int, RoundCounts>> CountAsync(IPortalDb db, IMemoryCache cache, IReadOnlyList<PulseRound> rounds,
        IReadOnlyDictionary<int, PulseSurvey> surveys, OrgTree tree, IReadOnlyList<int> roots, DateOnly today, CancellationToken cancellationToken)
    {
        if (rounds.FirstOrDefault(r => !r.HasClosedBy(today)) is { } open)
            throw new ArgumentException($"Round {open.Id} has not closed: only closed rounds have results.", nameof(rounds));
        var roundIds = rounds.Select(r => r.Id).ToList();
        var counts = new List<UnitCounts>();
        var toCount = new List<int>();
        foreach (var r in rounds)
        {
            if (cache.TryGetValue(CountsKey(r.Id), out List<UnitCounts>? cached)) counts.AddRange(cached!);
            else toCount.Add(r.Id);
        }
        if (toCount.Count > 0)
        {
            var fresh = await db.PulseResponses.AsNoTracking().Where(r => toCount.Contains(r.RoundId))
                .GroupBy(r => new { r.RoundId, r.UnitId })
                .Select(g => new UnitCounts(g.Key.RoundId, g.Key.UnitId, g.Count(),
                    g.Count(r => r.EngagementMean >= EngagementFormulas.EngagedFrom),
                    g.Count(r => r.EngagementMean > EngagementFormulas.ActivelyDisengagedUpTo && r.EngagementMean < EngagementFormulas.EngagedFrom),
                    g.Count(r => r.EngagementMean <= EngagementFormulas.ActivelyDisengagedUpTo),
                    g.Count(r => r.Enps >= 9), g.Count(r => r.Enps >= 7 && r.Enps <= 8), g.Count(r => r.Enps <= 6)))
                .ToListAsync(cancellationToken);
            counts.AddRange(fresh);
            foreach (var r in rounds.Where(r => toCount.Contains(r.Id)))
                cache.Set(CountsKey(r.Id), fresh.Where(c => c.RoundId == r.Id).ToList(), ClosedRoundCache);
        }
        var invited = await db.PulseRoundUnits.AsNoTracking().Where(u => roundIds.Contains(u.RoundId)).ToListAsync(cancellationToken);

        var perRound = rounds.ToDictionary(r => r.Id, r => new RoundCounts(
            counts.Where(c => c.RoundId == r.Id).ToDictionary(c => c.UnitId),
            invited.Where(i => i.RoundId == r.Id).ToDictionary(i => i.UnitId, i => i.Invited)));
        foreach (var r in rounds)
        {
            var rc = perRound[r.Id];
            var survey = surveys[r.SurveyId];
            var direct = rc.Units.ToDictionary(u => u.Key, u => u.Value.Responses);
            rc.Visibility = GroupSuppression.Compute(tree, roots, direct, survey.MinGroupSize);
            rc.CommentVisibility = GroupSuppression.Compute(tree, roots, direct, survey.CommentThreshold);
        }
        return perRound;
    }

    private static string CountsKey(int roundId) => "pulse-results-counts:" + roundId.ToString(CultureInfo.InvariantCulture);
}
