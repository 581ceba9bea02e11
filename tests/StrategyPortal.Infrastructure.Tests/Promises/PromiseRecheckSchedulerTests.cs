using StrategyPortal.Infrastructure.Promises;

namespace StrategyPortal.Infrastructure.Tests.Promises;

public class PromiseRecheckSchedulerTests
{
    [Theory]
    // the last minute of a quarter: the next run is five minutes into the new one
    [InlineData("2026-03-31T23:59:00", "2026-04-01T00:05:00")]
    [InlineData("2026-04-01T00:04:59", "2026-04-01T00:05:00")]
    // exactly at, or after, today's run: tomorrow
    [InlineData("2026-04-01T00:05:00", "2026-04-02T00:05:00")]
    [InlineData("2026-12-31T15:30:00", "2027-01-01T00:05:00")]
    public void The_daily_run_is_just_after_midnight_utc(string now, string next) =>
        Assert.Equal(DateTime.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            PromiseRecheckScheduler.NextRunAfter(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
