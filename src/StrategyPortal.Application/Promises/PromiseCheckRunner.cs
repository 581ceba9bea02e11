using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Promises;

/// <summary>
/// Runs <see cref="PromiseCheck"/> on stored data and keeps <see cref="PromiseCheckResult"/> (one per promise and quarter)
/// up to date. Called after every change of a promise, capability, signal or standard result; needs no signed-in user.
/// A change of a promise or capability re-evaluates the current quarter of a live promise, or the first quarter of one
/// starting later (and fills quarters of its live period that were never evaluated), never a past quarter; a signal or standard result re-evaluates its own quarter. Earlier quarters keep
/// the verdict they had, so the history shows how the gap developed. A new quarter needs no change: the daily re-check
/// (<see cref="RefreshCurrentAsync"/>) evaluates it, and a reader who comes first has it evaluated on the spot.
/// Several instances may store at once: a verdict is unique per promise and quarter, so the loser of a race evaluates
/// again and updates the row the winner stored.
/// </summary>
public sealed class PromiseCheckRunner(IPortalDbFactory dbFactory, TimeProvider clock, PromiseOptions options, Notifications.Notices notices)
{
    public Quarter CurrentQuarter => Quarter.Of(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => clock.Today();

    /// <summary>The quarter a promise is judged in now: the current one, else its first live quarter (upcoming) or last (ended).</summary>
    public static Quarter JudgedQuarter(MarketingPromise promise, Quarter current)
    {
        var first = Quarter.Of(promise.LiveFrom);
        if (current < first) return first;
        if (promise.LiveTo is { } end && Quarter.Of(end) < current) return Quarter.Of(end);
        return current;
    }

    // Each refresh below also comes with the caller's context (IPortalDb db): called inside the transaction that saves a
    // change, the change and the verdicts it moves are stored together or not at all (a database that goes away in
    // between cannot leave a saved capability with its promises' old verdicts).

    public async Task RefreshPromisesAsync(IReadOnlyCollection<int> promiseIds, CancellationToken cancellationToken = default)
    {
        if (promiseIds.Count == 0) return;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await RefreshPromisesAsync(db, promiseIds, cancellationToken);
    }

    public Task RefreshPromisesAsync(IPortalDb db, IReadOnlyCollection<int> promiseIds, CancellationToken cancellationToken = default) =>
        promiseIds.Count == 0 ? Task.CompletedTask : RefreshAsync(db, promiseIds, null, clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task RefreshQuarterAsync(IReadOnlyCollection<int> promiseIds, Quarter quarter, CancellationToken cancellationToken = default)
    {
        if (promiseIds.Count == 0) return;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await RefreshQuarterAsync(db, promiseIds, quarter, cancellationToken);
    }

    public Task RefreshQuarterAsync(IPortalDb db, IReadOnlyCollection<int> promiseIds, Quarter quarter, CancellationToken cancellationToken = default) =>
        promiseIds.Count == 0 ? Task.CompletedTask : RefreshAsync(db, promiseIds, quarter, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>
    /// The daily re-check: every promise that has not ended before the current quarter, in the quarter it is judged in
    /// (the current one, or the first live quarter of one starting later), on today's data and settings. Returns how many
    /// promises were evaluated.
    /// </summary>
    public async Task<int> RefreshCurrentAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = Quarter.Of(now).Start;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var ids = await db.MarketingPromises.AsNoTracking().Where(p => p.LiveTo == null || p.LiveTo >= start).Select(p => p.Id).ToListAsync(cancellationToken);
        if (ids.Count > 0) await RefreshAsync(db, ids, null, now, cancellationToken);
        return ids.Count;
    }

    public async Task RefreshCapabilityAsync(IPortalDb db, int capabilityId, CancellationToken cancellationToken = default)
    {
        var ids = await db.PromiseRequirements.AsNoTracking().Where(r => r.CapabilityId == capabilityId).Select(r => r.PromiseId).Distinct().ToListAsync(cancellationToken);
        if (ids.Count > 0) await RefreshAsync(db, ids, null, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>After standard results or definitions changed: the promises that need those standards, in those quarters.</summary>
    public async Task RefreshStandardsAsync(IPortalDb db, IReadOnlyCollection<int> standardIds, IReadOnlyCollection<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        if (standardIds.Count == 0 || quarters.Count == 0) return;
        var ids = await PromisesNeedingAsync(db, standardIds, cancellationToken);
        if (ids.Count == 0) return;
        foreach (var quarter in quarters.Distinct()) await RefreshAsync(db, ids, quarter, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>The promises that require one of the standards, directly or through a capability it measures.</summary>
    private static async Task<List<int>> PromisesNeedingAsync(IPortalDb db, IReadOnlyCollection<int> standardIds, CancellationToken cancellationToken)
    {
        var capabilities = (await db.Capabilities.AsNoTracking().ToListAsync(cancellationToken))
            .Where(c => c.StandardIds.Intersect(standardIds).Any()).Select(c => c.Id).ToHashSet();
        var promises = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).ToListAsync(cancellationToken);
        return promises.Where(p => p.RequiredStandardIds.Intersect(standardIds).Any() || p.Requirements.Any(r => capabilities.Contains(r.CapabilityId)))
            .Select(p => p.Id).ToList();
    }

    /// <summary>
    /// After a standard changed from <paramref name="from"/> on (a revision, a new target, activation or retirement): the
    /// promises that need the standard, in every quarter from <paramref name="from"/> up to the current one they were live in,
    /// and an upcoming promise in its first quarter. A standard is versioned by quarter, so its change may colour earlier
    /// quarters differently.
    /// </summary>
    public async Task RefreshStandardsSinceAsync(IPortalDb db, IReadOnlyCollection<int> standardIds, Quarter from, CancellationToken cancellationToken = default)
    {
        if (standardIds.Count == 0) return;
        var ids = await PromisesNeedingAsync(db, standardIds, cancellationToken);
        if (ids.Count == 0) return;
        await RefreshAsync(db, ids, (promise, current, _) =>
        {
            var quarters = from <= current ? Quarter.Range(from, current).Where(promise.IsLiveIn).ToList() : [];
            if (JudgedQuarter(promise, current) is var judged && judged > current && judged >= from) quarters.Add(judged);
            return quarters;
        }, removeOutsideLivePeriod: false, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>
    /// Re-evaluates and stores. <paramref name="quarter"/> null: the judged quarter unless it is past (an ended promise), plus
    /// never-evaluated live quarters up to now, and results outside the live period are removed. Otherwise only that quarter (when the promise is live in it).
    /// </summary>
    public Task RefreshAsync(IPortalDb db, IReadOnlyCollection<int>? promiseIds, Quarter? quarter, DateTime evaluatedAtUtc, CancellationToken cancellationToken = default) =>
        quarter is { } only
            ? RefreshAsync(db, promiseIds, (promise, _, _) => promise.IsLiveIn(only) ? [only] : [], removeOutsideLivePeriod: false, evaluatedAtUtc, cancellationToken)
            : RefreshAsync(db, promiseIds, (promise, current, known) =>
            {
                var list = new List<Quarter>();
                // A promise that ended before this quarter is judged in a past quarter: that verdict stays as it was (it was
                // given on the capabilities of then, which are not kept); only a quarter never evaluated is filled in.
                if (JudgedQuarter(promise, current) is var judged && judged >= current) list.Add(judged);
                var last = promise.LiveTo is { } end && Quarter.Of(end) < current ? Quarter.Of(end) : current;
                foreach (var q in Quarter.Range(Quarter.Of(promise.LiveFrom), last))
                    if (!known.Contains(q.Key) && !list.Contains(q)) list.Add(q);
                return list;
            }, removeOutsideLivePeriod: true, evaluatedAtUtc, cancellationToken);

    /// <summary>Which quarters to evaluate for a promise, given the current quarter and the quarter keys stored for it.</summary>
    private delegate List<Quarter> QuarterPlan(MarketingPromise promise, Quarter current, IReadOnlySet<int> known);

    private async Task RefreshAsync(IPortalDb db, IReadOnlyCollection<int>? promiseIds, QuarterPlan plan, bool removeOutsideLivePeriod, DateTime evaluatedAtUtc,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var touched = new List<PromiseCheckResult>();
            try
            {
                await RefreshOnceAsync(db, promiseIds, plan, removeOutsideLivePeriod, evaluatedAtUtc, touched, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Someone else stored (or removed) a verdict of the same promise and quarter in between: the daily re-check on
                // another instance, a reader filling a missing verdict. Forget ours and evaluate again on what is stored now.
                foreach (var result in touched) db.Entry(result).State = EntityState.Detached;
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task RefreshOnceAsync(IPortalDb db, IReadOnlyCollection<int>? promiseIds, QuarterPlan plan, bool removeOutsideLivePeriod,
        DateTime evaluatedAtUtc, List<PromiseCheckResult> touched, CancellationToken cancellationToken)
    {
        var query = db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).AsQueryable();
        if (promiseIds is not null) query = query.Where(p => promiseIds.Contains(p.Id));
        var promises = await query.ToListAsync(cancellationToken);
        if (promises.Count == 0) return;
        var ids = promises.Select(p => p.Id).ToList();
        var stored = await db.PromiseCheckResults.Where(r => ids.Contains(r.PromiseId)).ToListAsync(cancellationToken);
        touched.AddRange(stored);
        var current = Quarter.Of(evaluatedAtUtc);

        var wanted = new Dictionary<int, List<Quarter>>();
        foreach (var promise in promises)
        {
            wanted[promise.Id] = plan(promise, current, stored.Where(r => r.PromiseId == promise.Id).Select(r => r.QuarterKey).ToHashSet());
            if (removeOutsideLivePeriod) db.PromiseCheckResults.RemoveRange(stored.Where(r => r.PromiseId == promise.Id && !promise.IsLiveIn(r.Quarter)));
        }

        var outcomes = await ComputeAsync(db, promises, p => wanted[p.Id], cancellationToken);
        var byId = promises.ToDictionary(p => p.Id);
        var today = DateOnly.FromDateTime(evaluatedAtUtc);
        var flagged = new List<(MarketingPromise Promise, Quarter Quarter, PromiseCheckOutcome Outcome)>();
        // Notices are news: an evaluation dated in the past (the demo's history) tells nobody.
        var isNews = clock.GetUtcNow().UtcDateTime - evaluatedAtUtc < TimeSpan.FromDays(1);
        foreach (var ((promiseId, quarterKey), (outcome, complaints)) in outcomes)
        {
            var existing = stored.FirstOrDefault(r => r.PromiseId == promiseId && r.QuarterKey == quarterKey);
            // Flagged anew (Unbacked while live or upcoming, in the quarter it is judged in, and not Unbacked before — in this
            // quarter, or in the one before when this quarter is new): its owner and the units it leans on hear of it.
            var before = existing?.Verdict ?? stored.Where(r => r.PromiseId == promiseId && r.QuarterKey < quarterKey).MaxBy(r => r.QuarterKey)?.Verdict;
            var promise = byId[promiseId];
            if (isNews && outcome.Verdict == PromiseVerdict.Unbacked && before != PromiseVerdict.Unbacked && JudgedQuarter(promise, current).Key == quarterKey
                && !(promise.LiveTo is { } end && end < today))
                flagged.Add((promise, Quarter.FromKey(quarterKey), outcome));
            if (existing is null)
            {
                var added = new PromiseCheckResult(promiseId, Quarter.FromKey(quarterKey), outcome, complaints, evaluatedAtUtc);
                touched.Add(added);
                db.PromiseCheckResults.Add(added);
            }
            else existing.Apply(outcome, complaints, evaluatedAtUtc);
        }
        if (flagged.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        // The verdicts and their notices commit together (the notices are added only once the verdicts saved, so a retry
        // after a lost race starts without them).
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            foreach (var (promise, quarter, outcome) in flagged) await notices.PromiseUnbackedAsync(db, promise, quarter, outcome, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
        notices.Wake();
    }

    /// <summary>Evaluates promises in the given quarters on the data as it is now, without storing.</summary>
    public async Task<IReadOnlyDictionary<(int PromiseId, int QuarterKey), (PromiseCheckOutcome Outcome, int Complaints)>> ComputeAsync(
        IPortalDb db, IReadOnlyCollection<MarketingPromise> promises, Func<MarketingPromise, IEnumerable<Quarter>> quartersOf, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<(int, int), (PromiseCheckOutcome, int)>();
        var plan = promises.Select(p => (Promise: p, Quarters: quartersOf(p).Distinct().ToList())).Where(x => x.Quarters.Count > 0).ToList();
        if (plan.Count == 0) return result;

        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var capabilities = (await db.Capabilities.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.Facts(unitNames.GetValueOrDefault(c.OwnerUnitId, string.Empty)));
        var standardIds = plan.SelectMany(x => x.Promise.RequiredStandardIds
                .Concat(x.Promise.Requirements.SelectMany(r => capabilities.TryGetValue(r.CapabilityId, out var c) ? c.StandardIds : [])))
            .Distinct().ToList();
        var quarterKeys = plan.SelectMany(x => x.Quarters).Select(q => q.Key).Distinct().ToList();
        var standards = standardIds.Count == 0 ? [] : await db.ServiceStandards.AsNoTracking().Include(s => s.Versions)
            .Where(s => standardIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var results = standardIds.Count == 0 ? [] : await db.StandardResults.AsNoTracking()
            .Where(r => standardIds.Contains(r.StandardId) && quarterKeys.Contains(r.QuarterKey))
            .Select(r => new { r.StandardId, r.QuarterKey, r.ActualValue }).ToListAsync(cancellationToken);
        var promiseIds = plan.Select(x => x.Promise.Id).ToList();
        var complaints = await db.ServiceSignals.AsNoTracking()
            .Where(s => s.PromiseId != null && promiseIds.Contains(s.PromiseId.Value) && s.Kind == SignalKind.Complaint && quarterKeys.Contains(s.QuarterKey))
            .GroupBy(s => new { s.PromiseId, s.QuarterKey }).Select(g => new { g.Key.PromiseId, g.Key.QuarterKey, Count = g.Sum(s => s.Count) })
            .ToListAsync(cancellationToken);

        var redByQuarter = new Dictionary<int, IReadOnlyDictionary<int, string>>();
        foreach (var key in quarterKeys)
        {
            var q = Quarter.FromKey(key);
            var red = new Dictionary<int, string>();
            foreach (var standard in standards)
            {
                var version = standard.VersionFor(q);
                if (version is not { Status: StandardStatus.Active }) continue;
                var actual = results.FirstOrDefault(r => r.StandardId == standard.Id && r.QuarterKey == key)?.ActualValue;
                if (RagJudgement.Judge(actual, version.Definition) == RagStatus.Red) red[standard.Id] = version.Title;
            }
            redByQuarter[key] = red;
        }

        foreach (var (promise, quarters) in plan)
        {
            var facts = promise.Facts();
            foreach (var q in quarters)
            {
                var count = complaints.FirstOrDefault(c => c.PromiseId == promise.Id && c.QuarterKey == q.Key)?.Count ?? 0;
                var outcome = PromiseCheck.Evaluate(new PromiseCheckInput(facts, capabilities, redByQuarter[q.Key], count, options.ComplaintThreshold, q));
                result[(promise.Id, q.Key)] = (outcome, count);
            }
        }
        return result;
    }
}
