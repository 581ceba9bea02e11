using StrategyPortal.Application.Localization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// Gathers a scorecard's numbers without a signed-in user. Every figure comes from the same permission-free
/// calculations the pages use: <see cref="StandardsService.JudgeAsync"/> for RAG, the pulse results of
/// <see cref="EngagementResultsService"/> (with its anonymity rules, computed over the whole organisation),
/// the customer-score summaries and comparison of <see cref="CustomerScoreService"/>, and the promise source.
/// </summary>
public sealed class ScorecardDataBuilder(
    IPortalDbFactory dbFactory,
    EngagementResultsService engagementResults,
    IUnitEngagementSource engagementSource,
    IScorecardPromiseSource promiseSource,
    IScorecardActionSource actionSource,
    TimeProvider clock) : IScorecardDataBuilder
{
    /// <summary>Gallup's engaged share (seed 001): a shown unit below it is a gap.</summary>
    private const double GallupEngaged = EngagementFormulas.GallupEngaged;

    public async Task<ScorecardData> BuildAsync(ScorecardRequest request, CancellationToken cancellationToken = default)
    {
        var quarter = request.Quarter;
        var first = CustomerScoreService.FirstTrendQuarter(quarter);
        await using var db = await dbFactory.CreateAsync(cancellationToken);

        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name, u.IsActive }).ToListAsync(cancellationToken);
        var root = units.FirstOrDefault(u => u.ParentId is null) ?? throw new NotFoundException("Unit", "company");
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var target = request.UnitId is { } unitId ? units.FirstOrDefault(u => u.Id == unitId) ?? throw new NotFoundException("Unit", unitId) : root;
        var isCompany = request.UnitId is null;
        var subtree = tree.SubtreeOf(target.Id).ToHashSet();
        var scope = isCompany ? UnitScope.Everything : new UnitScope(false, subtree);
        var managers = (await db.People.AsNoTracking().Where(p => p.IsActive && p.Role == PortalRole.Manager)
                .Select(p => new { p.OrgUnitId, p.Name }).ToListAsync(cancellationToken))
            .GroupBy(p => p.OrgUnitId).ToDictionary(g => g.Key, g => g.Select(p => p.Name).Order(StringComparer.Ordinal).First());
        string OwnerOf(int id) => managers.TryGetValue(id, out var manager) ? $"{names[id]} ({manager})" : names[id];

        var strategyChoices = await StrategyReader.LoadStrategyAsync(db, cancellationToken);
        var choice = strategyChoices.ChoiceFor(quarter);

        // Standards: those of the scope in force (active) in the quarter, judged for it and the quarter before, and the RAG trend,
        // each quarter counting the standards in force in it. A standard adopted from a later quarter is not yet part of this one;
        // one retired since still is.
        var standards = await StandardsService.ScopedStandards(db, scope).ToListAsync(cancellationToken);
        var judged = new Dictionary<Quarter, Dictionary<int, StandardRow>>();
        foreach (var q in Quarter.Range(first, quarter))
            judged[q] = (await StandardsService.JudgeAsync(db, standards, q, cancellationToken)).Where(r => r.InForce).ToDictionary(r => r.Id);
        var now = judged[quarter].Values.ToList();
        var before = judged.GetValueOrDefault(quarter.Previous)
            ?? (await StandardsService.JudgeAsync(db, standards, quarter.Previous, cancellationToken)).Where(r => r.InForce).ToDictionary(r => r.Id);
        var standardLines = now
            .Select(r => new ScorecardStandard(r.Id, r.Title, r.OwnerUnitId, r.OwnerUnitName, r.Aspect, r.Channel, r.Unit, r.Direction, r.Target, r.Actual, r.Rag,
                before.GetValueOrDefault(r.Id)?.Actual, before.GetValueOrDefault(r.Id)?.Rag ?? RagStatus.NoData))
            .OrderBy(s => s.Rag == RagStatus.NoData ? 4 : 2 - (int)s.Rag).ThenBy(s => s.OwnerUnitName, StringComparer.Ordinal).ThenBy(s => s.Title, StringComparer.Ordinal)
            .ToList();
        var unitOrder = TreeOrder(tree, target.Id, names);
        var unitRags = unitOrder
            .Select(u => (u.Id, u.Depth, Rows: now.Where(r => tree.SubtreeOf(u.Id).Contains(r.OwnerUnitId)).ToList()))
            .Where(u => u.Rows.Count > 0)
            .Select(u => new UnitRag(u.Id, names[u.Id], u.Depth, u.Rows.Count(r => r.Rag == RagStatus.Green), u.Rows.Count(r => r.Rag == RagStatus.Amber),
                u.Rows.Count(r => r.Rag == RagStatus.Red), u.Rows.Count(r => r.Rag == RagStatus.NoData)))
            .ToList();
        var ragTrend = judged.OrderBy(j => j.Key).Select(j => new RagCount(j.Key,
            j.Value.Values.Count(r => r.Rag == RagStatus.Green), j.Value.Values.Count(r => r.Rag == RagStatus.Amber),
            j.Value.Values.Count(r => r.Rag == RagStatus.Red), j.Value.Values.Count(r => r.Rag == RagStatus.NoData))).ToList();
        var coverage = now.GroupBy(s => (s.Aspect, s.Channel)).Select(g => new CoverageCell(g.Key.Aspect, g.Key.Channel, g.Count()))
            .OrderBy(c => c.Aspect).ThenBy(c => c.Channel).ToList();

        var engagement = await EngagementAsync(db, quarter, target.Id, cancellationToken);
        var customers = await CustomersAsync(db, isCompany ? null : subtree, first, quarter, cancellationToken);
        var comparison = await ComparisonAsync(db, scope, first, quarter, engagement, cancellationToken);
        var promisesNl = await PromisesInAsync("nl", quarter, request.UnitId, first, cancellationToken);
        var promisesEn = await PromisesInAsync("en", quarter, request.UnitId, first, cancellationToken);
        var actions = await actionSource.GetAsync(quarter, scope, cancellationToken);

        var data = new ScorecardData(
            names[root.Id], quarter, request.UnitId, isCompany ? null : target.Name, clock.GetUtcNow().UtcDateTime,
            new ScorecardStrategy(choice?.Discipline, choice?.EffectiveQuarter, choice?.Rationale, coverage),
            new ScorecardStandards(standardLines, unitRags, ragTrend),
            promisesNl, promisesEn, engagement, customers, comparison, [], actions);
        return data with { Gaps = Gaps(data, OwnerOf, target.Id, names).Select(g => g with { ActionId = ActionOf(g, actions)?.Id }).ToList() };
    }

    private async Task<ScorecardPromises> PromisesInAsync(string language, Quarter quarter, int? unitId, Quarter first, CancellationToken cancellationToken)
    {
        // The promise source words reasons in the current UI culture; the snapshot keeps both languages.
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = PortalCultures.Of(language);
            return await promiseSource.GetAsync(quarter, unitId, first, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    /// <summary>
    /// The closed pulse round of the quarter (the one with the most answers when several opened in it), read through the
    /// results calculation. A round still open has no results anywhere, so a quarter whose round is open has no engagement yet.
    /// </summary>
    private async Task<ScorecardEngagement> EngagementAsync(IPortalDb db, Quarter quarter, int targetId, CancellationToken cancellationToken)
    {
        DateOnly start = quarter.Start, end = quarter.End;
        var today = clock.Today();
        var candidates = await db.PulseRounds.AsNoTracking().ClosedBy(today).Where(r => r.OpensOn >= start && r.OpensOn <= end)
            .Select(r => new { r.Id, Answers = db.PulseResponses.Count(p => p.RoundId == r.Id) })
            .ToListAsync(cancellationToken);
        var round = candidates.OrderByDescending(c => c.Answers).ThenByDescending(c => c.Id).FirstOrDefault();
        if (round is null) return ScorecardEngagement.None;

        RoundResults results;
        try
        {
            // The round's whole record, narrowed below to the unit as the round recorded it (its sub-units then, not now).
            results = await engagementResults.ResultsForAsync(round.Id, targetId, UnitScope.Everything, null, cancellationToken);
        }
        catch (NotFoundException)
        {
            return ScorecardEngagement.None; // the scope is not in the pulse's audience
        }

        var questionIds = results.Items.Select(i => i.QuestionId).ToList();
        var texts = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        var items = results.Items.Select(i => new HeatMapItem(i.QuestionId, i.Code, i.Kind, texts[i.QuestionId].TextFor("nl"), texts[i.QuestionId].TextFor("en"))).ToList();
        var baseDepth = results.Units.FirstOrDefault(u => u.UnitId == targetId)?.Depth ?? 0;
        var recorded = RecordedSubtree(results.Units, targetId);
        var heat = results.Units.Where(u => recorded.Contains(u.UnitId)).Select(u => u.IsShown
                ? new HeatMapRow(u.UnitId, u.Name, u.Depth - baseDepth, u.Visibility, u.Shares?.Engaged,
                    u.IsDetailShown ? items.Select(i => u.ItemScores.GetValueOrDefault(i.QuestionId)).ToList() : [], u.Shares)
                : new HeatMapRow(u.UnitId, u.Name, u.Depth - baseDepth, u.Visibility, null, []))
            .ToList();
        var trend = results.Trend.Where(t => Quarter.Of(t.OpensOn) <= quarter)
            .GroupBy(t => Quarter.Of(t.OpensOn)).Select(g => g.Last())
            .TakeLast(ScorecardData.TrendQuarters)
            .Select(t => t.Visibility == GroupVisibility.Shown
                ? new EngagementTrendPoint(Quarter.Of(t.OpensOn), t.Visibility, t.Shares?.Engaged, t.Shares?.NotEngaged, t.Shares?.ActivelyDisengaged, t.Enps)
                : new EngagementTrendPoint(Quarter.Of(t.OpensOn), t.Visibility, null, null, null, null))
            .ToList();
        var selected = results.Selected;
        // The response rate as the results page shows it: under its own rules, already null where hidden.
        return new ScorecardEngagement(true, results.Round.SurveyTitle, results.MinGroupSize, selected.Visibility, selected.ResponseRate,
            selected.IsShown ? selected.Shares : null, selected.IsShown ? selected.EnpsScore : null, items, heat, trend);
    }

    /// <summary>The unit and the units below it as the round recorded them (parents as they were when it opened).</summary>
    private static HashSet<int> RecordedSubtree(IReadOnlyList<UnitResult> units, int unitId)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.UnitId);
        var result = new HashSet<int>();
        var stack = new Stack<int>([unitId]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!result.Add(id)) continue;
            foreach (var child in children[id]) stack.Push(child);
        }
        return result;
    }

    private static async Task<ScorecardCustomers> CustomersAsync(IPortalDb db, IReadOnlyCollection<int>? subtree, Quarter first, Quarter quarter, CancellationToken cancellationToken)
    {
        var rows = await CustomerScoreService.QuarterRowsAsync(db, subtree, first, quarter, cancellationToken);
        var byQuarter = rows.GroupBy(r => r.QuarterKey).ToDictionary(g => g.Key, g => ScoreCounts.Sum(g.Select(r => r.ToCounts())));
        var trend = Quarter.Range(first, quarter).Select(q =>
        {
            var s = new ScoreSummary(byQuarter.TryGetValue(q.Key, out var c) ? c : new ScoreCounts());
            return new CustomerQuarter(q, s.Nps, s.NpsMargin, s.Counts.NpsResponses, s.Csat, s.Ces, s.Counts.Complaints, s.Counts.ChurnTotal,
                s.ChurnShare(ChurnReason.Service), s.ChurnShare(ChurnReason.Price), s.ChurnShare(ChurnReason.Need), s.ChurnShare(ChurnReason.Other));
        }).ToList();
        var channels = rows.Where(r => r.QuarterKey == quarter.Key).GroupBy(r => r.Channel).OrderBy(g => g.Key).Select(g =>
        {
            var s = new ScoreSummary(ScoreCounts.Sum(g.Select(r => r.ToCounts())));
            return new CustomerChannel(g.Key, s.Nps, s.Counts.NpsResponses, s.Csat, s.Ces, s.Counts.Complaints);
        }).Where(c => c.NpsResponses > 0 || c.Csat is not null || c.Complaints > 0).ToList();
        return new ScorecardCustomers(trend, channels);
    }

    /// <summary>
    /// The engagement × customer comparison over the trend quarters, as the scores page computes it. Until the pulses
    /// feature provides engagement per unit and quarter, the quarter's own heat map (already suppressed) stands in.
    /// </summary>
    private async Task<ScorecardComparison> ComparisonAsync(IPortalDb db, UnitScope scope, Quarter first, Quarter quarter, ScorecardEngagement engagement, CancellationToken cancellationToken)
    {
        var comparison = await CustomerScoreService.CompareAsync(db, engagementSource, scope, first, quarter, 0, cancellationToken);
        if (!comparison.EngagementAvailable && engagement.HeatMap.Count > 0)
            comparison = await CustomerScoreService.CompareAsync(db, new HeatMapEngagement(engagement, quarter), scope, quarter, quarter, 0, cancellationToken);
        if (!comparison.EngagementAvailable) return ScorecardComparison.None;
        var correlation = comparison.Correlate(EngagementAxis.EngagedShare, CustomerAxis.Nps);
        var dots = correlation.Points.Select(p => new ComparisonDot(p.UnitId, p.UnitName, p.EngagementQuarter, p.EngagedShare!.Value, p.Nps!.Value)).ToList();
        return new ScorecardComparison(true, dots, comparison.SuppressedCount, correlation.R, correlation.Strength);
    }

    /// <summary>
    /// The three biggest gaps: red standards by how far they miss, unbacked promises, shown units below Gallup's engaged
    /// share, a falling NPS and channels without standards, each weighed on one scale (about 1 = serious).
    /// </summary>
    private static List<ScorecardGap> Gaps(ScorecardData data, Func<int, string> ownerOf, int targetId, IReadOnlyDictionary<int, string> names)
    {
        var gaps = new List<ScorecardGap>();
        foreach (var s in data.Standards.Standards.Where(s => s.Rag == RagStatus.Red && s.Actual is not null && s.Target is not null))
        {
            var miss = Math.Abs(s.Actual!.Value - s.Target!.Value) / Math.Max(Math.Abs(s.Target.Value), 1e-9);
            gaps.Add(new ScorecardGap(GapKind.RedStandard, s.Title, ownerOf(s.OwnerUnitId), s.Actual, s.Target, s.Unit, 0.5 + Math.Min(miss, 1.5), s.Id));
        }
        foreach (var p in data.Promises.Promises.Where(p => p.Verdict == PromiseVerdict.Unbacked))
            gaps.Add(new ScorecardGap(GapKind.UnbackedPromise, p.Claim, p.OwnerName, p.LinkedComplaints, null, null, 1.0 + Math.Min(p.LinkedComplaints, 50) / 25.0, p.PromiseId));
        foreach (var row in data.Engagement.HeatMap.Where(r => r.IsShown && r.EngagedShare < GallupEngaged))
            gaps.Add(new ScorecardGap(GapKind.LowEngagement, row.UnitName, ownerOf(row.UnitId), row.EngagedShare, GallupEngaged, MetricUnit.Percent,
                0.4 + (GallupEngaged - row.EngagedShare!.Value) / GallupEngaged * 1.5, row.UnitId));
        if (data.Customers.Current?.Nps is { } npsNow && data.Customers.Previous?.Nps is { } npsBefore && npsNow < npsBefore - 2)
            gaps.Add(new ScorecardGap(GapKind.NpsDrop, names[targetId], ownerOf(targetId), npsNow, npsBefore, MetricUnit.Score, 0.5 + (npsBefore - npsNow) / 10.0, targetId));
        if (data.IsCompany)
            foreach (var channel in Enum.GetValues<ServiceChannel>().Where(c => c != ServiceChannel.Any && data.Strategy.ChannelTotal(c) == 0))
                gaps.Add(new ScorecardGap(GapKind.UncoveredChannel, channel.ToString(), ownerOf(targetId), null, null, null, 0.45));
        return gaps.OrderByDescending(g => g.Severity).ThenBy(g => g.Subject, StringComparer.Ordinal).Take(3).ToList();
    }

    /// <summary>
    /// The action a gap has among the quarter's actions: on the red standard, on the unbacked promise, on an engagement item
    /// of the unit below Gallup's share, on the NPS of the unit whose NPS fell. An open one first, then the one done last.
    /// </summary>
    private static ScorecardAction? ActionOf(ScorecardGap gap, ScorecardActions actions) => actions.Items
        .Where(a => gap.SubjectId is { } id && gap.Kind switch
        {
            GapKind.RedStandard => a.CauseKind == Domain.Actions.ActionCauseKind.Standard && a.CauseStandardId == id,
            GapKind.UnbackedPromise => a.CauseKind == Domain.Actions.ActionCauseKind.Promise && a.CausePromiseId == id,
            GapKind.LowEngagement => a.CauseKind == Domain.Actions.ActionCauseKind.Engagement && a.CauseUnitId == id,
            GapKind.NpsDrop => a.CauseKind == Domain.Actions.ActionCauseKind.CustomerScore && a.CauseMeasure == Domain.Actions.CustomerScoreMeasure.Nps && a.CauseUnitId == id,
            _ => false,
        })
        .OrderBy(a => a.State == ScorecardActionState.Completed ? 1 : 0).ThenByDescending(a => a.ClosedOn).ThenByDescending(a => a.Id)
        .FirstOrDefault();

    /// <summary>Engagement per unit of one quarter, read from the scorecard's heat map (hidden units stay hidden).</summary>
    private sealed class HeatMapEngagement(ScorecardEngagement engagement, Quarter quarter) : IUnitEngagementSource
    {
        public Task<IReadOnlyList<UnitEngagement>> GetAsync(IReadOnlyCollection<int> unitIds, Quarter from, Quarter to, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<UnitEngagement>>(engagement.HeatMap
                .Where(r => unitIds.Contains(r.UnitId))
                .Select(r => r.IsShown && r.EngagedShare is not null
                    ? new UnitEngagement(r.UnitId, quarter, false, r.EngagedShare, null)
                    : UnitEngagement.Hidden(r.UnitId, quarter))
                .ToList());
    }

    private static List<(int Id, int Depth)> TreeOrder(OrgTree tree, int top, IReadOnlyDictionary<int, string> names)
    {
        var result = new List<(int, int)>();
        Visit(top, 0);
        return result;

        void Visit(int id, int depth)
        {
            result.Add((id, depth));
            foreach (var child in tree.ChildrenOf(id).OrderBy(c => names[c], StringComparer.Ordinal)) Visit(child, depth + 1);
        }
    }
}
