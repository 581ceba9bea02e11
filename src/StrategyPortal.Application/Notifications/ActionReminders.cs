using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Reminds action owners by e-mail on the schedule of <see cref="ActionReminderOptions"/> (run by every instance's action
/// reminder job): an open action coming due, and once on its first day overdue. Each reminder is an
/// <see cref="ActionReminderRun"/> and its message, queued in one transaction; the run's key lets only one instance send it.
/// Done and dropped actions get nothing.
/// </summary>
public sealed class ActionReminders(IPortalDbFactory dbFactory, ActionCauses causes, MailOptions options, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>The longest cause line a reminder quotes (a signal's text can be long).</summary>
    public const int CauseMaxLength = 300;

    /// <summary>Queues the action reminders that are due now. Returns how many were decided (each once, on whichever instance).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var schedule = options.ActionReminders.Schedule;
        var hours = options.Reminders.OfficeHours;
        var now = clock.GetUtcNow().UtcDateTime;
        var nowLocal = TimeZoneInfo.ConvertTimeFromUtc(now, options.Reminders.Zone);
        if (!schedule.Enabled || !hours.IsWorking(nowLocal)) return 0;
        var today = DateOnly.FromDateTime(nowLocal);
        var earliest = today.AddDays(-schedule.LateDays - 1);
        var latest = today.AddDays(schedule.DaysBefore);

        List<(ImprovementAction Action, NoticeKind Kind)> due;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var open = await db.ImprovementActions.AsNoTracking()
                .Where(a => (a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress) && a.DueOn >= earliest && a.DueOn <= latest)
                .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            var ids = open.Select(a => a.Id).ToList();
            var done = new HashSet<(int, NoticeKind, DateOnly, int)>();
            foreach (var chunk in ids.Chunk(1000))
                foreach (var r in await db.ActionReminderRuns.AsNoTracking().Where(r => chunk.Contains(r.ActionId)).ToListAsync(cancellationToken))
                    done.Add((r.ActionId, r.Kind, r.DueOn, r.PersonId));
            due = open.Select(a => (Action: a, Kind: schedule.DueAt(a.DueOn, nowLocal, hours)))
                .Where(x => x.Kind is { } kind && !done.Contains((x.Action.Id, kind, x.Action.DueOn, x.Action.OwnerPersonId)))
                .Select(x => (x.Action, x.Kind!.Value)).ToList();
        }

        var queued = 0;
        foreach (var (action, kind) in due)
        {
            await using var write = await dbFactory.CreateAsync(cancellationToken);
            try
            {
                await write.InTransactionAsync(ct => QueueAsync(write, action, kind, now, ct), cancellationToken);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Another instance reminded this owner of this due date first: the run's key refused ours, and our message with it.
            }
        }
        if (queued > 0) signal.Notify();
        return queued;
    }

    /// <summary>Records the reminder and queues its message to the owner (unless they switched the kind off), in one save.</summary>
    private async Task<bool> QueueAsync(IPortalDb db, ImprovementAction action, NoticeKind kind, DateTime nowUtc, CancellationToken cancellationToken)
    {
        db.ActionReminderRuns.Add(new ActionReminderRun(action.Id, kind, action.DueOn, action.OwnerPersonId, nowUtc));
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == action.UnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        var cause = new Dictionary<string, string>();
        foreach (var language in NoticeSettings.Languages)
        {
            var view = (await causes.DescribeAsync(db, [action], language, cancellationToken))[action.Id];
            cause[language] = CauseLine(view, PortalCultures.Of(language));
        }
        var payload = new ActionReminderNotice(action.Id, action.Title, unitName, action.DueOn, action.Status, cause);
        await NoticeOutbox.QueueAsync(db, kind, [action.OwnerPersonId], _ => payload, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The cause as the action's page names it (<see cref="CauseView.Line"/>: no figure, no person), cut to <see cref="CauseMaxLength"/>.</summary>
    public static string CauseLine(CauseView view, CultureInfo culture)
    {
        var line = view.Line(culture);
        return line.Length <= CauseMaxLength ? line : line[..(CauseMaxLength - 1)] + "…";
    }
}
