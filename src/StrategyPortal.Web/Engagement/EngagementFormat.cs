using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Web.Engagement;

/// <summary>How the engagement pages write percentages, eNPS scores and reminder schedules.</summary>
public static class EngagementFormat
{
    public static string Pct(double value) => Figures.Percent(value);

    public static string Signed(double value) => Figures.Score(value);

    /// <summary>A pulse's reminder schedule in one sentence ("first at 50% of the window, then every 4 days, not at weekends").</summary>
    public static string ReminderSchedule(IStringLocalizer<EngagementText> text, PulseReminderSchedule schedule) =>
        !schedule.Enabled ? text["Reminders.Off"]
            : string.Format(CultureInfo.CurrentCulture, text[schedule.SkipWeekends ? "Reminders.Summary" : "Reminders.SummaryWeekends"],
                schedule.FirstAtPercent, schedule.EveryDays);

    /// <summary>A planned reminder's day: "Monday 21 December 2026" / "maandag 21 december 2026".</summary>
    public static string ReminderDay(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);
}
