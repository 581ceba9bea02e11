namespace StrategyPortal.Domain.Notifications;

/// <summary>
/// When an open action's owner is reminded by e-mail, in the company's local time: <see cref="NoticeKind.ActionDueSoon"/>
/// from <see cref="DaysBefore"/> days before its due date up to the due date itself, and <see cref="NoticeKind.ActionOverdue"/>
/// from the first day after it — each at the first office-hours moment of its window (a window that opens at a weekend
/// waits for Monday morning), and each once per due date (a due date that moves starts its own reminders). An overdue
/// reminder more than <see cref="LateDays"/> days after the first overdue day is not sent any more: a portal that was
/// stopped, or the feature switched on, does not flood owners with long-overdue actions.
/// </summary>
public sealed record ActionReminderSchedule(bool Enabled, int DaysBefore, int LateDays = ActionReminderSchedule.DefaultLateDays)
{
    public const int DefaultDaysBefore = 3;
    public const int DefaultLateDays = 7;
    public const int MaxDaysBefore = 60;

    public static ActionReminderSchedule Default { get; } = new(true, DefaultDaysBefore);

    /// <summary>The schedule with its numbers brought into range (0–60 days before, at least 1 late day).</summary>
    public ActionReminderSchedule Normalised() => this with { DaysBefore = Math.Clamp(DaysBefore, 0, MaxDaysBefore), LateDays = Math.Max(1, LateDays) };

    /// <summary>
    /// The reminder due at <paramref name="nowLocal"/> for an open action due on <paramref name="dueOn"/>, or null: none
    /// within office hours, before a window opens, or once the overdue reminder is too late.
    /// </summary>
    public NoticeKind? DueAt(DateOnly dueOn, DateTime nowLocal, OfficeHours hours)
    {
        if (!Enabled || !hours.IsWorking(nowLocal)) return null;
        var today = DateOnly.FromDateTime(nowLocal);
        var schedule = Normalised();
        if (today <= dueOn)
        {
            var from = hours.FirstWorkingMomentFrom(dueOn.AddDays(-schedule.DaysBefore).ToDateTime(TimeOnly.MinValue));
            return nowLocal >= from ? NoticeKind.ActionDueSoon : null;
        }
        var firstOverdue = dueOn.AddDays(1);
        var overdueFrom = hours.FirstWorkingMomentFrom(firstOverdue.ToDateTime(TimeOnly.MinValue));
        return nowLocal >= overdueFrom && today.DayNumber - firstOverdue.DayNumber <= schedule.LateDays ? NoticeKind.ActionOverdue : null;
    }
}
