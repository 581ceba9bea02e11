using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Domain.Tests.Promises;

public class ServiceHoursTests
{
    [Fact]
    public void Weekday_range_covers_exactly_those_days_and_hours()
    {
        var hours = ServiceHours.Parse("Mon-Fri 08:00-20:00");
        // 5 days × 12 hours × 60 minutes
        Assert.Equal(5 * 12 * 60, hours.CoveredMinutes);
        Assert.True(hours.IsOpen(DayOfWeek.Monday, 8 * 60));
        Assert.True(hours.IsOpen(DayOfWeek.Friday, 20 * 60 - 1));
        Assert.False(hours.IsOpen(DayOfWeek.Friday, 20 * 60));
        Assert.False(hours.IsOpen(DayOfWeek.Saturday, 10 * 60));
        Assert.False(hours.IsOpen(DayOfWeek.Monday, 7 * 60 + 59));
    }

    [Fact]
    public void Overnight_range_runs_into_the_next_day()
    {
        var hours = ServiceHours.Parse("Fri 22:00-02:00");
        Assert.Equal(4 * 60, hours.CoveredMinutes);
        Assert.True(hours.IsOpen(DayOfWeek.Friday, 23 * 60));
        Assert.True(hours.IsOpen(DayOfWeek.Saturday, 60));
        Assert.False(hours.IsOpen(DayOfWeek.Saturday, 2 * 60));
        Assert.False(hours.IsOpen(DayOfWeek.Friday, 21 * 60));
    }

    [Fact]
    public void Sunday_night_wraps_to_Monday_morning()
    {
        var hours = ServiceHours.Parse("Sun 23:00-01:00");
        Assert.True(hours.IsOpen(DayOfWeek.Sunday, 23 * 60 + 30));
        Assert.True(hours.IsOpen(DayOfWeek.Monday, 30));
        Assert.Equal(120, hours.CoveredMinutes);
    }

    [Fact]
    public void Always_open_is_every_minute_of_the_week()
    {
        Assert.Equal(ServiceHours.MinutesPerWeek, ServiceHours.Parse("24/7").CoveredMinutes);
        Assert.Equal(ServiceHours.MinutesPerWeek, ServiceHours.Parse("Mon-Sun 00:00-24:00").CoveredMinutes);
        Assert.Equal("24/7", ServiceHours.Parse("Mon-Sun 00:00-24:00").ToString());
    }

    [Fact]
    public void Coverage_compares_minute_by_minute_across_days()
    {
        var webcare = ServiceHours.Parse("Mon-Sat 08:00-22:00");
        Assert.False(webcare.Covers(ServiceHours.AlwaysOpen));
        // A week is 10080 minutes; Mon–Sat 8–22 covers 6 × 14 × 60 = 5040, so 5040 stay open.
        Assert.Equal(5040, webcare.UncoveredMinutesOf(ServiceHours.AlwaysOpen));
        Assert.True(webcare.Covers(ServiceHours.Parse("Sat 09:00-17:00")));
        Assert.False(webcare.Covers(ServiceHours.Parse("Sat 21:00-23:00")));
        // an evening shift plus a night shift together cover an overnight requirement
        var shifts = ServiceHours.Parse("Fri 18:00-24:00; Sat 00:00-06:00");
        Assert.True(shifts.Covers(ServiceHours.Parse("Fri 22:00-02:00")));
    }

    [Fact]
    public void Text_round_trips_and_joins_consecutive_days()
    {
        var hours = ServiceHours.Parse("mon-wed 8-20; thu 08:00-20:00; vr 08:00-20:00; za 9.00-17.00");
        Assert.Equal("Mon-Fri 08:00-20:00; Sat 09:00-17:00", hours.ToString());
        Assert.Equal(hours, ServiceHours.Parse(hours.ToString()));
    }

    [Theory]
    [InlineData("Mon-Fri 25:00-20:00", "hours.time-invalid")]
    [InlineData("Mon-Fri 08:60-20:00", "hours.time-invalid")]
    [InlineData("Mon 08:00-08:00", "hours.empty-window")]
    [InlineData("Mon 24:00-02:00", "hours.time-invalid")]
    [InlineData("Funday 08:00-10:00", "hours.day-unknown")]
    [InlineData("always", "hours.format")]
    public void Bad_hours_are_refused_with_a_reason(string text, string code)
    {
        var error = Assert.Throws<DomainException>(() => ServiceHours.Parse(text));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Empty_text_means_no_hours()
    {
        Assert.True(ServiceHours.Parse("  ").IsEmpty);
        Assert.Equal(string.Empty, ServiceHours.None.ToString());
    }
}
