using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Promises;

/// <summary>
/// The promises part of a scorecard, without a signed-in user: the promises live in the quarter with their stored
/// verdict (evaluated on the spot when a live quarter was never evaluated), the previous quarter's verdict, the
/// complaints linked to them, and the verdict counts per quarter. For a unit: the promises leaning on capabilities
/// owned by that unit or its sub-units.
/// </summary>
public sealed class PromiseScorecardSource(IPortalDbFactory dbFactory, PromiseCheckRunner runner, PromiseReasonText reasons) : IScorecardPromiseSource
{
    public async Task<ScorecardPromises> GetAsync(Quarter quarter, int? unitId, Quarter historyFrom, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var promises = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).ToListAsync(cancellationToken);
        if (unitId is { } id)
        {
            var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
            var subtree = new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(id).ToHashSet();
            var capabilities = await db.Capabilities.AsNoTracking().Where(c => subtree.Contains(c.OwnerUnitId)).Select(c => c.Id).ToListAsync(cancellationToken);
            promises = promises.Where(p => p.Requirements.Any(r => capabilities.Contains(r.CapabilityId))).ToList();
        }
        if (promises.Count == 0) return ScorecardPromises.None;

        var first = historyFrom <= quarter ? historyFrom : quarter;
        var quarters = Quarter.Range(first, quarter).ToList();
        var keys = quarters.Select(q => q.Key).Append(quarter.Previous.Key).Distinct().ToList();
        var ids = promises.Select(p => p.Id).ToList();
        var stored = (await db.PromiseCheckResults.AsNoTracking().Where(r => ids.Contains(r.PromiseId) && keys.Contains(r.QuarterKey)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.PromiseId, r.QuarterKey));
        var missing = await runner.ComputeAsync(db, promises,
            p => quarters.Append(quarter.Previous).Where(q => p.IsLiveIn(q) && !stored.ContainsKey((p.Id, q.Key))), cancellationToken);

        (PromiseVerdict Verdict, IReadOnlyList<PromiseReason> Reasons, int Complaints)? VerdictOf(MarketingPromise p, Quarter q)
        {
            if (!p.IsLiveIn(q)) return null;
            if (stored.TryGetValue((p.Id, q.Key), out var r)) return (r.Verdict, r.Reasons, r.Complaints);
            if (missing.TryGetValue((p.Id, q.Key), out var m)) return (m.Outcome.Verdict, m.Outcome.Reasons, m.Complaints);
            return null;
        }

        var owners = await db.People.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
        var rows = new List<ScorecardPromise>();
        foreach (var p in promises.OrderBy(p => p.LiveFrom).ThenBy(p => p.Id))
        {
            if (VerdictOf(p, quarter) is not { } now) continue;
            rows.Add(new ScorecardPromise(p.Id, p.Claim, p.Campaign, owners.GetValueOrDefault(p.OwnerPersonId, string.Empty), now.Verdict,
                VerdictOf(p, quarter.Previous)?.Verdict, reasons.Of(now.Reasons), now.Complaints));
        }
        var history = quarters.Select(q =>
        {
            var verdicts = promises.Select(p => VerdictOf(p, q)?.Verdict).Where(v => v is not null).Select(v => v!.Value).ToList();
            return new PromiseVerdictCount(q, verdicts.Count(v => v == PromiseVerdict.Backed), verdicts.Count(v => v == PromiseVerdict.AtRisk),
                verdicts.Count(v => v == PromiseVerdict.Unbacked));
        }).ToList();
        return new ScorecardPromises(rows, history);
    }
}
