using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>Counts of one unit's own responses (not its sub-units') in one round.</summary>
internal sealed record UnitCounts(int RoundId, int UnitId, int Responses, int Engaged, int NotEngaged, int Disengaged, int Promoters, int Passives, int Detractors);

/// <summary>
/// One closed round's counts per unit, over the organisation the round recorded when it opened
/// (<see cref="RoundStructure"/>), and which groups the anonymity rules let show which figures.
/// </summary>
internal sealed class RoundCounts(RoundStructure structure, Dictionary<int, UnitCounts> units, RoundVisibility visibility)
{
    public RoundStructure Structure { get; } = structure;
    public Dictionary<int, UnitCounts> Units { get; } = units;
    public RoundVisibility Visibility { get; } = visibility;

    /// <summary>The rolled-up figures of a group (a unit of the round with its sub-units in the round).</summary>
    public (int N, int Engaged, int NotEngaged, int Disengaged, int Promoters, int Passives, int Detractors, int Invited) Sum(int unitId)
    {
        int n = 0, e = 0, ne = 0, ad = 0, p = 0, pa = 0, d = 0;
        foreach (var u in Structure.SubtreeOf(unitId))
        {
            if (!Units.TryGetValue(u, out var c)) continue;
            n += c.Responses; e += c.Engaged; ne += c.NotEngaged; ad += c.Disengaged; p += c.Promoters; pa += c.Passives; d += c.Detractors;
        }
        return (n, e, ne, ad, p, pa, d, Structure.InvitedIn(unitId));
    }

    public GroupVisibility ScoresOf(int unitId) => Visibility.Scores.GetValueOrDefault(unitId, GroupVisibility.TooFew);

    /// <summary>The group's response rate where the rules let it show, else null.</summary>
    public double? RateOf(int unitId, int responses) =>
        Visibility.Rates.GetValueOrDefault(unitId) == GroupVisibility.Shown ? EngagementFormulas.ResponseRate(responses, Structure.InvitedIn(unitId)) : null;
}

/// <summary>The rounds with results, in a query: <see cref="PulseRound.HasClosedBy"/> as SQL.</summary>
internal static class ClosedRounds
{
    /// <summary>Rounds whose last day lies before <paramref name="today"/>: no answer can arrive any more.</summary>
    public static IQueryable<PulseRound> ClosedBy(this IQueryable<PulseRound> rounds, DateOnly today) => rounds.Where(r => r.ClosesOn < today);
}

/// <summary>The organisation each round recorded when it opened, read from <see cref="PulseRoundUnit"/>.</summary>
internal static class RoundStructures
{
    public static async Task<Dictionary<int, RoundStructure>> LoadAsync(IPortalDb db, IReadOnlyCollection<int> roundIds, CancellationToken cancellationToken)
    {
        var ids = roundIds.Distinct().ToList();
        var units = await db.PulseRoundUnits.AsNoTracking().Where(u => ids.Contains(u.RoundId)).ToListAsync(cancellationToken);
        var byRound = units.GroupBy(u => u.RoundId).ToDictionary(g => g.Key, g => g.ToList());
        return ids.ToDictionary(id => id, id => new RoundStructure(byRound.GetValueOrDefault(id) ?? []));
    }
}

