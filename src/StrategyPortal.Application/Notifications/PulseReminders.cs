using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Pulse reminders by e-mail: only to invited people without a <see cref="Participation"/>, on each pulse's own
/// <see cref="PulseReminderSchedule"/> (run by the pulse scheduler, in office hours of <see cref="PulseReminderOptions.Zone"/>)
/// or when the pulse's owner asks (at most once per <see cref="PulseReminderOptions.ManualEveryDays"/>). A reminder is a
/// <see cref="PulseReminderRun"/> (when, automatic or manual: no person, no count) and one message per person, queued in one
/// transaction; the messages are deleted once sent.
/// </summary>
public sealed class PulseReminders(IPortalDbFactory dbFactory, MailOptions options, OutboxSignal signal, TimeProvider clock)
{
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Sends the automatic reminders that are due now. Several instances may run it at once: each reminder of a round has its
    /// number, and the (round, number) key lets only one instance record it. Returns how many rounds this call reminded.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var reminders = options.Reminders;
        var now = NowUtc;
        var nowLocal = TimeZoneInfo.ConvertTimeFromUtc(now, reminders.Zone);
        var today = DateOnly.FromDateTime(nowLocal);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await db.PulseRounds.AsNoTracking()
            .Where(r => r.OpensOn <= today && r.ClosesOn >= today && r.AudienceRecordedOn != null)
            .Join(db.PulseSurveys.Where(s => s.RemindersOn), r => r.SurveyId, s => s.Id, (r, s) => new { Round = r, Survey = s })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var (round, survey) in open.Select(o => (o.Round, o.Survey)))
        {
            var last = await LastAsync(db, round.Id, cancellationToken);
            if (!survey.Reminders.IsDue(round.OpensOn, round.ClosesOn, Local(last?.SentAtUtc), reminders.OfficeHours, nowLocal)) continue;
            await using var write = await dbFactory.CreateAsync(cancellationToken);
            try
            {
                await write.InTransactionAsync(ct => QueueAsync(write, round, manual: false, now, ct, sequence: (last?.Sequence ?? 0) + 1), cancellationToken);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another instance sent this reminder first: the (round, sequence) key refused ours, and our messages with it.
            }
        }
        if (sent > 0) signal.Notify();
        return sent;
    }

    /// <summary>
    /// When the next automatic reminder of each open round is planned (company-local time); absent: none (schedule off, or
    /// no working moment left before the round closes). A moment already past is sent by the scheduler's next run.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, DateTime>> PlannedAsync(IPortalDb db, IReadOnlyCollection<PulseRound> rounds,
        IReadOnlyDictionary<int, PulseReminderSchedule> schedules, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(NowUtc, options.Reminders.Zone));
        var open = rounds.Where(r => r.HasRecordedAudience && r.IsOpenOn(today)).ToList();
        var ids = open.Select(r => r.Id).ToList();
        var lastRuns = await db.PulseReminderRuns.AsNoTracking().Where(r => ids.Contains(r.RoundId)).GroupBy(r => r.RoundId)
            .Select(g => new { RoundId = g.Key, Last = g.Max(r => r.SentAtUtc) }).ToDictionaryAsync(g => g.RoundId, g => g.Last, cancellationToken);
        var planned = new Dictionary<int, DateTime>();
        foreach (var round in open)
        {
            var last = lastRuns.TryGetValue(round.Id, out var at) ? Local(at) : null;
            if (schedules.TryGetValue(round.SurveyId, out var schedule)
                && schedule.NextDue(round.OpensOn, round.ClosesOn, last, options.Reminders.OfficeHours) is { } due)
                planned[round.Id] = due;
        }
        return planned;
    }

    private DateTime? Local(DateTime? utc) =>
        utc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), options.Reminders.Zone) : null;

    private static Task<PulseReminderRun?> LastAsync(IPortalDb db, int roundId, CancellationToken cancellationToken) =>
        db.PulseReminderRuns.AsNoTracking().Where(r => r.RoundId == roundId).OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The day the owner may send the next manual reminder of a round; null: now.</summary>
    public static async Task<DateOnly?> ManualAllowedFromAsync(IPortalDb db, int roundId, int everyDays, DateOnly today, CancellationToken cancellationToken)
    {
        var last = await db.PulseReminderRuns.AsNoTracking().Where(r => r.RoundId == roundId && r.Manual).OrderByDescending(r => r.Sequence)
            .Select(r => (DateTime?)r.SentAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (last is not { } at) return null;
        var from = DateOnly.FromDateTime(at).AddDays(Math.Max(1, everyDays));
        return from > today ? from : null;
    }

    /// <summary>
    /// Records a reminder of <paramref name="round"/> and queues one message to each invited person who has not taken part, in
    /// the caller's unit of work (and transaction). Returns the number of reminders the round has had, this one included.
    /// </summary>
    /// <param name="sequence">The number this reminder must have (the automatic run's decision: a second instance with the same
    /// decision is refused by the key); null: the next one.</param>
    public static async Task<int> QueueAsync(IPortalDb db, PulseRound round, bool manual, DateTime nowUtc, CancellationToken cancellationToken, int? sequence = null)
    {
        sequence ??= 1 + (await db.PulseReminderRuns.Where(r => r.RoundId == round.Id).MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0);
        db.PulseReminderRuns.Add(new PulseReminderRun(round.Id, sequence.Value, nowUtc, manual));
        // Participation only: who took part, never what anyone answered.
        var notYet = await db.PulseInvitations.AsNoTracking()
            .Where(i => i.RoundId == round.Id && !db.Participations.Any(p => p.RoundId == round.Id && p.PersonId == i.PersonId))
            .Select(i => i.PersonId).ToListAsync(cancellationToken);
        var title = await db.PulseSurveys.AsNoTracking().Where(s => s.Id == round.SurveyId).Select(s => s.Title).FirstAsync(cancellationToken);
        var payload = new PulseNotice(round.Id, title, round.OpensOn, round.ClosesOn);
        await NoticeOutbox.QueueAsync(db, NoticeKind.PulseReminder, notYet, _ => payload, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return sequence.Value;
    }
}
