using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Promises;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Actions;

/// <summary>
/// What a reader may see of causes: the figures of a standard (their units, or their own unit's), a promise, a customer
/// score or a signal follow the read permissions and unit scope of those features; engagement figures follow the results
/// service's own visibility for the reader's scope. The scorecards read as their scope (all features).
/// </summary>
internal sealed record CauseReader(UnitScope Scope, int? OwnUnitId, bool Standards, bool Promises, bool Engagement, bool CustomerScores, bool Signals, bool Acknowledges)
{
    public static CauseReader Of(UserContext user, UnitScope scope) => new(scope, user.OrgUnitId,
        user.Can(Permission.StandardsRead), user.Can(Permission.PromisesRead), user.Can(Permission.EngagementResults),
        user.Can(Permission.CustomerScoresRead), user.Can(Permission.SignalsRead), user.Can(Permission.SignalsAcknowledge));

    public static CauseReader Scorecard(UnitScope scope) => new(scope, null, true, true, true, true, true, false);

    public bool SeesStandardOf(int ownerUnitId) => (Standards && Scope.Includes(ownerUnitId)) || OwnUnitId == ownerUnitId;
}

/// <summary>
/// The causes of actions: resolving a "Take action" link into an <see cref="ActionCause"/> with its baseline (only for a
/// cause the reader may see, and that may be a cause), describing stored causes, and reading their values per quarter
/// for the result impact — each kind from the same calculation its own page uses.
/// </summary>
public sealed class ActionCauses(EngagementResultsService engagementResults, PromiseCheckRunner promiseChecks, MessageText text, TimeProvider clock)
{
    internal sealed record Resolved(ActionCause Cause, CauseView View, int DefaultUnitId);

