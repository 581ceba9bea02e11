using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Results of pulses for managers (their units), directors and administrators (everything). Only a
/// closed round has results: while a round is open only its response rate (from participation) is
/// given, so nobody can compare results before and after a known colleague answers. Every figure
/// passes the anonymity rules first: suppression is computed over the whole organisation per round
/// (so a filter cannot undo a sibling rule), and only then narrowed to what the reader may see.
/// No individual response ever leaves this service.
/// </summary>
public sealed class EngagementResultsService(IPortalDbFactory dbFactory, ICurrentUser currentUser, AccessScope accessScope, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>Rounds that have opened, newest first.</summary>
    public async Task<IReadOnlyList<ResultsRoundOption>> GetRoundsAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementResults);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = await db.PulseRounds.AsNoTracking().Where(r => r.OpensOn <= today)
            .Join(db.PulseSurveys, r => r.SurveyId, s => s.Id, (r, s) => new { Round = r, s.Title })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Round.OpensOn).ThenBy(r => r.Title)
            .Select(r => new ResultsRoundOption(r.Round.Id, r.Round.SurveyId, r.Title, r.Round.Number, r.Round.OpensOn, r.Round.ClosesOn,
                PulseScheduleService.StateOf(r.Round, today)))
            .ToList();
    }

    /// <summary>Results of a round, with the heat map of the reader's units, and the trend, drivers and comments of the chosen unit.</summary>
    public async Task<RoundResults> GetResultsAsync(int roundId, int? unitId = null, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.EngagementResults);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        return await ResultsForAsync(roundId, unitId, scope, user.OrgUnitId, cancellationToken);
    }

    /// <summary>
    /// The results of a round as <see cref="GetResultsAsync"/> computes them, for a given unit scope and without
    /// a signed-in user: the scorecards (command line, background issuing) read the same suppressed figures
    /// the results page shows. <paramref name="ownUnitId"/> picks the default unit of a narrowed scope.
    /// </summary>
    internal async Task<RoundResults> ResultsForAsync(int roundId, int? unitId, UnitScope scope, int? ownUnitId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.OpensOn <= today, cancellationToken)
            ?? throw new NotFoundException("Round", roundId);
        var survey = await db.PulseSurveys.AsNoTracking().Include(s => s.Items).Include(s => s.Audience).FirstAsync(s => s.Id == round.SurveyId, cancellationToken);
        var questionIds = survey.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        var items = survey.Items.OrderBy(i => i.Position).Select(i => questions[i.QuestionId])
            .Select(q => new ResultItem(q.Id, q.Code, q.Kind, q.TextFor(language))).ToList();
        var scaled = items.Where(i => i.Kind.IsScaled()).ToList();

        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name }).ToListAsync(cancellationToken);
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var roots = units.Where(u => u.ParentId is null || !names.ContainsKey(u.ParentId.Value)).Select(u => u.Id).ToList();
        var audience = survey.Audience.Select(a => a.UnitId).SelectMany(tree.SubtreeOf).ToHashSet();
        var subtrees = units.ToDictionary(u => u.Id, u => tree.SubtreeOf(u.Id));

        var selectedId = unitId ?? DefaultUnit(scope, ownUnitId, survey, tree, audience);
        if (!scope.Includes(selectedId)) throw new ForbiddenException();
        if (!audience.Contains(selectedId)) throw new NotFoundException("Unit", selectedId);

        var option = new ResultsRoundOption(round.Id, survey.Id, survey.Title, round.Number, round.OpensOn, round.ClosesOn, PulseScheduleService.StateOf(round, today));
        var order = TreeOrder(tree, roots, names).Where(u => audience.Contains(u.Id) && scope.Includes(u.Id)).ToList();

        // An open round shows no result at all, only how many took part: figures that change with each answer would let a
        // reader compare them before and after a known colleague answers. Not a single response is read for it.
        if (!round.HasClosedBy(today))
        {
            var invitedPerUnit = await db.PulseRoundUnits.AsNoTracking().Where(u => u.RoundId == round.Id).ToDictionaryAsync(u => u.UnitId, u => u.Invited, cancellationToken);
            // Participation (who took part, counted by the unit each person is in now) — never a response.
            var tookPart = await db.Participations.AsNoTracking().Where(p => p.RoundId == round.Id)
                .Join(db.People, p => p.PersonId, person => person.Id, (p, person) => person.OrgUnitId)
                .GroupBy(u => u).Select(g => new { UnitId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.UnitId, g => g.Count, cancellationToken);
            UnitResult Pending(int id, int depth)
            {
                var invitedSum = subtrees[id].Sum(u => invitedPerUnit.GetValueOrDefault(u));
                var answeredSum = subtrees[id].Sum(u => tookPart.GetValueOrDefault(u));
                return new UnitResult(id, names[id], tree.ParentOf(id), depth, GroupVisibility.RoundOpen, invitedSum,
                    EngagementFormulas.ResponseRate(answeredSum, invitedSum), null, null, new Dictionary<int, double?>());
            }
            var pendingUnits = order.Select(u => Pending(u.Id, u.Depth)).ToList();
            return new RoundResults(option, survey.MinGroupSize, survey.CommentThreshold, selectedId, scaled, pendingUnits,
                pendingUnits.FirstOrDefault(u => u.UnitId == selectedId) ?? Pending(selectedId, 0), [],
                null, DriverAvailability.RoundOpen, null, CommentAvailability.RoundOpen);
        }

        // Per (round, unit) counts of every closed round of this pulse (the trend; open rounds are no point), counted in the
        // database, with the anonymity rules applied.
        var rounds = await db.PulseRounds.AsNoTracking().ClosedBy(today).Where(r => r.SurveyId == survey.Id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        var perRound = await PulseRoundCounter.CountAsync(db, cache, rounds, new Dictionary<int, PulseSurvey> { [survey.Id] = survey }, tree, roots, today, cancellationToken);
        var current = perRound[round.Id];

        // Item scores of this round: decoded from the responses, summed per unit, rolled up below.
        var (sums, vectors) = await ItemDataAsync(db, round, scaled, cancellationToken);

        var unitResults = order.Select(u => BuildUnit(u.Id, u.Depth, current)).ToList();
        var selected = unitResults.FirstOrDefault(u => u.UnitId == selectedId) ?? BuildUnit(selectedId, 0, current);

        var trend = rounds.Select(r =>
        {
            var rc = perRound[r.Id];
            var visibility = rc.Visibility.GetValueOrDefault(selectedId, GroupVisibility.TooFew);
            var (n, engaged, notEngaged, disengaged, promoters, passives, detractors, invitedSum) = rc.Sum(subtrees[selectedId]);
            var shown = visibility == GroupVisibility.Shown;
            return new TrendPoint(r.Id, r.Number, r.OpensOn, visibility, EngagementFormulas.ResponseRate(n, invitedSum),
                shown && engaged + notEngaged + disengaged > 0 ? EngagementFormulas.Shares(engaged, notEngaged, disengaged) : null,
                shown ? new EnpsResult(promoters, passives, detractors).Score : null);
        }).ToList();

        // Drivers: correlation of each item with the eNPS answer, for a shown group of at least 25.
        IReadOnlyList<DriverRow>? drivers = null;
        DriverAvailability driverState;
        var enpsItem = scaled.FindIndex(i => i.Kind == QuestionKind.Enps);
        var selectedVectors = subtrees[selectedId].SelectMany(u => vectors.GetValueOrDefault(u) ?? []).ToList();
        if (enpsItem < 0) driverState = DriverAvailability.NoEnpsItem;
        else if (!selected.IsShown) driverState = DriverAvailability.GroupHidden;
        else if (!EngagementFormulas.CanShowDrivers(selectedVectors.Count)) driverState = DriverAvailability.TooFewResponses;
        else
        {
            driverState = DriverAvailability.Shown;
            drivers = scaled.Select((item, i) => (item, i)).Where(x => x.i != enpsItem).Select(x =>
            {
                var pairs = selectedVectors.Where(v => v[x.i] >= 0 && v[enpsItem] >= 0).ToList();
                return new DriverRow(x.item.QuestionId, x.item.Text,
                    Statistics.Pearson(pairs.Select(v => ((double)v[x.i], (double)v[enpsItem])).ToList()));
            }).OrderByDescending(d => d.Correlation ?? double.MinValue).ToList();
        }

        // Comments: only for a group at or above the comment threshold (with the sibling rule), sorted by text, never by time.
        IReadOnlyList<CommentRow>? comments = null;
        CommentAvailability commentState;
        var textItems = items.Where(i => i.Kind == QuestionKind.FreeText).ToDictionary(i => i.QuestionId, i => i.Text);
        if (textItems.Count == 0) commentState = CommentAvailability.NoCommentItem;
        else if (!selected.IsShown || current.CommentVisibility.GetValueOrDefault(selectedId) != GroupVisibility.Shown) commentState = CommentAvailability.BelowThreshold;
        else
        {
            commentState = CommentAvailability.Shown;
            var subtree = subtrees[selectedId].ToList();
            var texts = await db.PulseComments.AsNoTracking().Where(c => c.RoundId == round.Id && subtree.Contains(c.UnitId))
                .Select(c => new { c.QuestionId, c.Text }).ToListAsync(cancellationToken);
            comments = texts.Select(c => new CommentRow(textItems.GetValueOrDefault(c.QuestionId, string.Empty), c.Text))
                .OrderBy(c => c.Question, StringComparer.Ordinal).ThenBy(c => c.Text, StringComparer.Ordinal).ToList();
        }

        return new RoundResults(option, survey.MinGroupSize, survey.CommentThreshold, selectedId, scaled, unitResults, selected, trend,
            drivers, driverState, comments, commentState);

        UnitResult BuildUnit(int id, int depth, RoundCounts rc)
        {
            var visibility = rc.Visibility.GetValueOrDefault(id, GroupVisibility.TooFew);
            var subtree = subtrees[id];
            var (n, engaged, notEngaged, disengaged, promoters, passives, detractors, invitedSum) = rc.Sum(subtree);
            var rate = EngagementFormulas.ResponseRate(n, invitedSum);
            if (visibility != GroupVisibility.Shown)
                return new UnitResult(id, names[id], tree.ParentOf(id), depth, visibility, invitedSum, rate, null, null, new Dictionary<int, double?>());
            var itemScores = new Dictionary<int, double?>();
            for (var i = 0; i < scaled.Count; i++)
            {
                int answered = 0, favourable = 0, p = 0, d = 0;
                foreach (var u in subtree)
                {
                    if (!sums.TryGetValue(u, out var s)) continue;
                    answered += s.Answered[i]; favourable += s.Favourable[i]; p += s.Promoters[i]; d += s.Detractors[i];
                }
                itemScores[scaled[i].QuestionId] = scaled[i].Kind == QuestionKind.Enps
                    ? new EnpsResult(p, answered - p - d, d).Score
                    : EngagementFormulas.FavourablePercent(favourable, answered);
            }
            return new UnitResult(id, names[id], tree.ParentOf(id), depth, visibility, invitedSum, rate,
                engaged + notEngaged + disengaged > 0 ? EngagementFormulas.Shares(engaged, notEngaged, disengaged) : null,
                promoters + passives + detractors > 0 ? new EnpsResult(promoters, passives, detractors) : null, itemScores);
        }
    }

    /// <summary>Item sums and answer vectors per unit of a closed round (the caller checks it closed); kept a while, a closed round never changes.</summary>
    private async Task<(Dictionary<int, ItemSums> Sums, Dictionary<int, List<int[]>> Vectors)> ItemDataAsync(
        IPortalDb db, PulseRound round, IReadOnlyList<ResultItem> scaled, CancellationToken cancellationToken)
    {
        var key = "pulse-results-items:" + round.Id.ToString(CultureInfo.InvariantCulture);
        if (cache.TryGetValue(key, out (Dictionary<int, ItemSums>, Dictionary<int, List<int[]>>) cached)) return cached;
        var answers = await db.PulseResponses.AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.UnitId, r.Answers }).ToListAsync(cancellationToken);
        var itemIndex = scaled.Select((item, i) => (item.QuestionId, i)).ToDictionary(x => x.QuestionId, x => x.i);
        var sums = new Dictionary<int, ItemSums>();
        var vectors = new Dictionary<int, List<int[]>>();
        foreach (var response in answers)
        {
            if (!sums.TryGetValue(response.UnitId, out var s)) sums[response.UnitId] = s = new ItemSums(scaled.Count);
            var vector = new int[scaled.Count];
            Array.Fill(vector, -1);
            foreach (var (questionId, value) in AnswerCodec.Decode(response.Answers))
            {
                if (!itemIndex.TryGetValue(questionId, out var i)) continue;
                vector[i] = value;
                s.Answered[i]++;
                if (EngagementFormulas.IsFavourable(value)) s.Favourable[i]++;
                if (value >= 9) s.Promoters[i]++;
                else if (value <= 6) s.Detractors[i]++;
            }
            if (!vectors.TryGetValue(response.UnitId, out var list)) vectors[response.UnitId] = list = [];
            list.Add(vector);
        }
        cache.Set(key, (sums, vectors), PulseRoundCounter.ClosedRoundCache);
        return (sums, vectors);
    }

    private static int DefaultUnit(UnitScope scope, int? ownUnitId, PulseSurvey survey, OrgTree tree, HashSet<int> audience)
    {
        if (!scope.All && ownUnitId is { } own && audience.Contains(own)) return own;
        if (scope.All) return survey.Audience.Select(a => a.UnitId).OrderBy(tree.DepthOf).First();
        var visible = audience.Where(scope.Includes).OrderBy(tree.DepthOf).ToList();
        return visible.Count > 0 ? visible[0] : throw new ForbiddenException();
    }

    private static IEnumerable<(int Id, int Depth)> TreeOrder(OrgTree tree, IEnumerable<int> roots, IReadOnlyDictionary<int, string> names)
    {
        foreach (var root in roots.OrderBy(r => names[r], StringComparer.CurrentCultureIgnoreCase))
            foreach (var item in Visit(root, 0)) yield return item;

        IEnumerable<(int, int)> Visit(int id, int depth)
        {
            yield return (id, depth);
            foreach (var child in tree.ChildrenOf(id).OrderBy(c => names[c], StringComparer.CurrentCultureIgnoreCase))
                foreach (var item in Visit(child, depth + 1)) yield return item;
        }
    }

    private sealed class ItemSums(int items)
    {
        public int[] Answered { get; } = new int[items];
        public int[] Favourable { get; } = new int[items];
        public int[] Promoters { get; } = new int[items];
        public int[] Detractors { get; } = new int[items];
    }
}
