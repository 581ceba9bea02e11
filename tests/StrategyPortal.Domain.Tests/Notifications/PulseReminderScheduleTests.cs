using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Domain.Tests.Notifications;

public class PulseReminderScheduleTests
{
    private static readonly OfficeHours Hours = OfficeHours.Default;
    private static readonly PulseReminderSchedule Schedule = PulseReminderSchedule.Default;

    // A round open Monday 7 December 2026 to Sunday 20 December 2026 (14 whole days): halfway is Monday 14 December 00:00.
    private static readonly DateOnly Opens = new(2026, 12, 7);
    private static readonly DateOnly Closes = new(2026, 12, 20);

    [Fact]
    public void The_first_reminder_comes_halfway_at_the_next_office_opening()
    {
        Assert.Equal(new DateTime(2026, 12, 14, 9, 0, 0), Schedule.NextDue(Opens, Closes, null, Hours));
    }

    [Fact]
    public void Then_every_four_days_but_never_at_a_weekend()
    {
        // Monday 14 December 09:00 + 4 days = Friday 18 December 09:00.
        Assert.Equal(new DateTime(2026, 12, 18, 9, 0, 0), Schedule.NextDue(Opens, Closes, new DateTime(2026, 12, 14, 9, 0, 0), Hours));
        // Friday 18 December + 4 days = Tuesday 22 December: after the round closed on the 20th, so no more reminders.
        Assert.Null(Schedule.NextDue(Opens, Closes, new DateTime(2026, 12, 18, 9, 0, 0), Hours));
        // Wednesday 16 December 15:00 + 4 days = Sunday 20 December: the office is closed until Monday, after the round: none.
        Assert.Null(Schedule.NextDue(Opens, Closes, new DateTime(2026, 12, 16, 15, 0, 0), Hours));
    }

    [Fact]
    public void A_moment_after_office_hours_waits_for_the_next_working_morning()
    {
        Assert.Equal(new DateTime(2026, 12, 10, 9, 0, 0), Hours.FirstWorkingMomentFrom(new DateTime(2026, 12, 9, 17, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 14, 9, 0, 0), Hours.FirstWorkingMomentFrom(new DateTime(2026, 12, 11, 18, 30, 0)));
        Assert.Equal(new DateTime(2026, 12, 14, 9, 0, 0), Hours.FirstWorkingMomentFrom(new DateTime(2026, 12, 12, 11, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 9, 9, 0, 0), Hours.FirstWorkingMomentFrom(new DateTime(2026, 12, 9, 6, 15, 0)));
        Assert.Equal(new DateTime(2026, 12, 9, 13, 5, 0), Hours.FirstWorkingMomentFrom(new DateTime(2026, 12, 9, 13, 5, 0)));
    }

    [Fact]
    public void It_is_due_only_from_its_moment_within_office_hours_and_while_the_round_is_open()
    {
        Assert.False(Schedule.IsDue(Opens, Closes, null, Hours, new DateTime(2026, 12, 14, 8, 59, 0)));
        Assert.True(Schedule.IsDue(Opens, Closes, null, Hours, new DateTime(2026, 12, 14, 9, 0, 0)));
        Assert.True(Schedule.IsDue(Opens, Closes, null, Hours, new DateTime(2026, 12, 15, 16, 0, 0)));
        Assert.False(Schedule.IsDue(Opens, Closes, null, Hours, new DateTime(2026, 12, 15, 17, 30, 0)));
        Assert.False(Schedule.IsDue(Opens, Closes, null, Hours, new DateTime(2026, 12, 19, 10, 0, 0)));
    }

    [Fact]
    public void A_short_round_gets_its_reminder_only_when_a_working_moment_falls_inside_it()
    {
        // Open Friday 11 December to Sunday 13 December: halfway is Saturday noon, the next opening Monday: after the close.
        Assert.Null(Schedule.NextDue(new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 13), null, Hours));
        // Open Tuesday 8 to Thursday 10 December (3 days): halfway Wednesday 12:00.
        Assert.Equal(new DateTime(2026, 12, 9, 12, 0, 0), Schedule.NextDue(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 10), null, Hours));
    }

