using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Notifications;

/// <summary>
/// When a pulse's automatic reminders go out (Peakon's practice): the first when <see cref="FirstAtPercent"/> of the
/// round's window has passed, then every <see cref="EveryDays"/> days, only within office hours of the company's time zone
/// and (with <see cref="SkipWeekends"/>) never at a weekend — a reminder due outside them waits for the next working
/// moment, and one that would only come after the round closed is not sent. Each pulse has its own schedule (the pulse owner
/// sets it); <c>Mail:Reminders</c> gives new pulses theirs. Reminders go only to invited people without a participation.
/// </summary>
public sealed record PulseReminderSchedule(bool Enabled, int FirstAtPercent, int EveryDays, bool SkipWeekends = true)
{
    public const int FirstAtPercentMin = 10;
    public const int FirstAtPercentMax = 90;
    public const int EveryDaysMin = 1;
    public const int EveryDaysMax = 31;

    public static PulseReminderSchedule Default { get; } = new(true, 50, 4);

    public static PulseReminderSchedule Off { get; } = new(false, 50, 4);

    /// <summary>How far into the round's window the first reminder comes, in percent.</summary>
    public static int ValidFirstAtPercent(int percent) => percent is < FirstAtPercentMin or > FirstAtPercentMax
        ? throw new DomainException("reminder.first-range", $"The first reminder comes between {FirstAtPercentMin}% and {FirstAtPercentMax}% of the window.", FirstAtPercentMin, FirstAtPercentMax)
        : percent;

    /// <summary>Days between two reminders.</summary>
    public static int ValidEveryDays(int days) => days is < EveryDaysMin or > EveryDaysMax
        ? throw new DomainException("reminder.every-range", $"Reminders come every {EveryDaysMin} to {EveryDaysMax} days.", EveryDaysMin, EveryDaysMax)
        : days;

    /// <summary>Checks the numbers a pulse owner may choose.</summary>
    public PulseReminderSchedule Validate()
    {
        ValidFirstAtPercent(FirstAtPercent);
        ValidEveryDays(EveryDays);
        return this;
    }

    /// <summary>
    /// The moment (company-local time) the next automatic reminder is due, or null when none comes any more: after
    /// <paramref name="lastReminderLocal"/> (any reminder, automatic or manual; null: none yet) for a round open from
    /// <paramref name="opensOn"/> to <paramref name="closesOn"/> (both whole days).
    /// </summary>
    public DateTime? NextDue(DateOnly opensOn, DateOnly closesOn, DateTime? lastReminderLocal, OfficeHours hours)
    {
        if (!Enabled) return null;
        var start = opensOn.ToDateTime(TimeOnly.MinValue);
        var end = closesOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var target = lastReminderLocal is { } last
            ? last.AddDays(EveryDays)
            : start.AddTicks((end - start).Ticks * FirstAtPercent / 100);
        var due = HoursOf(hours).FirstWorkingMomentFrom(target);
        return due < end ? due : null;
    }

    /// <summary>Whether a reminder is due at <paramref name="nowLocal"/> (and <paramref name="nowLocal"/> is within office hours).</summary>
    public bool IsDue(DateOnly opensOn, DateOnly closesOn, DateTime? lastReminderLocal, OfficeHours hours, DateTime nowLocal) =>
        NextDue(opensOn, closesOn, lastReminderLocal, hours) is { } due && nowLocal >= due && HoursOf(hours).IsWorking(nowLocal)
        && DateOnly.FromDateTime(nowLocal) <= closesOn;

    private OfficeHours HoursOf(OfficeHours hours) => hours with { WeekendsOff = SkipWeekends };
}

/// <summary>Office hours on working days (Monday to Friday; every day when <see cref="WeekendsOff"/> is false), in the company's local time.</summary>
public sealed record OfficeHours(TimeOnly Start, TimeOnly End, bool WeekendsOff = true)
{
    public static OfficeHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public bool IsWorking(DateTime local) =>
        !IsClosedDay(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;

    /// <summary><paramref name="local"/> itself when it is within office hours, else the next opening of the office.</summary>
    public DateTime FirstWorkingMomentFrom(DateTime local)
    {
        if (IsWorking(local)) return local;
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= Start) day = day.AddDays(1);
        while (IsClosedDay(day)) day = day.AddDays(1);
        return day.ToDateTime(Start);
    }

    private bool IsClosedDay(DateOnly day) => WeekendsOff && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