/// <summary>
/// How many were invited to and took part in each round as a whole, as a reader may see it: the total only where the round's
/// rules let it show (at least 5 invited); an open round's from its once-a-day count, a closed round's from its responses.
/// </summary>
internal static class RoundParticipation
{
    public static async Task<Dictionary<int, (int? Invited, int? Answered)>> TotalsAsync(IPortalDb db, IReadOnlyList<PulseRound> rounds, DateOnly today,
        CancellationToken cancellationToken)
    {
        var recorded = rounds.Where(r => r.HasRecordedAudience).ToList();
        foreach (var r in recorded.Where(r => r.IsOpenOn(today)))
            await RoundAudienceRecorder.CountParticipationTodayAsync(db, r.Id, today, cancellationToken);
        var structures = await RoundStructures.LoadAsync(db, recorded.Select(r => r.Id).ToList(), cancellationToken);
        var closed = recorded.Where(r => r.HasClosedBy(today)).Select(r => r.Id).ToList();
        var responses = await db.PulseResponses.AsNoTracking().Where(r => closed.Contains(r.RoundId)).GroupBy(r => r.RoundId)
            .Select(g => new { RoundId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.RoundId, g => g.Count, cancellationToken);
        return rounds.ToDictionary(r => r.Id, r =>
        {
            if (!structures.TryGetValue(r.Id, out var structure)) return ((int?)null, (int?)null);
            var invited = structure.InvitedIn(RoundStructure.WholeAudience);
            if (structure.RateVisibility.GetValueOrDefault(RoundStructure.WholeAudience) != GroupVisibility.Shown) return (invited, null);
            return (invited, r.HasClosedBy(today) ? responses.GetValueOrDefault(r.Id) : structure.TookPartIn(RoundStructure.WholeAudience));
        });
    }
}

/// <summary>
/// The one place that counts a round's responses per unit and applies the anonymity rules (<see cref="RoundStructure.VisibilityOf"/>
/// over the round's own recorded organisation, with the pulse's thresholds). The results pages, the export, the scorecards and
/// the engagement × customer view all read from it, so they hide the same groups, and a reorganisation after the round opened
/// changes none of it. It counts closed rounds only: an open round's results could be compared before and after one answer.
/// </summary>
internal static class PulseRoundCounter
{
    /// <summary>A closed round never changes (no answer is accepted after its last day, its structure is recorded), so its counts are kept a while.</summary>
    public static readonly TimeSpan ClosedRoundCache = TimeSpan.FromMinutes(10);

    public static async Task<Dictionary<int, RoundCounts>> CountAsync(IPortalDb db, IMemoryCache cache, IReadOnlyList<PulseRound> rounds,
        IReadOnlyDictionary<int, PulseSurvey> surveys, DateOnly today, CancellationToken cancellationToken)
    {
        if (rounds.FirstOrDefault(r => !r.HasClosedBy(today)) is { } open)
            throw new ArgumentException($"Round {open.Id} has not closed: only closed rounds have results.", nameof(rounds));
        var result = new Dictionary<int, RoundCounts>();
        var toCount = new List<PulseRound>();
        foreach (var r in rounds)
        {
            if (cache.TryGetValue(CountsKey(r.Id), out RoundCounts? cached)) result[r.Id] = cached!;
            else toCount.Add(r);
        }
        if (toCount.Count == 0) return result;

        var ids = toCount.Select(r => r.Id).ToList();
        var structures = await RoundStructures.LoadAsync(db, ids, cancellationToken);
        var fresh = await db.PulseResponses.AsNoTracking().Where(r => ids.Contains(r.RoundId))
            .GroupBy(r => new { r.RoundId, r.UnitId })
            .Select(g => new UnitCounts(g.Key.RoundId, g.Key.UnitId, g.Count(),
                g.Count(r => r.EngagementMean >= EngagementFormulas.EngagedFrom),
                g.Count(r => r.EngagementMean > EngagementFormulas.ActivelyDisengagedUpTo && r.EngagementMean < EngagementFormulas.EngagedFrom),
                g.Count(r => r.EngagementMean <= EngagementFormulas.ActivelyDisengagedUpTo),
                g.Count(r => r.Enps >= 9), g.Count(r => r.Enps >= 7 && r.Enps <= 8), g.Count(r => r.Enps <= 6)))
            .ToListAsync(cancellationToken);
        foreach (var r in toCount)
        {
            var structure = structures[r.Id];
            // A response always counts in a unit its round recorded (the unit of the invitation); anything else would be a
            // unit the round never knew, and is left out rather than guessed at.
            var units = fresh.Where(c => c.RoundId == r.Id && structure.Contains(c.UnitId)).ToDictionary(c => c.UnitId);
            var visibility = structure.VisibilityOf(units.ToDictionary(u => u.Key, u => u.Value.Responses), surveys[r.SurveyId].Thresholds);
            var counts = new RoundCounts(structure, units, visibility);
            cache.Set(CountsKey(r.Id), counts, ClosedRoundCache);
            result[r.Id] = counts;
        }
        return result;
    }

    private static string CountsKey(int roundId) => "pulse-results-counts:" + roundId.ToString(CultureInfo.InvariantCulture);
}
