using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Results of pulses for managers (their units), directors and administrators (everything). Only a
/// closed round has results: while a round is open only its response rate (from the once-a-day
/// participation count) is given, so nobody can compare results before and after a known colleague
/// answers. Every figure is computed over the organisation the round recorded when it opened
/// (<see cref="RoundStructure"/>: a later reorganisation changes nothing), passes the anonymity rules
/// over that whole structure first (so a filter cannot undo a sibling rule), and only then is narrowed
/// to what the reader may see. No individual response ever leaves this service.
/// </summary>
public sealed class EngagementResultsService(IPortalDbFactory dbFactory, ICurrentUser currentUser, AccessScope accessScope, TimeProvider clock, IMemoryCache cache,
    RoundAudienceRecorder recorder)
{
    /// <summary>Rounds that have opened, newest first.</summary>
    public async Task<IReadOnlyList<ResultsRoundOption>> GetRoundsAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementResults);
        var today = clock.Today();
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
        var today = clock.Today();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.OpensOn <= today, cancellationToken)
            ?? throw new NotFoundException("Round", roundId);
        if (!round.HasRecordedAudience)
        {
            await recorder.EnsureRecordedAsync(round, cancellationToken);
            round = await db.PulseRounds.AsNoTracking().FirstAsync(r => r.Id == roundId, cancellationToken);
        }
        var survey = await db.PulseSurveys.AsNoTracking().Include(s => s.Items).FirstAsync(s => s.Id == round.SurveyId, cancellationToken);
        var questionIds = survey.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        var items = survey.Items.OrderBy(i => i.Position).Select(i => questions[i.QuestionId])
            .Select(q => new ResultItem(q.Id, q.Code, q.Kind, q.TextFor(language))).ToList();
        var scaled = items.Where(i => i.Kind.IsScaled()).ToList();

        var option = new ResultsRoundOption(round.Id, survey.Id, survey.Title, round.Number, round.OpensOn, round.ClosesOn, PulseScheduleService.StateOf(round, today));

        // An open round shows no result at all, only how many took part by today's count: figures that change with each answer
        // would let a reader compare them before and after a known colleague answers. Not a single response is read for it.
        if (!round.HasClosedBy(today))
        {
            await RoundAudienceRecorder.CountParticipationTodayAsync(db, round.Id, today, cancellationToken);
            var recorded = (await RoundStructures.LoadAsync(db, [round.Id], cancellationToken))[round.Id];
            var (openSelected, openOrder) = Select(recorded, unitId, scope, ownUnitId);
            UnitResult Pending(int id, int depth)
            {
                var rateShown = recorded.RateVisibility.GetValueOrDefault(id) == GroupVisibility.Shown;
                var invited = recorded.InvitedIn(id);
                return new UnitResult(id, recorded.NameOf(id), recorded.ParentOf(id), depth, GroupVisibility.RoundOpen, rateShown ? invited : null,
                    rateShown ? EngagementFormulas.ResponseRate(recorded.TookPartIn(id), invited) : null, null, null, new Dictionary<int, double?>(),
                    DetailVisibility: GroupVisibility.RoundOpen);
            }
            var pendingUnits = openOrder.Select(u => Pending(u.Id, u.Depth)).ToList();
            return new RoundResults(option, survey.MinGroupSize, survey.CommentThreshold, openSelected, scaled, pendingUnits,
                pendingUnits.FirstOrDefault(u => u.UnitId == openSelected) ?? Pending(openSelected, recorded.DepthOf(openSelected)), [],
                null, DriverAvailability.RoundOpen, null, CommentAvailability.RoundOpen);
        }

        // Per (round, unit) counts of every closed round of this pulse (the trend; open rounds are no point), counted in the
        // database, each over its own recorded structure, with the anonymity rules applied.
        var rounds = await db.PulseRounds.AsNoTracking().ClosedBy(today).Where(r => r.SurveyId == survey.Id).OrderBy(r => r.Number).ToListAsync(cancellationToken);
        foreach (var unrecorded in rounds.Where(r => !r.HasRecordedAudience)) await recorder.EnsureRecordedAsync(unrecorded, cancellationToken);
        var perRound = await PulseRoundCounter.CountAsync(db, cache, rounds, new Dictionary<int, PulseSurvey> { [survey.Id] = survey }, today, cancellationToken);
        var current = perRound[round.Id];
        var structure = current.Structure;
        var (selectedId, order) = Select(structure, unitId, scope, ownUnitId);

        // Item scores of this round: decoded from the responses, summed per unit, rolled up below.
        var (sums, vectors) = await ItemDataAsync(db, round, scaled, cancellationToken);

        var unitResults = order.Select(u => BuildUnit(u.Id, u.Depth, current)).ToList();
        var selected = unitResults.FirstOrDefault(u => u.UnitId == selectedId) ?? BuildUnit(selectedId, structure.DepthOf(selectedId), current);

        // The chosen unit in every closed round that knew it, under the name it had then: a renamed unit is still followed,
        // a merged or dissolved one ends where the rounds stop recording it.
        var trend = rounds.Where(r => perRound[r.Id].Structure.Contains(selectedId)).Select(r =>
        {
            var rc = perRound[r.Id];
            var visibility = rc.ScoresOf(selectedId);
            var (n, engaged, notEngaged, disengaged, promoters, passives, detractors, _) = rc.Sum(selectedId);
            var shown = visibility == GroupVisibility.Shown;
            return new TrendPoint(r.Id, r.Number, r.OpensOn, visibility, rc.RateOf(selectedId, n),
                shown && engaged + notEngaged + disengaged > 0 ? EngagementFormulas.Shares(engaged, notEngaged, disengaged) : null,
                shown ? new EnpsResult(promoters, passives, detractors).Score : null, rc.Structure.NameOf(selectedId));
        }).ToList();

        // Drivers: correlation of each item with the eNPS answer, for a group whose detail is shown, of at least 25.
        IReadOnlyList<DriverRow>? drivers = null;
        DriverAvailability driverState;
        var enpsItem = scaled.FindIndex(i => i.Kind == QuestionKind.Enps);
        var selectedVectors = structure.SubtreeOf(selectedId).SelectMany(u => vectors.GetValueOrDefault(u) ?? []).ToList();
        if (enpsItem < 0) driverState = DriverAvailability.NoEnpsItem;
        else if (!selected.IsDetailShown) driverState = DriverAvailability.GroupHidden;
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
        else if (current.Visibility.Comments.GetValueOrDefault(selectedId) != GroupVisibility.Shown) commentState = CommentAvailability.BelowThreshold;
        else
        {
            commentState = CommentAvailability.Shown;
            var subtree = structure.SubtreeOf(selectedId).ToList();
            var texts = await db.PulseComments.AsNoTracking().Where(c => c.RoundId == round.Id && subtree.Contains(c.UnitId))
                .Select(c => new { c.QuestionId, c.Text }).ToListAsync(cancellationToken);
            comments = texts.Select(c => new CommentRow(textItems.GetValueOrDefault(c.QuestionId, string.Empty), c.Text))
                .OrderBy(c => c.Question, StringComparer.Ordinal).ThenBy(c => c.Text, StringComparer.Ordinal).ToList();
        }

        return new RoundResults(option, survey.MinGroupSize, survey.CommentThreshold, selectedId, scaled, unitResults, selected, trend,
            drivers, driverState, comments, commentState);

        UnitResult BuildUnit(int id, int depth, RoundCounts rc)
        {
            var visibility = rc.ScoresOf(id);
            var detail = rc.Visibility.Detail.GetValueOrDefault(id, GroupVisibility.TooFew);
            var (n, engaged, notEngaged, disengaged, promoters, passives, detractors, invited) = rc.Sum(id);
            var rate = rc.RateOf(id, n);
            var name = rc.Structure.NameOf(id);
            var parent = rc.Structure.ParentOf(id);
            if (visibility != GroupVisibility.Shown)
                return new UnitResult(id, name, parent, depth, visibility, rate is null ? null : invited, rate, null, null, new Dictionary<int, double?>(),
                    DetailVisibility: detail);
            var enps = promoters + passives + detractors > 0 ? new EnpsResult(promoters, passives, detractors) : null;
            var itemScores = new Dictionary<int, double?>();
            if (detail == GroupVisibility.Shown)
            {
                var subtree = rc.Structure.SubtreeOf(id);
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
            }
            return new UnitResult(id, name, parent, depth, visibility, rate is null ? null : invited, rate,
                engaged + notEngaged + disengaged > 0 ? EngagementFormulas.Shares(engaged, notEngaged, disengaged) : null,
                detail == GroupVisibility.Shown ? enps : null, itemScores, enps?.Score, detail);
        }
    }

    /// <summary>The unit to show (the asked one, else the reader's own, else the top of what they may see) and the units in tree order the reader may see.</summary>
    private static (int Selected, IReadOnlyList<(int Id, int Depth)> Order) Select(RoundStructure structure, int? unitId, UnitScope scope, int? ownUnitId)
    {
        var order = structure.InTreeOrder(StringComparer.CurrentCultureIgnoreCase).Where(u => scope.Includes(u.Id)).ToList();
        if (unitId is { } asked)
        {
            if (!scope.Includes(asked)) throw new ForbiddenException();
            if (!structure.Contains(asked)) throw new NotFoundException("Unit", asked);
            return (asked, order);
        }
        if (!scope.All && ownUnitId is { } own && structure.Contains(own)) return (own, order);
        return order.Count > 0 ? (order[0].Id, order) : throw new ForbiddenException();
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

    private sealed class ItemSums(int items)
    {
        public int[] Answered { get; } = new int[items];
        public int[] Favourable { get; } = new int[items];
        public int[] Promoters { get; } = new int[items];
        public int[] Detractors { get; } = new int[items];
    }
}
