using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Domain.Tests.Notifications;

/// <summary>December 2026: Monday 7, Thursday 10, Friday 11, Saturday 12, Sunday 13, Monday 14 (company-local times, office 9–17).</summary>
public class ActionReminderScheduleTests
{
    private static readonly OfficeHours Hours = OfficeHours.Default;
    private static readonly ActionReminderSchedule Schedule = ActionReminderSchedule.Default;

    private static NoticeKind? At(DateOnly due, int day, int hour, int minute = 0, ActionReminderSchedule? schedule = null) =>
        (schedule ?? Schedule).DueAt(due, new DateTime(2026, 12, day, hour, minute, 0), Hours);

    [Fact]
    public void Due_soon_from_the_first_office_hour_three_days_before_until_the_due_date_then_overdue_the_day_after()
    {
        var thursday = new DateOnly(2026, 12, 10);
        // Three days before Thursday 10 is Monday 7: from 09:00 that day.
        Assert.Null(At(thursday, 7, 8, 59));
        Assert.Equal(NoticeKind.ActionDueSoon, At(thursday, 7, 9));
        Assert.Equal(NoticeKind.ActionDueSoon, At(thursday, 10, 16, 59));
        // Outside office hours nothing is due; Friday 11 is the first overdue day.
        Assert.Null(At(thursday, 10, 17));
        Assert.Null(At(thursday, 11, 8, 30));
        Assert.Equal(NoticeKind.ActionOverdue, At(thursday, 11, 9));
        Assert.Null(At(thursday, 12, 10));
    }

    [Fact]
    public void A_window_that_opens_at_a_weekend_waits_for_monday_morning()
    {
        // Due Tuesday 8: three days before is Saturday 5, so Monday 7 at 09:00.
        Assert.Equal(NoticeKind.ActionDueSoon, At(new DateOnly(2026, 12, 8), 7, 9));
        // Due Monday 14: three days before is Friday 11.
        Assert.Null(At(new DateOnly(2026, 12, 14), 10, 16));
        Assert.Equal(NoticeKind.ActionDueSoon, At(new DateOnly(2026, 12, 14), 11, 9));
        // Due Friday 11: the first overdue day is Saturday 12, so the overdue reminder comes on Monday 14.
        Assert.Equal(NoticeKind.ActionOverdue, At(new DateOnly(2026, 12, 11), 14, 9));
    }

    [Fact]
    public void An_overdue_reminder_is_not_sent_more_than_the_late_days_after_the_first_overdue_day()
    {
        // Due Wednesday 9: first overdue Thursday 10; seven late days: up to Thursday 17, not on Friday 18.
        var wednesday = new DateOnly(2026, 12, 9);
        Assert.Equal(NoticeKind.ActionOverdue, At(wednesday, 17, 16));
        Assert.Null(At(wednesday, 18, 10));
    }

    [Fact]
    public void Zero_days_before_reminds_on_the_due_date_itself_and_a_weekend_due_date_only_when_overdue()
    {
        var zero = new ActionReminderSchedule(true, 0);
        Assert.Null(At(new DateOnly(2026, 12, 10), 9, 12, schedule: zero));
        Assert.Equal(NoticeKind.ActionDueSoon, At(new DateOnly(2026, 12, 10), 10, 9, schedule: zero));
        // Due Saturday 12: the window opens at the weekend and would wait until Monday, after the due date.
        Assert.Null(At(new DateOnly(2026, 12, 12), 11, 10, schedule: zero));
        Assert.Equal(NoticeKind.ActionOverdue, At(new DateOnly(2026, 12, 12), 14, 9, schedule: zero));
    }

    [Fact]
    public void Switched_off_nothing_is_due_and_numbers_out_of_range_are_brought_in()
    {
        var off = new ActionReminderSchedule(false, 3);
        Assert.Null(At(new DateOnly(2026, 12, 10), 8, 10, schedule: off));
        Assert.Null(At(new DateOnly(2026, 12, 10), 11, 10, schedule: off));
        Assert.Equal(new ActionReminderSchedule(true, 0, 1), new ActionReminderSchedule(true, -4, 0).Normalised());
        Assert.Equal(ActionReminderSchedule.MaxDaysBefore, new ActionReminderSchedule(true, 400).Normalised().DaysBefore);
    }
}
