using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// Scheduling pulses (administrators and directors), their rounds, and reminders. A reminder only
/// stamps the round: everyone invited who has no participation then sees a banner. No list of names
/// is shown or stored, and how many took part is the round's once-a-day count, shown under the same
/// rules as every response rate.
/// </summary>
public sealed class PulseScheduleService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IValidator<PulseInput> validator, MessageText text, TimeProvider clock,
    EngagementOptions options, Notifications.MailOptions mail, Notifications.OutboxSignal outbox, Notifications.PulseReminders reminderRuns,
    IValidator<PulseRemindersInput> remindersValidator)
{
    public AnonymityThresholds DefaultThresholds => options.Defaults;

    public DateOnly Today => clock.Today();

    public async Task<IReadOnlyList<PulseSurveyRow>> GetPulsesAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var surveys = await db.PulseSurveys.AsNoTracking().Include(s => s.Items).Include(s => s.Audience).ToListAsync(cancellationToken);
        var rounds = await db.PulseRounds.AsNoTracking().ToListAsync(cancellationToken);
        var today = Today;
        var taking = await RoundParticipation.TotalsAsync(db, rounds, today, cancellationToken);
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reminders = await db.PulseReminderRuns.AsNoTracking().GroupBy(r => r.RoundId).Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Count, cancellationToken);
        var planned = await reminderRuns.PlannedAsync(db, rounds, surveys.ToDictionary(s => s.Id, s => s.Reminders), cancellationToken);
        return surveys
            .OrderByDescending(s => s.IsActive).ThenByDescending(s => s.FirstOpensOn).ThenBy(s => s.Title)
            .Select(s => new PulseSurveyRow(s.Id, s.Title, s.Cadence, s.IsActive, s.MinGroupSize, s.CommentThreshold,
                s.Audience.Select(a => unitNames.GetValueOrDefault(a.UnitId, "?")).OrderBy(n => n).ToList(), s.Items.Count,
                rounds.Where(r => r.SurveyId == s.Id).OrderByDescending(r => r.Number)
                    .Select(r => new PulseRoundRow(r.Id, r.Number, r.OpensOn, r.ClosesOn, StateOf(r, today), taking[r.Id].Invited,
                        taking[r.Id].Answered, r.RemindedOn, r.Version)
                    {
                        Reminders = reminders.GetValueOrDefault(r.Id),
                        NextReminderOn = planned.TryGetValue(r.Id, out var next) ? DateOnly.FromDateTime(next) : null,
                    }).ToList(),
                s.Version, s.DetailMinGroupSize) { ReminderSchedule = s.Reminders })
            .ToList();
    }

    /// <summary>Schedules a pulse and creates its first round. Returns the pulse's id.</summary>
    public async Task<int> ScheduleAsync(PulseInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await text.EnsureValidAsync(validator, input, cancellationToken);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var questions = await db.PulseQuestions.AsNoTracking().Where(q => input.QuestionIds.Contains(q.Id)).ToListAsync(cancellationToken);
        if (questions.Count != input.QuestionIds.Distinct().Count() || questions.Any(q => !q.IsActive))
            throw text.Invalid<PulseInput>(p => p.QuestionIds, "pulse.items-invalid");
        if (questions.Count(q => q.Kind == QuestionKind.Enps) > 1)
            throw text.Invalid<PulseInput>(p => p.QuestionIds, "pulse.items-one-enps");
        var units = await db.OrgUnits.AsNoTracking().Where(u => input.AudienceUnitIds.Contains(u.Id) && u.IsActive).CountAsync(cancellationToken);
        if (units != input.AudienceUnitIds.Distinct().Count()) throw text.Invalid<PulseInput>(p => p.AudienceUnitIds, "pulse.audience-invalid");

        PulseSurvey survey;
        try
        {
            var thresholds = new AnonymityThresholds(input.MinGroupSize, input.CommentThreshold, input.DetailMinGroupSize);
            // Items in a sensible order: engagement, strategy, eNPS, free text last.
            var ordered = input.QuestionIds.Distinct().OrderBy(id => KindOrder(questions.First(q => q.Id == id).Kind)).ThenBy(id => input.QuestionIds.IndexOf(id)).ToList();
            survey = new PulseSurvey(input.Title, input.Cadence, input.OpensOn!.Value, input.ClosesOn!.Value, thresholds, ordered, input.AudienceUnitIds,
                mail.Reminders.Schedule);
        }
        catch (DomainException e) { throw text.Invalid(e); }

        await db.InTransactionAsync(async ct =>
        {
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync(ct);
            await AddRoundAsync(db, survey, 1, Today, ct, clock.GetUtcNow().UtcDateTime);
            return 0;
        }, cancellationToken);
        // A round that opened today queued its invitations: send them now rather than at the worker's next poll.
        outbox.Notify();
        return survey.Id;
    }

    public async Task StopAsync(int surveyId, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var survey = await db.PulseSurveys.FirstOrDefaultAsync(s => s.Id == surveyId, cancellationToken) ?? throw new NotFoundException("Pulse", surveyId);
        db.ExpectVersion(survey, version);
        survey.Stop();
        await db.SaveOrConflictAsync(text["conflict.pulse"], cancellationToken);
    }

    /// <summary>Changes when a pulse's rounds remind those who have not taken part yet (from now on, open rounds included).</summary>
    public async Task ChangeRemindersAsync(PulseRemindersInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await text.EnsureValidAsync(remindersValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var survey = await db.PulseSurveys.FirstOrDefaultAsync(s => s.Id == input.SurveyId, cancellationToken) ?? throw new NotFoundException("Pulse", input.SurveyId);
        db.ExpectVersion(survey, input.Version);
        try { survey.ChangeReminders(input.Schedule); }
        catch (DomainException e) { throw text.Invalid(e); }
        await db.SaveOrConflictAsync(text["conflict.pulse"], cancellationToken);
    }

    /// <summary>How many invited people have not answered yet: the round's once-a-day count, where the rules let it show.</summary>
    public async Task<ReminderStatus> GetReminderStatusAsync(int roundId, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var round = await db.PulseRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken) ?? throw new NotFoundException("Round", roundId);
        var (invited, answered) = (await RoundParticipation.TotalsAsync(db, [round], Today, cancellationToken))[round.Id];
        return new ReminderStatus(roundId, invited, answered, round.RemindedOn);
    }

    /// <summary>
    /// Asks everyone invited who has not answered (no participation) to do so: a banner in the portal and an e-mail with their
    /// personal link, at most once per <c>Mail:Reminders:ManualEveryDays</c>.
    /// </summary>
    public async Task<ReminderStatus> RemindAsync(int roundId, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementSchedule);
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var round = await db.PulseRounds.FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken) ?? throw new NotFoundException("Round", roundId);
            db.ExpectVersion(round, version);
            try { round.Remind(Today); }
            catch (DomainException e) { throw text.Invalid(e); }
            if (await Notifications.PulseReminders.ManualAllowedFromAsync(db, roundId, mail.Reminders.ManualEveryDays, Today, cancellationToken) is { } from)
                throw new ValidationFailedException("", text.Format("reminder.too-soon", mail.Reminders.ManualEveryDays, from.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture)));
            await db.InTransactionAsync(async ct =>
            {
                await db.SaveOrConflictAsync(text["conflict.pulse"], ct);
                if (round.HasRecordedAudience) await Notifications.PulseReminders.QueueAsync(db, round, manual: true, clock.GetUtcNow().UtcDateTime, ct);
                return 0;
            }, cancellationToken);
        }
        outbox.Notify();
        return await GetReminderStatusAsync(roundId, cancellationToken);
    }

    /// <summary>
    /// Creates the next round of every recurring pulse that is due (run by the round scheduler; no
    /// user). Safe with several instances: the unique (pulse, number) index refuses a second insert,
    /// which is caught and ignored. Returns how many rounds this call created.
    /// </summary>
    public async Task<int> CreateDueRoundsAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var surveys = await db.PulseSurveys.AsNoTracking().Include(s => s.Audience)
            .Where(s => s.IsActive && s.Cadence != PulseCadence.Once).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var survey in surveys)
        {
            var last = await db.PulseRounds.AsNoTracking().Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
            var next = last is null ? 1 : survey.NextRoundNumber(last.Number, last.ClosesOn, today);
            if (next is null) continue;
            await using var insertDb = await dbFactory.CreateAsync(cancellationToken);
            try
            {
                await insertDb.InTransactionAsync(ct => AddRoundAsync(insertDb, survey, next.Value, today, ct, clock.GetUtcNow().UtcDateTime), cancellationToken);
                created++;
            }
            catch (DbUpdateException)
            {
                // Another instance created this round first: the unique index did its job.
            }
        }
        return created;
    }

    internal static async Task<int> AddRoundAsync(IPortalDb db, PulseSurvey survey, int number, DateOnly today, CancellationToken cancellationToken, DateTime nowUtc)
    {
        var (opens, closes) = survey.DatesOfRound(number);
        var round = new PulseRound(survey.Id, number, opens, closes);
        db.PulseRounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        // A round that opens today records its audience at once; a later one when it opens (RoundAudienceRecorder).
        if (!round.IsNotYetOpenOn(today)) await RoundAudienceRecorder.RecordAsync(db, round, today, cancellationToken, nowUtc);
        return round.Id;
    }

    internal static RoundState StateOf(PulseRound round, DateOnly today) =>
        round.IsNotYetOpenOn(today) ? RoundState.NotYetOpen : round.HasClosedBy(today) ? RoundState.Closed : RoundState.Open;

    private static int KindOrder(QuestionKind kind) => kind switch
    {
        QuestionKind.Engagement => 0,
        QuestionKind.Strategy => 1,
        QuestionKind.Enps => 2,
        _ => 3,
    };
}

/// <summary>Which units a pulse invites: its audience units and everything below them.</summary>
public static class PulseAudience
{
    public static async Task<HashSet<int>> LoadAsync(IPortalDb db, int surveyId, CancellationToken cancellationToken)
    {
        var roots = await db.PulseSurveys.AsNoTracking().Where(s => s.Id == surveyId).SelectMany(s => s.Audience.Select(a => a.UnitId)).ToListAsync(cancellationToken);
        return await ForUnitsAsync(db, roots, cancellationToken);
    }

    public static async Task<HashSet<int>> ForUnitsAsync(IPortalDb db, IEnumerable<int> audienceUnitIds, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        return audienceUnitIds.SelectMany(tree.SubtreeOf).ToHashSet();
    }
}
