using StrategyPortal.Domain.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Answering a pulse. Only people the round invited when it opened may answer (<see cref="PulseInvitation"/>), once: the
/// participation (person, round) and the response (round, the unit of the invitation, day, answers) are written in one
/// save, but share nothing except the round. Nothing is logged about who answered what, and nothing is stored when any
/// check fails.
/// </summary>
public sealed class PulseAnswerService(IPortalDbFactory dbFactory, ICurrentUser currentUser, MessageText text, TimeProvider clock, IMemoryCache cache,
    RoundAudienceRecorder recorder, IPulseAnswerStore store)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private DateOnly Today => clock.Today();

    /// <summary>The signed-in person's pulses that are open now and invite them (answered or not), newest first.</summary>
    public async Task<IReadOnlyList<OpenPulse>> GetOpenPulsesAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.EngagementAnswer) || user.PersonId is not { } personId) return [];
        var today = Today;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await db.PulseRounds.AsNoTracking().Where(r => r.OpensOn <= today && r.ClosesOn >= today)
            .Join(db.PulseSurveys, r => r.SurveyId, s => s.Id, (r, s) => new { Round = r, s.Title })
            .ToListAsync(cancellationToken);
        if (open.Count == 0) return [];
        foreach (var o in open) await recorder.EnsureRecordedAsync(o.Round, cancellationToken);
        var roundIds = open.Select(o => o.Round.Id).ToList();
        var invited = (await db.PulseInvitations.AsNoTracking().Where(i => i.PersonId == personId && roundIds.Contains(i.RoundId))
            .Select(i => i.RoundId).ToListAsync(cancellationToken)).ToHashSet();
        var answered = (await db.Participations.AsNoTracking().Where(p => p.PersonId == personId && roundIds.Contains(p.RoundId))
            .Select(p => p.RoundId).ToListAsync(cancellationToken)).ToHashSet();
        return open.Where(o => invited.Contains(o.Round.Id))
            .Select(o =>
            {
                var done = answered.Contains(o.Round.Id);
                return new OpenPulse(o.Round.Id, o.Title, o.Round.Number, o.Round.OpensOn, o.Round.ClosesOn, done, !done && o.Round.RemindedOn is not null);
            })
            .OrderBy(p => p.ClosesOn).ThenBy(p => p.Title).ToList();
    }

    /// <summary>
    /// The company's name (its top unit), for the personal link's pages: the visitor is not signed in, and the name is what the
    /// invitation itself says. Nothing else about the company or the round.
    /// </summary>
    public async Task<string> GetCompanyNameAsync(CancellationToken cancellationToken = default)
    {
        // Read once per 30 seconds like the round's items: every page opened from a link shows it.
        const string key = "pulse-link-company";
        if (cache.TryGetValue(key, out string? cached) && cached is not null) return cached;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var name = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        cache.Set(key, name, CacheFor);
        return name;
    }

    /// <summary>
    /// The form of a round for the signed-in person — or, with <paramref name="link"/>, for the person whose personal link it
    /// is (no sign-in) — or why they cannot answer it.
    /// </summary>
    public async Task<PulseForm> GetFormAsync(int roundId, string? link = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var info = await RoundInfoAsync(db, roundId, cancellationToken);
        var answerer = await AnswererAsync(db, info, link, cancellationToken);
        if (info is null) return PulseForm.Refused(PulseFormStatus.NotFound, roundId);
        if (answerer is null) return PulseForm.Refused(PulseFormStatus.InvalidLink, roundId);
        var (status, _) = await StatusAsync(db, info, answerer, cancellationToken);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var items = status == PulseFormStatus.Ready
            ? info.Items.Select(i => new PulseFormItem(i.QuestionId, i.Kind, language == "en" ? i.TextEn : i.TextNl, i.Kind.IsRequired())).ToList()
            : [];
        return new PulseForm(status, roundId, info.Title, info.OpensOn, info.ClosesOn, info.Thresholds.MinGroupSize, info.Thresholds.CommentThreshold, items);
    }

    /// <summary>
    /// Checks and stores an answer of the signed-in person, or (with <paramref name="link"/>) of the person whose personal link
    /// it is: the same checks and the same rows either way. <paramref name="values"/>: question id → the raw form value.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(int roundId, IReadOnlyDictionary<int, string?> values, string? link = null, CancellationToken cancellationToken = default)
    {
        // The reads on a context of their own, closed before the answer waits for its write (IPulseAnswerStore).
        RoundInfo? info;
        Answerer? answerer;
        int invitedIn;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            info = await RoundInfoAsync(db, roundId, cancellationToken);
            answerer = await AnswererAsync(db, info, link, cancellationToken);
            if (info is null) return SubmitResult.Of(SubmitStatus.NotFound);
            if (answerer is null) return SubmitResult.Of(SubmitStatus.InvalidLink);
            PulseFormStatus status;
            (status, invitedIn) = await StatusAsync(db, info, answerer, cancellationToken);
            if (status != PulseFormStatus.Ready) return SubmitResult.Of(ToSubmit(status));
        }

        var sheet = PulseAnswerSheet.Check(info.Items.Select(i => new SheetItem(i.QuestionId, i.Kind)).ToList(), values);
        if (!sheet.IsValid)
        {
            var errors = sheet.Errors.ToDictionary(e => e.Key, e => MessageFor(e.Value, info.Items.First(i => i.QuestionId == e.Key).Kind));
            if (sheet.HasUnknownItems) errors[0] = text["pulse.answer-unknown-item"];
            return new SubmitResult(SubmitStatus.Invalid, errors);
        }

        // One transaction: both rows or neither (with other answers that arrive at the same moment, IPulseAnswerStore). They share
        // only the round id. The answer counts in the unit the person was invited in, even if they have moved since the round opened.
        var rows = new PulseAnswerRows(new Participation(roundId, answerer.PersonId!.Value), PulseResponse.Create(roundId, invitedIn, Today, sheet.Answers),
            sheet.Comments.Select(c => new PulseComment(roundId, invitedIn, c.QuestionId, c.Text)).ToList());
        // False: a second post of the same person raced the first; the participation key refused it, nothing was stored.
        if (!await store.StoreAsync(rows, cancellationToken)) return SubmitResult.Of(SubmitStatus.AlreadyAnswered);
        return SubmitResult.Of(SubmitStatus.Stored);
    }

    /// <summary>
    /// Who answers — the signed-in person (who must be allowed to answer pulses), or the person of a personal link — and where
    /// they stand in the round: whether they took part already, and the unit their invitation counts them in (null: not invited).
    /// </summary>
    private sealed record Answerer(int? PersonId, int? OrgUnitId, bool Answered, int? InvitedIn);

    /// <summary>
    /// Without a link: the signed-in person. With one: the person whose link for this round it is, while they are active; null
    /// for a link that is not this round's. Either way one query reads the person's participation and invitation with them. The
    /// link is looked up by its hash and only read: nothing is written to it, ever.
    /// </summary>
    private async Task<Answerer?> AnswererAsync(IPortalDb db, RoundInfo? info, string? link, CancellationToken cancellationToken)
    {
        if (link is null)
        {
            var user = await currentUser.GetAsync(cancellationToken);
            user.Demand(Permission.EngagementAnswer);
            if (info is null || user.PersonId is not { } personId) return new Answerer(user.PersonId, user.OrgUnitId, false, null);
            await EnsureAudienceAsync(db, info, cancellationToken);
            var standing = await db.PulseRounds.AsNoTracking().Where(r => r.Id == info.RoundId)
                .Select(r => new
                {
                    InvitedIn = db.PulseInvitations.Where(i => i.RoundId == r.Id && i.PersonId == personId).Select(i => (int?)i.UnitId).FirstOrDefault(),
                    Answered = db.Participations.Any(p => p.RoundId == r.Id && p.PersonId == personId),
                })
                .FirstOrDefaultAsync(cancellationToken);
            return new Answerer(personId, user.OrgUnitId, standing?.Answered ?? false, standing?.InvitedIn);
        }
        if (info is null || link.Length is 0 or > 200) return null;
        // A link exists only for an invitation (its key is the invitation's), so the audience is recorded already.
        var hash = PulseLink.HashOf(link);
        var roundId = info.RoundId;
        var person = await db.PulseLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.RoundId == roundId)
            .Join(db.People.Where(p => p.IsActive && !p.IsErased), l => l.PersonId, p => p.Id, (l, p) => new { l.RoundId, p.Id, p.OrgUnitId })
            .Join(db.PulseInvitations, x => new { x.RoundId, PersonId = x.Id }, i => new { i.RoundId, i.PersonId },
                (x, i) => new { x.Id, x.OrgUnitId, i.UnitId, Answered = db.Participations.Any(p => p.RoundId == x.RoundId && p.PersonId == x.Id) })
            .FirstOrDefaultAsync(cancellationToken);
        return person is null ? null : new Answerer(person.Id, person.OrgUnitId, person.Answered, person.UnitId);
    }

    /// <summary>Who is invited is decided when the round opens: the first to look after that records it (usually the scheduler has).</summary>
    private async Task EnsureAudienceAsync(IPortalDb db, RoundInfo info, CancellationToken cancellationToken)
    {
        if (info.AudienceRecorded || Today < info.OpensOn) return;
        await recorder.EnsureRecordedAsync(await db.PulseRounds.AsNoTracking().FirstAsync(r => r.Id == info.RoundId, cancellationToken), cancellationToken);
    }

    /// <summary>Whether the person may answer now, and (when they may) the unit their invitation counts them in.</summary>
    private async Task<(PulseFormStatus Status, int UnitId)> StatusAsync(IPortalDb db, RoundInfo info, Answerer user, CancellationToken cancellationToken)
    {
        if (user.PersonId is null) return (PulseFormStatus.NotInAudience, 0);
        if (user.Answered) return (PulseFormStatus.AlreadyAnswered, 0);
        var today = Today;
        if (today < info.OpensOn)
        {
            // Not recorded yet: who is invited is decided when it opens; until then the pulse's units as they are now.
            var audience = await PulseAudience.LoadAsync(db, info.SurveyId, cancellationToken);
            return (user.OrgUnitId is { } unitId && audience.Contains(unitId) ? PulseFormStatus.NotYetOpen : PulseFormStatus.NotInAudience, 0);
        }
        if (user.InvitedIn is not { } unit) return (PulseFormStatus.NotInAudience, 0);
        if (today > info.ClosesOn) return (PulseFormStatus.Closed, 0);
        return (PulseFormStatus.Ready, unit);
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
        PulseFormStatus.InvalidLink => SubmitStatus.InvalidLink,
        _ => SubmitStatus.NotFound,
    };

    /// <summary>What every answer of a round needs (items, dates, pulse): read once per 30 seconds, not per answer.</summary>
    private async Task<RoundInfo?> RoundInfoAsync(IPortalDb db, int roundId, CancellationToken cancellationToken)
    {
        var key = "pulse-round:" + roundId.ToString(CultureInfo.InvariantCulture);
        if (cache.TryGetValue(key, out RoundInfo? cached)) return cached;
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null) return null;
        var survey = await db.PulseSurveys.AsNoTracking().Include(s => s.Items).FirstAsync(s => s.Id == round.SurveyId, cancellationToken);
        var questionIds = survey.Items.Select(i => i.QuestionId).ToList();
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        var items = survey.Items.OrderBy(i => i.Position)
            .Select(i => questions[i.QuestionId])
            .Select(q => new RoundItem(q.Id, q.Kind, q.TextNl, q.TextEn)).ToList();
        var info = new RoundInfo(round.Id, survey.Id, survey.Title, round.OpensOn, round.ClosesOn, survey.Thresholds, items, round.HasRecordedAudience);
        // Cached only once the audience is recorded: until then each call looks again (and the first one records it).
        if (info.AudienceRecorded) cache.Set(key, info, CacheFor);
        return info;
    }

    private sealed record RoundItem(int QuestionId, QuestionKind Kind, string TextNl, string TextEn);

    private sealed record RoundInfo(int RoundId, int SurveyId, string Title, DateOnly OpensOn, DateOnly ClosesOn, AnonymityThresholds Thresholds,
        IReadOnlyList<RoundItem> Items, bool AudienceRecorded);
}