    /// <summary>The cause behind <paramref name="cause"/> as the reader sees it, or a refusal (field "Cause") saying why it cannot start an action.</summary>
    internal async Task<Resolved> ResolveAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, Quarter currentQuarter, CancellationToken cancellationToken)
    {
        try
        {
            return cause.Kind switch
            {
                ActionCauseKind.Standard => await StandardAsync(db, cause, reader, currentQuarter, cancellationToken),
                ActionCauseKind.Promise => await PromiseAsync(db, cause, reader, currentQuarter, cancellationToken),
                ActionCauseKind.Engagement => await EngagementAsync(db, cause, reader, cancellationToken),
                ActionCauseKind.CustomerScore => await CustomerScoreAsync(db, cause, reader, currentQuarter, cancellationToken),
                ActionCauseKind.Signal => await SignalAsync(db, cause, reader, cancellationToken),
                _ => throw Refused("action.cause-unknown"),
            };
        }
        catch (DomainException e) { throw text.Invalid<ActionInput>(i => i.Cause, e); }
    }

    /// <summary>
    /// A cause resolved as the company sees it, without a signed-in user (the demo data starts its actions through the same
    /// rules: a hidden engagement cell or a standard on target is refused here too).
    /// </summary>
    public async Task<ActionCause> ResolveForCompanyAsync(IPortalDb db, ActionCauseRef cause, Quarter currentQuarter, CancellationToken cancellationToken = default) =>
        (await ResolveAsync(db, cause, CauseReader.Scorecard(UnitScope.Everything), currentQuarter, cancellationToken)).Cause;

    private ValidationFailedException Refused(string key) => text.Invalid<ActionInput>(i => i.Cause, key);

    private async Task<Resolved> StandardAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, Quarter current, CancellationToken ct)
    {
        if (cause.StandardId is not { } id || cause.Quarter is not { } quarter || quarter > current) throw Refused("action.cause-unknown");
        var standard = await db.ServiceStandards.AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw Refused("action.cause-unknown");
        if (!reader.SeesStandardOf(standard.OwnerUnitId)) throw Refused("action.cause-not-visible");
        var actual = await db.StandardResults.AsNoTracking().Where(r => r.StandardId == id && r.QuarterKey == quarter.Key).Select(r => (double?)r.ActualValue).FirstOrDefaultAsync(ct);
        var version = standard.VersionFor(quarter);
        var rag = version is { Status: StandardStatus.Active } ? RagJudgement.Judge(actual, version.Definition) : RagStatus.NoData;
        var actionCause = ActionCause.ForStandard(id, quarter, actual, rag, version?.Direction ?? standard.Direction);
        var unitName = await UnitNameAsync(db, standard.OwnerUnitId, ct);
        return new Resolved(actionCause, StandardView(quarter, standard.Title, unitName, version?.Unit ?? standard.Unit, id), standard.OwnerUnitId);
    }

    private async Task<Resolved> PromiseAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, Quarter current, CancellationToken ct)
    {
        if (cause.PromiseId is not { } id || cause.Quarter is not { } quarter || quarter > current) throw Refused("action.cause-unknown");
        if (!reader.Promises) throw Refused("action.cause-not-visible");
        var promise = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw Refused("action.cause-unknown");
        var verdict = (await PromiseVerdictsAsync(db, promise, [quarter], ct)).GetValueOrDefault(quarter.Key);
        if (verdict is null) throw Refused("action.cause-no-value");
        var actionCause = ActionCause.ForPromise(id, quarter, verdict.Value);
        var defaultUnit = reader.OwnUnitId is { } own && reader.Scope.Includes(own) ? own : promise.OwnerUnitId;
        return new Resolved(actionCause, PromiseView(quarter, promise.Claim, await UnitNameAsync(db, promise.OwnerUnitId, ct), id), defaultUnit);
    }

    /// <summary>
    /// Only a cell the results service shows this reader: the same call, the same suppression, the same scope, over the round's
    /// recorded structure (a unit the round did not record, or one outside the reader's scope, is no cause). An item's figure is
    /// shown only where the unit's detail is (<see cref="UnitResult.DetailVisibility"/>), so that decides, not the headline.
    /// </summary>
    private async Task<Resolved> EngagementAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, CancellationToken ct)
    {
        if (cause.RoundId is not { } roundId || cause.UnitId is not { } unitId || cause.QuestionId is not { } questionId) throw Refused("action.cause-unknown");
        if (!reader.Engagement) throw Refused("action.cause-not-visible");
        var results = await ResultsAsync(roundId, unitId, reader) ?? throw Refused("action.cause-not-visible");
        if (results.ResultsPending) throw Refused("action.cause-round-open");
        var item = results.Items.FirstOrDefault(i => i.QuestionId == questionId) ?? throw Refused("action.cause-unknown");
        var quarter = Quarter.Of(results.Round.OpensOn);
        if (results.SelectedUnitId != unitId) throw Refused("action.cause-not-visible");
        var cell = results.Selected;
        var actionCause = ActionCause.ForEngagement(roundId, quarter, unitId, questionId, item.Kind, cell.DetailVisibility,
            cell.IsDetailShown ? cell.ItemScores.GetValueOrDefault(questionId) : null);
        return new Resolved(actionCause, EngagementView(quarter, item.Text, cell.Name, item.Kind), unitId);
    }

    private async Task<Resolved> CustomerScoreAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, Quarter current, CancellationToken ct)
    {
        if (cause.UnitId is not { } unitId || cause.Channel is not { } channel || cause.Measure is not { } measure || cause.Quarter is not { } quarter
            || quarter > current || !Enum.IsDefined(measure) || !Enum.IsDefined(channel)) throw Refused("action.cause-unknown");
        if (!reader.CustomerScores || !reader.Scope.Includes(unitId)) throw Refused("action.cause-not-visible");
        var unitName = await UnitNameAsync(db, unitId, ct) ?? throw Refused("action.cause-unknown");
        var values = await CustomerScoreValuesAsync(db, unitId, channel, measure, quarter, quarter, ct);
        var actionCause = ActionCause.ForCustomerScore(unitId, channel, measure, quarter, values.GetValueOrDefault(quarter.Key));
        return new Resolved(actionCause, CustomerScoreView(quarter, unitName, channel, measure, CultureInfo.CurrentUICulture), unitId);
    }

    private async Task<Resolved> SignalAsync(IPortalDb db, ActionCauseRef cause, CauseReader reader, CancellationToken ct)
    {
        if (cause.SignalId is not { } id) throw Refused("action.cause-unknown");
        var signal = await db.ServiceSignals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw Refused("action.cause-unknown");
        if (!SeesSignal(reader, signal.UnitId, signal.IsForwarded)) throw Refused("action.cause-not-visible");
        var counts = await SignalCountsAsync(db, signal.UnitId, signal.Channel, signal.Kind, signal.Quarter, signal.Quarter, ct);
        var actionCause = ActionCause.ForSignal(id, signal.UnitId, signal.Channel, signal.Kind, signal.Quarter, counts.GetValueOrDefault(signal.Quarter.Key));
        return new Resolved(actionCause, SignalView(signal.Quarter, signal.Text, await UnitNameAsync(db, signal.UnitId, ct), signal.Channel), signal.UnitId);
    }

    private static bool SeesSignal(CauseReader reader, int unitId, bool forwarded) =>
        reader.Signals && (reader.Scope.Includes(unitId) || (reader.Acknowledges && forwarded));

    // ------------------------------------------------------------------ describing stored causes

    /// <summary>How each action's cause reads, with question wording in <paramref name="language"/>; no figures.</summary>
    internal async Task<Dictionary<int, CauseView>> DescribeAsync(IPortalDb db, IReadOnlyCollection<ImprovementAction> actions, string language, CancellationToken ct)
    {
        var causes = actions.Select(a => a.Cause).ToList();
        var standardIds = causes.Where(c => c.StandardId is not null).Select(c => c.StandardId!.Value).Distinct().ToList();
        var standards = await db.ServiceStandards.AsNoTracking().Where(s => standardIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Title, s.OwnerUnitId, s.Unit }).ToDictionaryAsync(s => s.Id, ct);
        var promiseIds = causes.Where(c => c.PromiseId is not null).Select(c => c.PromiseId!.Value).Distinct().ToList();
        var promises = await db.MarketingPromises.AsNoTracking().Where(p => promiseIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Claim, p.OwnerUnitId }).ToDictionaryAsync(p => p.Id, ct);
        var questionIds = causes.Where(c => c.QuestionId is not null).Select(c => c.QuestionId!.Value).Distinct().ToList();
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var signalIds = causes.Where(c => c.SignalId is not null).Select(c => c.SignalId!.Value).Distinct().ToList();
        var signals = await db.ServiceSignals.AsNoTracking().Where(s => signalIds.Contains(s.Id)).Select(s => new { s.Id, s.Text }).ToDictionaryAsync(s => s.Id, ct);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var views = new Dictionary<int, CauseView>();
        foreach (var action in actions)
        {
            var c = action.Cause;
            views[action.Id] = c.Kind switch
            {
                ActionCauseKind.Standard when standards.TryGetValue(c.StandardId ?? 0, out var s) =>
                    StandardView(c.Quarter, s.Title, units.GetValueOrDefault(s.OwnerUnitId), s.Unit, s.Id),
                ActionCauseKind.Promise when promises.TryGetValue(c.PromiseId ?? 0, out var p) =>
                    PromiseView(c.Quarter, p.Claim, units.GetValueOrDefault(p.OwnerUnitId), p.Id),
                ActionCauseKind.Engagement when questions.TryGetValue(c.QuestionId ?? 0, out var q) =>
                    EngagementView(c.Quarter, q.TextFor(language), units.GetValueOrDefault(c.UnitId ?? 0), q.Kind),
                ActionCauseKind.CustomerScore => CustomerScoreView(c.Quarter, units.GetValueOrDefault(c.UnitId ?? 0) ?? "?", c.Channel ?? ServiceChannel.Any, c.Measure ?? CustomerScoreMeasure.Nps, Localization.PortalCultures.Of(language)),
                ActionCauseKind.Signal => SignalView(c.Quarter, signals.GetValueOrDefault(c.SignalId ?? 0)?.Text ?? "?", units.GetValueOrDefault(c.UnitId ?? 0), c.Channel ?? ServiceChannel.Any),
                _ => new CauseView(c.Kind, c.Quarter, "?", null, null, null, null, CauseValueKind.Count, null, null),
            };
        }
        return views;
    }

    private static CauseView StandardView(Quarter quarter, string title, string? unitName, MetricUnit unit, int id) =>
        new(ActionCauseKind.Standard, quarter, title, unitName, null, null, null, CauseValueKind.Metric, unit, $"/standards/{id}");

    private static CauseView PromiseView(Quarter quarter, string claim, string? unitName, int id) =>
        new(ActionCauseKind.Promise, quarter, claim, unitName, null, null, null, CauseValueKind.Verdict, null, $"/promises/{id}");

    private static CauseView EngagementView(Quarter quarter, string itemText, string? unitName, QuestionKind kind) =>
        new(ActionCauseKind.Engagement, quarter, itemText, unitName, null, null, kind, kind == QuestionKind.Enps ? CauseValueKind.Score : CauseValueKind.Percent, null, null);

    /// <summary>A customer score is named by its measure and channel ("NPS · Phone"); its unit is said beside it.</summary>
    private static CauseView CustomerScoreView(Quarter quarter, string unitName, ServiceChannel channel, CustomerScoreMeasure measure, CultureInfo culture) =>
        new(ActionCauseKind.CustomerScore, quarter, $"{Localization.Terms.Of(measure, culture)} · {Localization.Terms.Of(channel, culture)}", unitName, channel, measure, null, measure switch
        {
            CustomerScoreMeasure.Nps => CauseValueKind.Score,
            CustomerScoreMeasure.Csat => CauseValueKind.Percent,
            CustomerScoreMeasure.Ces => CauseValueKind.Mean,
            _ => CauseValueKind.Count,
        }, null, null);

    private static CauseView SignalView(Quarter quarter, string signalText, string? unitName, ServiceChannel channel) =>
        new(ActionCauseKind.Signal, quarter, signalText, unitName, channel, null, null, CauseValueKind.Count, null, null);

    // ------------------------------------------------------------------ result impact

    /// <summary>
    /// The result impact up to <paramref name="upTo"/> as the reader may see it: hidden as a whole when the reader may not
    /// see the cause's figures (for engagement: when the baseline cell is not shown to them); single later quarters the
    /// results service hides for them read as "no value".
    /// </summary>
    internal async Task<ImpactView> ImpactAsync(IPortalDb db, ActionCause cause, CauseReader reader, Quarter upTo, CancellationToken ct)
    {
        var readings = cause.Kind switch
        {
            ActionCauseKind.Standard => await StandardReadingsAsync(db, cause, reader, upTo, ct),
            ActionCauseKind.Promise => reader.Promises ? await PromiseReadingsAsync(db, cause, upTo, ct) : null,
            ActionCauseKind.Engagement => await EngagementReadingsAsync(db, cause, reader, upTo, ct),
            ActionCauseKind.CustomerScore when reader.CustomerScores && reader.Scope.Includes(cause.UnitId ?? 0) => await CustomerScoreReadingsAsync(db, cause, upTo, ct),
            ActionCauseKind.Signal when SeesSignal(reader, cause.UnitId ?? 0, forwarded: false) => await SignalReadingsAsync(db, cause, upTo, ct),
            _ => null,
        };
        return readings is null ? ImpactView.Hidden : new ImpactView(true, ActionImpact.Of(cause, readings));
    }

    private static IEnumerable<Quarter> QuartersAfter(ActionCause cause, Quarter upTo) =>
        upTo > cause.Quarter ? Quarter.Range(cause.Quarter.Next, upTo) : [];

    private static async Task<List<CauseReading>?> StandardReadingsAsync(IPortalDb db, ActionCause cause, CauseReader reader, Quarter upTo, CancellationToken ct)
    {
        var standard = await db.ServiceStandards.AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == cause.StandardId, ct);
        if (standard is null || !reader.SeesStandardOf(standard.OwnerUnitId)) return null;
        int from = cause.Quarter.Key, to = upTo.Key;
        var results = await db.StandardResults.AsNoTracking().Where(r => r.StandardId == standard.Id && r.QuarterKey > from && r.QuarterKey <= to)
            .ToDictionaryAsync(r => r.QuarterKey, r => r.ActualValue, ct);
        return QuartersAfter(cause, upTo).Select(q =>
        {
            var version = standard.VersionFor(q);
            double? actual = results.TryGetValue(q.Key, out var a) ? a : null;
            var rag = version is { Status: StandardStatus.Active } ? RagJudgement.Judge(actual, version.Definition) : RagStatus.NoData;
            return CauseReading.OfStandard(q, rag == RagStatus.NoData ? null : actual, rag);
        }).ToList();
    }

    private async Task<List<CauseReading>?> PromiseReadingsAsync(IPortalDb db, ActionCause cause, Quarter upTo, CancellationToken ct)
    {
        var promise = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).FirstOrDefaultAsync(p => p.Id == cause.PromiseId, ct);
        if (promise is null) return null;
        var quarters = QuartersAfter(cause, upTo).ToList();
        var verdicts = await PromiseVerdictsAsync(db, promise, quarters, ct);
        return quarters.Select(q => CauseReading.OfPromise(q, verdicts.GetValueOrDefault(q.Key))).ToList();
    }

    /// <summary>A promise's verdict per quarter: as stored, or evaluated on the spot for a live quarter never evaluated (as the scorecards do).</summary>
    internal async Task<Dictionary<int, PromiseVerdict?>> PromiseVerdictsAsync(IPortalDb db, MarketingPromise promise, IReadOnlyList<Quarter> quarters, CancellationToken ct)
    {
        var keys = quarters.Select(q => q.Key).ToList();
        var stored = await db.PromiseCheckResults.AsNoTracking().Where(r => r.PromiseId == promise.Id && keys.Contains(r.QuarterKey))
            .ToDictionaryAsync(r => r.QuarterKey, r => (PromiseVerdict?)r.Verdict, ct);
        var missing = await promiseChecks.ComputeAsync(db, [promise], p => quarters.Where(q => p.IsLiveIn(q) && !stored.ContainsKey(q.Key)), ct);
        foreach (var ((_, key), value) in missing) stored[key] = value.Outcome.Verdict;
        return stored;
    }

    private async Task<List<CauseReading>?> EngagementReadingsAsync(IPortalDb db, ActionCause cause, CauseReader reader, Quarter upTo, CancellationToken ct)
    {
        if (!reader.Engagement || cause.RoundId is not { } roundId || cause.UnitId is not { } unitId || cause.QuestionId is not { } questionId) return null;
        // The baseline is a figure too: shown only when the results service shows this reader that cell.
        var baseline = await ResultsAsync(roundId, unitId, reader);
        if (baseline is null || baseline.SelectedUnitId != unitId || !baseline.Selected.IsDetailShown) return null;
        var surveyId = baseline.Round.SurveyId;
        var today = clock.Today();
        DateOnly after = cause.Quarter.End, until = upTo.End;
        var rounds = await db.PulseRounds.AsNoTracking().ClosedBy(today).Where(r => r.SurveyId == surveyId && r.OpensOn > after && r.OpensOn <= until)
            .OrderBy(r => r.OpensOn).Select(r => new { r.Id, r.OpensOn }).ToListAsync(ct);
        var byQuarter = rounds.GroupBy(r => Quarter.Of(r.OpensOn)).ToDictionary(g => g.Key, g => g.Last().Id);
        var readings = new List<CauseReading>();
        foreach (var q in QuartersAfter(cause, upTo))
        {
            double? value = null;
            if (byQuarter.TryGetValue(q, out var id) && await ResultsAsync(id, unitId, reader) is { Selected.IsDetailShown: true } later && later.SelectedUnitId == unitId)
                value = later.Selected.ItemScores.GetValueOrDefault(questionId);
            readings.Add(new CauseReading(q, value));
        }
        return readings;
    }

    /// <summary>The round's results for the unit as the reader's scope sees them, or null when the reader may not see that unit at all.</summary>
    internal async Task<RoundResults?> ResultsAsync(int roundId, int? unitId, CauseReader reader)
    {
        try { return await engagementResults.ResultsForAsync(roundId, unitId, reader.Scope, reader.OwnUnitId); }
        catch (Exception e) when (e is ForbiddenException or NotFoundException) { return null; }
    }

    private static async Task<List<CauseReading>?> CustomerScoreReadingsAsync(IPortalDb db, ActionCause cause, Quarter upTo, CancellationToken ct)
    {
        var quarters = QuartersAfter(cause, upTo).ToList();
        if (quarters.Count == 0) return [];
        var values = await CustomerScoreValuesAsync(db, cause.UnitId!.Value, cause.Channel ?? ServiceChannel.Any, cause.Measure ?? CustomerScoreMeasure.Nps, quarters[0], quarters[^1], ct);
        return quarters.Select(q => new CauseReading(q, values.GetValueOrDefault(q.Key))).ToList();
    }

    /// <summary>A customer score per quarter for the unit with its sub-units (the company: every unit), one channel or all, as the scores page sums it.</summary>
    private static async Task<Dictionary<int, double?>> CustomerScoreValuesAsync(IPortalDb db, int unitId, ServiceChannel channel, CustomerScoreMeasure measure,
        Quarter first, Quarter last, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var isCompany = units.Any(u => u.Id == unitId && u.ParentId is null);
        var subtree = isCompany ? null : new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(unitId);
        var rows = await CustomerScoreService.QuarterRowsAsync(db, subtree, first, last, ct);
        return rows.Where(r => channel == ServiceChannel.Any || r.Channel == channel).GroupBy(r => r.QuarterKey)
            .ToDictionary(g => g.Key, g =>
            {
                var summary = new ScoreSummary(Domain.CustomerScores.ScoreCounts.Sum(g.Select(r => r.ToCounts())));
                return measure switch
                {
                    CustomerScoreMeasure.Nps => summary.Nps,
                    CustomerScoreMeasure.Csat => summary.Csat,
                    CustomerScoreMeasure.Ces => summary.Ces,
                    _ => summary.HasData ? (double?)summary.Counts.Complaints : null,
                };
            });
    }

    private static async Task<List<CauseReading>?> SignalReadingsAsync(IPortalDb db, ActionCause cause, Quarter upTo, CancellationToken ct)
    {
        var quarters = QuartersAfter(cause, upTo).ToList();
        if (quarters.Count == 0) return [];
        var kind = await db.ServiceSignals.AsNoTracking().Where(s => s.Id == cause.SignalId).Select(s => (SignalKind?)s.Kind).FirstOrDefaultAsync(ct);
        if (kind is null) return null;
        var counts = await SignalCountsAsync(db, cause.UnitId!.Value, cause.Channel ?? ServiceChannel.Any, kind.Value, quarters[0], quarters[^1], ct);
        return quarters.Select(q => new CauseReading(q, counts.GetValueOrDefault(q.Key))).ToList();
    }

    /// <summary>How many signals of a kind a unit logged on a channel, per quarter (the signals' own counts added up).</summary>
    private static async Task<Dictionary<int, int>> SignalCountsAsync(IPortalDb db, int unitId, ServiceChannel channel, SignalKind kind, Quarter first, Quarter last, CancellationToken ct)
    {
        int from = first.Key, to = last.Key;
        return await db.ServiceSignals.AsNoTracking()
            .Where(s => s.UnitId == unitId && s.Channel == channel && s.Kind == kind && s.QuarterKey >= from && s.QuarterKey <= to)
            .GroupBy(s => s.QuarterKey).Select(g => new { g.Key, Count = g.Sum(s => s.Count) })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    private static Task<string?> UnitNameAsync(IPortalDb db, int unitId, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
}