    [Fact]
    public void Switched_off_or_out_of_range_schedules()
    {
        Assert.Null(PulseReminderSchedule.Off.NextDue(Opens, Closes, null, Hours));
        Assert.Equal("reminder.first-range", Assert.Throws<DomainException>(() => new PulseReminderSchedule(true, 95, 4).Validate()).Code);
        Assert.Equal("reminder.every-range", Assert.Throws<DomainException>(() => new PulseReminderSchedule(true, 50, 0).Validate()).Code);
        // 30% of 14 days: Friday 11 December 04:48, at the office's opening.
        Assert.Equal(new DateTime(2026, 12, 11, 9, 0, 0), new PulseReminderSchedule(true, 30, 2).NextDue(Opens, Closes, null, Hours));
    }

    [Fact]
    public void Without_skipping_weekends_a_reminder_due_on_saturday_goes_on_saturday_in_office_hours()
    {
        var weekendsToo = PulseReminderSchedule.Default with { SkipWeekends = false };
        // Last reminder Tuesday 8 December 10:00 + 4 days = Saturday 12 December 10:00 (the default would wait for Monday the 14th).
        var last = new DateTime(2026, 12, 8, 10, 0, 0);
        Assert.Equal(new DateTime(2026, 12, 12, 10, 0, 0), weekendsToo.NextDue(Opens, Closes, last, Hours));
        Assert.Equal(new DateTime(2026, 12, 14, 9, 0, 0), Schedule.NextDue(Opens, Closes, last, Hours));
        Assert.True(weekendsToo.IsDue(Opens, Closes, last, Hours, new DateTime(2026, 12, 12, 10, 0, 0)));
        // Office hours still hold at a weekend: Saturday 18:00 waits for Sunday 09:00.
        Assert.False(weekendsToo.IsDue(Opens, Closes, new DateTime(2026, 12, 8, 18, 0, 0), Hours, new DateTime(2026, 12, 12, 18, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 13, 9, 0, 0), weekendsToo.NextDue(Opens, Closes, new DateTime(2026, 12, 8, 18, 0, 0), Hours));
    }

    [Theory]
    [InlineData(9, "reminder.first-range")]
    [InlineData(91, "reminder.first-range")]
    public void The_first_reminder_lies_between_10_and_90_percent(int percent, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => PulseReminderSchedule.ValidFirstAtPercent(percent)).Code);
        Assert.Equal(10, PulseReminderSchedule.ValidFirstAtPercent(10));
        Assert.Equal(90, PulseReminderSchedule.ValidFirstAtPercent(90));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void Reminders_come_every_1_to_31_days(int days)
    {
        Assert.Equal("reminder.every-range", Assert.Throws<DomainException>(() => PulseReminderSchedule.ValidEveryDays(days)).Code);
        Assert.Equal(1, PulseReminderSchedule.ValidEveryDays(1));
        Assert.Equal(31, PulseReminderSchedule.ValidEveryDays(31));
    }

    [Fact]
    public void A_pulse_starts_with_the_schedule_it_is_given_and_keeps_a_changed_one_only_when_valid()
    {
        var pulse = new PulseSurvey("Pulse", PulseCadence.Once, Opens, Closes, AnonymityThresholds.Default, [1], [1],
            new PulseReminderSchedule(true, 40, 3, SkipWeekends: false));
        Assert.Equal(new PulseReminderSchedule(true, 40, 3, false), pulse.Reminders);
        pulse.ChangeReminders(PulseReminderSchedule.Off);
        Assert.False(pulse.Reminders.Enabled);
        Assert.Throws<DomainException>(() => pulse.ChangeReminders(new PulseReminderSchedule(true, 50, 40)));
        Assert.Equal(PulseReminderSchedule.Off, pulse.Reminders);
        Assert.Equal(PulseReminderSchedule.Default, new PulseSurvey("Pulse", PulseCadence.Once, Opens, Closes,
            AnonymityThresholds.Default, [1], [1]).Reminders);
    }
}
