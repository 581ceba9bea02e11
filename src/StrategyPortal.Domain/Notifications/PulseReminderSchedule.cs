using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Notifications;

/// <summary>
/// When a pulse's automatic reminders go out (Peakon's practice): the first when <see cref="FirstAtPercent"/> of the
/// round's window has passed, then every <see cref="EveryDays"/> days, never at a weekend and only within office hours of
/// the company's time zone — a reminder due outside them waits for the next working morning, and one that would only
/// come after the round closed is not sent. Reminders go only to invited people without a participation.
/// </summary>
public sealed record PulseReminderSchedule(bool Enabled, int FirstAtPercent, int EveryDays)
{
    public static PulseReminderSchedule Default { get; } = new(true, 50, 4);

    public static PulseReminderSchedule Off { get; } = new(false, 50, 4);

    /// <summary>Checks the numbers a pulse owner may choose.</summary>
    public PulseReminderSchedule Validate()
    {
        if (FirstAtPercent is < 10 or > 90) throw new DomainException("reminder.first-range", "The first reminder comes between 10% and 90% of the window.");
        if (EveryDays is < 1 or > 31) throw new DomainException("reminder.every-range", "Reminders come every 1 to 31 days.");
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
        var due = hours.FirstWorkingMomentFrom(target);
        return due < end ? due : null;
    }

    /// <summary>Whether a reminder is due at <paramref name="nowLocal"/> (and <paramref name="nowLocal"/> is within office hours).</summary>
    public bool IsDue(DateOnly opensOn, DateOnly closesOn, DateTime? lastReminderLocal, OfficeHours hours, DateTime nowLocal) =>
        NextDue(opensOn, closesOn, lastReminderLocal, hours) is { } due && nowLocal >= due && hours.IsWorking(nowLocal)
        && DateOnly.FromDateTime(nowLocal) <= closesOn;
}

/// <summary>Office hours on working days (Monday to Friday), in the company's local time.</summary>
public sealed record OfficeHours(TimeOnly Start, TimeOnly End)
{
    public static OfficeHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public bool IsWorking(DateTime local) =>
        local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;

    /// <summary><paramref name="local"/> itself when it is within office hours, else the next opening of the office.</summary>
    public DateTime FirstWorkingMomentFrom(DateTime local)
    {
        if (IsWorking(local)) return local;
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= Start) day = day.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day.ToDateTime(Start);
    }
}
