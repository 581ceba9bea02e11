using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Answering a pulse. One answer per person per round: the participation (person, round) and the
/// response (round, unit, day, answers) are written in one save, but share nothing except the round.
/// Nothing is logged about who answered what, and nothing is stored when any check fails.
/// </summary>
public sealed class PulseAnswerService(IPortalDbFactory dbFactory, ICurrentUser currentUser, MessageText text, TimeProvider clock, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The signed-in person's pulses that are open now (answered or not), newest first.</summary>
    public async Task<IReadOnlyList<OpenPulse>> GetOpenPulsesAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.EngagementAnswer) || user.PersonId is not { } personId || user.OrgUnitId is not { } unitId) return [];
        var today = Today;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await db.PulseRounds.AsNoTracking().Where(r => r.OpensOn <= today && r.ClosesOn >= today)
            .Join(db.PulseSurveys, r => r.SurveyId, s => s.Id, (r, s) => new { Round = r, s.Title })
            .ToListAsync(cancellationToken);
        if (open.Count == 0) return [];
        var roundIds = open.Select(o => o.Round.Id).ToList();
        var answered = (await db.Participations.AsNoTracking().Where(p => p.PersonId == personId && roundIds.Contains(p.RoundId))
            .Select(p => p.RoundId).ToListAsync(cancellationToken)).ToHashSet();
        var result = new List<OpenPulse>();
        foreach (var o in open)
        {
            var info = await RoundInfoAsync(db, o.Round.Id, cancellationToken);
            if (info is null || !info.Audience.Contains(unitId)) continue;
            var done = answered.Contains(o.Round.Id);
            result.Add(new OpenPulse(o.Round.Id, o.Title, o.Round.Number, o.Round.OpensOn, o.Round.ClosesOn, done, !done && o.Round.RemindedOn is not null));
        }
        return result.OrderBy(p => p.ClosesOn).ThenBy(p => p.Title).ToList();
    }

    /// <summary>The form of a round for the signed-in person, or why they cannot answer it.</summary>
    public async Task<PulseForm> GetFormAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.EngagementAnswer);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var info = await RoundInfoAsync(db, roundId, cancellationToken);
        if (info is null) return PulseForm.Refused(PulseFormStatus.NotFound, roundId);
        var status = await StatusAsync(db, info, user, cancellationToken);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var items = status == PulseFormStatus.Ready
            ? info.Items.Select(i => new PulseFormItem(i.QuestionId, i.Kind, language == "en" ? i.TextEn : i.TextNl, i.Kind.IsRequired())).ToList()
            : [];
        return new PulseForm(status, roundId, info.Title, info.OpensOn, info.ClosesOn, info.Thresholds.MinGroupSize, info.Thresholds.CommentThreshold, items);
    }

    /// <summary>Checks and stores an answer. <paramref name="values"/>: question id → the raw form value.</summary>
    public async Task<SubmitResult> SubmitAsync(int roundId, IReadOnlyDictionary<int, string?> values, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.EngagementAnswer);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var info = await RoundInfoAsync(db, roundId, cancellationToken);
        if (info is null) return SubmitResult.Of(SubmitStatus.NotFound);
        var status = await StatusAsync(db, info, user, cancellationToken);
        if (status != PulseFormStatus.Ready) return SubmitResult.Of(ToSubmit(status));

        var sheet = PulseAnswerSheet.Check(info.Items.Select(i => new SheetItem(i.QuestionId, i.Kind)).ToList(), values);
        if (!sheet.IsValid)
        {
            var errors = sheet.Errors.ToDictionary(e => e.Key, e => MessageFor(e.Value, info.Items.First(i => i.QuestionId == e.Key).Kind));
            if (sheet.HasUnknownItems) errors[0] = text["pulse.answer-unknown-item"];
            return new SubmitResult(SubmitStatus.Invalid, errors);
        }

        // One SaveChanges = one transaction: both rows or neither. They share only the round id.
        db.Participations.Add(new Participation(roundId, user.PersonId!.Value));
        db.PulseResponses.Add(PulseResponse.Create(roundId, user.OrgUnitId!.Value, Today, sheet.Answers));
        foreach (var (questionId, comment) in sheet.Comments)
            db.PulseComments.Add(new PulseComment(roundId, user.OrgUnitId.Value, questionId, comment));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second post of the same person raced the first: the participation key refused it, nothing was stored.
            await using var check = await dbFactory.CreateAsync(cancellationToken);
            if (await check.Participations.AnyAsync(p => p.RoundId == roundId && p.PersonId == user.PersonId, cancellationToken))
                return SubmitResult.Of(SubmitStatus.AlreadyAnswered);
            throw;
        }
        return SubmitResult.Of(SubmitStatus.Stored);
    }

    private async Task<PulseFormStatus> StatusAsync(IPortalDb db, RoundInfo info, UserContext user, CancellationToken cancellationToken)
    {
        if (user.PersonId is not { } personId || user.OrgUnitId is not { } unitId) return PulseFormStatus.NotInAudience;
        if (await db.Participations.AnyAsync(p => p.RoundId == info.RoundId && p.PersonId == personId, cancellationToken))
            return PulseFormStatus.AlreadyAnswered;
        if (!info.Audience.Contains(unitId)) return PulseFormStatus.NotInAudience;
        var today = Today;
        if (today < info.OpensOn) return PulseFormStatus.NotYetOpen;
        if (today > info.ClosesOn) return PulseFormStatus.Closed;
        return PulseFormStatus.Ready;
    }

    private string MessageFor(string code, QuestionKind kind) => code switch
    {
        PulseAnswerSheet.OutOfScale => text.Format(code, kind.ScaleMinimum() ?? 0, kind.ScaleMaximum() ?? 0),
        PulseAnswerSheet.CommentTooLong => text.Format(code, PulseComment.TextMaxLength),
        _ => text[code],
    };

    private static SubmitStatus ToSubmit(PulseFormStatus status) => status switch
    {
        PulseFormStatus.AlreadyAnswered => SubmitStatus.AlreadyAnswered,
        PulseFormStatus.NotYetOpen => SubmitStatus.NotYetOpen,
        PulseFormStatus.Closed => SubmitStatus.Closed,
        PulseFormStatus.NotInAudience => SubmitStatus.NotInAudience,
        _ => SubmitStatus.NotFound,
    };

    /// <summary>What every answer of a round needs (items, dates, audience): read once per 30 seconds, not per answer.</summary>
    private async Task<RoundInfo?> RoundInfoAsync(IPortalDb db, int roundId, CancellationToken cancellationToken)
    {
        var key = "pulse-round:" + roundId.ToString(CultureInfo.InvariantCulture);
        if (cache.TryGetValue(key, out RoundInfo? cached)) return cached;
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null) return null;
        var survey = await db.PulseSurveys.AsNoTracking().Include(s => s.Items).Include(s => s.Audience).FirstAsync(s => s.Id == round.SurveyId, cancellationToken);
        var questionIds = survey.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        var items = survey.Items.OrderBy(i => i.Position)
            .Select(i => questions[i.QuestionId])
            .Select(q => new RoundItem(q.Id, q.Kind, q.TextNl, q.TextEn)).ToList();
        var audience = await PulseAudience.ForUnitsAsync(db, survey.Audience.Select(a => a.UnitId), cancellationToken);
        var info = new RoundInfo(round.Id, survey.Title, round.OpensOn, round.ClosesOn, survey.Thresholds, items, audience);
        cache.Set(key, info, CacheFor);
        return info;
    }

    private sealed record RoundItem(int QuestionId, QuestionKind Kind, string TextNl, string TextEn);

    private sealed record RoundInfo(int RoundId, string Title, DateOnly OpensOn, DateOnly ClosesOn, AnonymityThresholds Thresholds, IReadOnlyList<RoundItem> Items, IReadOnlySet<int> Audience);
}
