using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Pulse reminders by e-mail: only to invited people without a <see cref="Participation"/>, on the schedule of
/// <see cref="PulseReminderOptions"/> (run by the pulse scheduler) or when the pulse's owner asks (at most once per
/// <see cref="PulseReminderOptions.ManualEveryDays"/>). A reminder is a <see cref="PulseReminderRun"/> (when, automatic or
/// manual: no person, no count) and one message per person, queued in one transaction; the messages are deleted once sent.
/// </summary>
public sealed class PulseReminders(IPortalDbFactory dbFactory, MailOptions options, OutboxSignal signal, TimeProvider clock)
{
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>Sends the automatic reminders that are due now. Returns how many rounds were reminded.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var reminders = options.Reminders;
        var schedule = reminders.Schedule;
        if (!schedule.Enabled) return 0;
        var now = NowUtc;
        var nowLocal = TimeZoneInfo.ConvertTimeFromUtc(now, reminders.Zone);
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await db.PulseRounds.AsNoTracking().Where(r => r.OpensOn <= today && r.ClosesOn >= today && r.AudienceRecordedOn != null).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var round in open)
        {
            var last = await db.PulseReminderRuns.AsNoTracking().Where(r => r.RoundId == round.Id).OrderByDescending(r => r.Sequence)
                .Select(r => (DateTime?)r.SentAtUtc).FirstOrDefaultAsync(cancellationToken);
            var lastLocal = last is { } l ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(l, DateTimeKind.Utc), reminders.Zone) : (DateTime?)null;
            if (!schedule.IsDue(round.OpensOn, round.ClosesOn, lastLocal, reminders.OfficeHours, nowLocal)) continue;
            await using var write = await dbFactory.CreateAsync(cancellationToken);
            try
            {
                await write.InTransactionAsync(ct => QueueAsync(write, round, manual: false, now, ct), cancellationToken);
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
    public static async Task<int> QueueAsync(IPortalDb db, PulseRound round, bool manual, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var sequence = 1 + (await db.PulseReminderRuns.Where(r => r.RoundId == round.Id).MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0);
        db.PulseReminderRuns.Add(new PulseReminderRun(round.Id, sequence, nowUtc, manual));
        // Participation only: who took part, never what anyone answered.
        var notYet = await db.PulseInvitations.AsNoTracking()
            .Where(i => i.RoundId == round.Id && !db.Participations.Any(p => p.RoundId == round.Id && p.PersonId == i.PersonId))
            .Select(i => i.PersonId).ToListAsync(cancellationToken);
        var title = await db.PulseSurveys.AsNoTracking().Where(s => s.Id == round.SurveyId).Select(s => s.Title).FirstAsync(cancellationToken);
        var payload = new PulseNotice(round.Id, title, round.OpensOn, round.ClosesOn);
        await NoticeOutbox.QueueAsync(db, NoticeKind.PulseReminder, notYet, _ => payload, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return sequence;
    }
}
