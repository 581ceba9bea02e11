using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Actions;

/// <summary>
/// Finds what is red without an open action (<see cref="UnownedRule"/>): standards whose latest result is red (red since
/// the first result of the current red run was recorded), live promises that cannot be backed this quarter (since the
/// first quarter of the current unbacked run) and engagement items below the favourable level in a shown group of each
/// pulse's latest closed round (since the round closed) — each within the reader's units and visibility.
/// </summary>
public sealed class UnownedFinder(ActionCauses causes)
{
    internal async Task<List<UnownedItem>> FindAsync(IPortalDb db, CauseReader reader, DateOnly today, ActionOptions options, CancellationToken ct)
    {
        var actions = await db.ImprovementActions.AsNoTracking().Where(a => a.Status != ActionStatus.Dropped)
            .Select(a => new { a.Status, a.ClosedOn, a.Cause.Kind, a.Cause.StandardId, a.Cause.PromiseId, a.Cause.UnitId, a.Cause.QuestionId })
            .ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = new List<UnownedItem>();
        bool Listed(DateOnly since, bool owned) => UnownedRule.IsUnowned(since, today, options.UnownedAfterDays, owned);
        int Days(DateOnly since) => today.DayNumber - since.DayNumber;

        // Standards: the latest result is red.
        var current = Quarter.Of(today);
        var standards = (await db.ServiceStandards.AsNoTracking().Include(s => s.Versions).Where(s => s.Status == StandardStatus.Active).ToListAsync(ct))
            .Where(s => reader.Scope.Includes(s.OwnerUnitId)).ToList();
        var ids = standards.Select(s => s.Id).ToList();
        var results = (await db.StandardResults.AsNoTracking().Where(r => ids.Contains(r.StandardId) && r.QuarterKey <= current.Key).ToListAsync(ct))
            .ToLookup(r => r.StandardId);
        foreach (var standard in standards)
        {
            var run = RedRun(standard, results[standard.Id].OrderByDescending(r => r.QuarterKey).ToList());
            if (run.Count == 0) continue;
            var since = DateOnly.FromDateTime(run[^1].RecordedAtUtc);
            var latest = run[0];
            var measured = DateOnly.FromDateTime(latest.RecordedAtUtc);
            if (!Listed(since, actions.Any(a => a.Kind == ActionCauseKind.Standard && a.StandardId == standard.Id && UnownedRule.Owns(a.Status, a.ClosedOn, measured)))) continue;
            items.Add(new UnownedItem(ActionCauseKind.Standard, standard.Title, units.GetValueOrDefault(standard.OwnerUnitId, "?"), latest.Quarter, latest.ActualValue,
                standard.VersionFor(latest.Quarter)?.Target, CauseValueKind.Metric, standard.Unit, since, Days(since),
                ActionCauseRef.OfStandard(standard.Id, latest.Quarter), $"/standards/{standard.Id}"));
        }

        // Promises: live now and unbacked this quarter.
        if (reader.Promises)
        {
            var capabilityUnits = await db.Capabilities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.OwnerUnitId, ct);
            var promises = (await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).ToListAsync(ct))
                .Where(p => p.IsLiveOn(today) && (reader.Scope.All || reader.Scope.Includes(p.OwnerUnitId)
                    || p.Requirements.Any(r => reader.Scope.Includes(capabilityUnits.GetValueOrDefault(r.CapabilityId)))))
                .ToList();
            foreach (var promise in promises)
            {
                var quarters = Enumerable.Range(0, 8).Select(i => Back(current, i)).Where(q => promise.IsLiveIn(q)).ToList();
                var verdicts = await causes.PromiseVerdictsAsync(db, promise, quarters, ct);
                var run = quarters.TakeWhile(q => verdicts.GetValueOrDefault(q.Key) == PromiseVerdict.Unbacked).ToList();
                if (run.Count == 0) continue;
                var since = run[^1].Start > promise.LiveFrom ? run[^1].Start : promise.LiveFrom;
                // A promise is judged per quarter: what was done this quarter owns it until the next quarter's verdict.
                if (!Listed(since, actions.Any(a => a.Kind == ActionCauseKind.Promise && a.PromiseId == promise.Id && UnownedRule.Owns(a.Status, a.ClosedOn, current.Start)))) continue;
                items.Add(new UnownedItem(ActionCauseKind.Promise, promise.Claim, units.GetValueOrDefault(promise.OwnerUnitId, "?"), current, (int)PromiseVerdict.Unbacked,
                    null, CauseValueKind.Verdict, null, since, Days(since), ActionCauseRef.OfPromise(promise.Id, current), $"/promises/{promise.Id}"));
            }
        }

        // Engagement: weak items in shown groups of each pulse's latest closed round, as the results service shows the reader.
        if (reader.Engagement)
        {
            var rounds = (await db.PulseRounds.AsNoTracking().ClosedBy(today).Select(r => new { r.Id, r.SurveyId, r.OpensOn, r.ClosesOn }).ToListAsync(ct))
                .GroupBy(r => r.SurveyId).Select(g => g.OrderBy(r => r.OpensOn).Last()).ToList();
            foreach (var round in rounds)
            {
                if (await causes.ResultsAsync(round.Id, null, reader) is not { } roundResults) continue;
                var since = round.ClosesOn.AddDays(1);
                foreach (var unit in roundResults.Units.Where(u => u.IsDetailShown))
                    foreach (var item in roundResults.Items.Where(i => i.Kind.HasFavourable()))
                    {
                        if (unit.ItemScores.GetValueOrDefault(item.QuestionId) is not { } score || !UnownedRule.IsWeakItem(score, options.FavourableBelow)) continue;
                        if (!Listed(since, actions.Any(a => a.Kind == ActionCauseKind.Engagement && a.UnitId == unit.UnitId && a.QuestionId == item.QuestionId
                            && UnownedRule.Owns(a.Status, a.ClosedOn, round.ClosesOn)))) continue;
                        items.Add(new UnownedItem(ActionCauseKind.Engagement, item.Text, unit.Name, Quarter.Of(round.OpensOn), score, options.FavourableBelow,
                            CauseValueKind.Percent, null, since, Days(since), ActionCauseRef.OfEngagement(round.Id, unit.UnitId, item.QuestionId), null));
                    }
            }
        }
        return items.OrderByDescending(i => i.Days).ThenBy(i => i.Kind).ThenBy(i => i.UnitName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(i => i.Subject, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The latest results while they are red in consecutive quarters, newest first (empty when the latest is not red).</summary>
    private static List<StandardResult> RedRun(ServiceStandard standard, List<StandardResult> newestFirst)
    {
        var run = new List<StandardResult>();
        foreach (var result in newestFirst)
        {
            if (run.Count > 0 && result.Quarter != run[^1].Quarter.Previous) break;
            if (standard.Judge(result.Quarter, result.ActualValue) != RagStatus.Red) break;
            run.Add(result);
        }
        return run;
    }

    private static Quarter Back(Quarter quarter, int steps)
    {
        for (var i = 0; i < steps; i++) quarter = quarter.Previous;
        return quarter;
    }
}
