using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Engagement per unit (with its sub-units) and quarter from the closed pulse rounds that opened in that quarter, for the
/// engagement × customer view and the scorecards. A unit is taken as each round recorded it when it opened (its sub-units
/// then), so a later reorganisation changes no figure. The anonymity rules are those of the results pages, computed by
/// the same code (<see cref="PulseRoundCounter"/>: per round, over the round's recorded organisation, with the pulse's thresholds):
/// <list type="bullet">
/// <item>a unit counts for a quarter only from the rounds that showed it; those rounds' counts are pooled, so the
/// figure is built from results the results page shows anyway and never from a hidden group;</item>
/// <item>a unit that was in the audience of a round of the quarter but shown in none is <see cref="UnitEngagement.Suppressed"/>
/// and carries no numbers;</item>
/// <item>a unit no round of the quarter recorded has no entry;</item>
/// <item>a round that has not closed counts for nothing: a quarter whose only round is still open has no entries.</item>
/// </list>
/// It reads no signed-in user (a background job may call it); the caller narrows to what its reader may see.
/// </summary>
public sealed class PulseUnitEngagementSource(IPortalDbFactory dbFactory, TimeProvider clock, IMemoryCache cache) : IUnitEngagementSource
{
    public async Task<IReadOnlyList<UnitEngagement>> GetAsync(IReadOnlyCollection<int> unitIds, Quarter from, Quarter to, CancellationToken cancellationToken = default)
    {
        if (unitIds.Count == 0 || from > to) return [];
        var today = clock.Today();
        var first = from.Start;
        var last = to.End < today ? to.End : today;

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // Closed rounds only: an open round has no results anywhere (they could be compared before and after one answer).
        var rounds = await db.PulseRounds.AsNoTracking().ClosedBy(today).Where(r => r.OpensOn >= first && r.OpensOn <= last).ToListAsync(cancellationToken);
        if (rounds.Count == 0) return [];
        var surveyIds = rounds.Select(r => r.SurveyId).Distinct().ToList();
        var surveys = await db.PulseSurveys.AsNoTracking().Where(s => surveyIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var perRound = await PulseRoundCounter.CountAsync(db, cache, rounds, surveys, today, cancellationToken);

        var result = new List<UnitEngagement>();
        foreach (var quarter in rounds.GroupBy(r => Quarter.Of(r.OpensOn)).OrderBy(g => g.Key))
        {
            foreach (var unitId in unitIds.Distinct().Order())
            {
                var asked = false;
                int engaged = 0, notEngaged = 0, disengaged = 0, promoters = 0, passives = 0, detractors = 0;
                foreach (var round in quarter)
                {
                    var rc = perRound[round.Id];
                    if (!rc.Structure.Contains(unitId)) continue;
                    asked = true;
                    if (rc.ScoresOf(unitId) != GroupVisibility.Shown) continue;
                    var sum = rc.Sum(unitId);
                    engaged += sum.Engaged; notEngaged += sum.NotEngaged; disengaged += sum.Disengaged;
                    promoters += sum.Promoters; passives += sum.Passives; detractors += sum.Detractors;
                }
                if (!asked) continue;
                var classified = engaged + notEngaged + disengaged;
                var enps = new EnpsResult(promoters, passives, detractors);
                if (classified == 0 && enps.Respondents == 0)
                {
                    result.Add(UnitEngagement.Hidden(unitId, quarter.Key));
                    continue;
                }
                result.Add(new UnitEngagement(unitId, quarter.Key, false,
                    classified > 0 ? EngagementFormulas.Shares(engaged, notEngaged, disengaged).Engaged : null, enps.Score));
            }
        }
        return result;
    }
}
