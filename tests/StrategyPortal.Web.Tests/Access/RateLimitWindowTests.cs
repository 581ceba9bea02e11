using StrategyPortal.Web.Access;

namespace StrategyPortal.Web.Tests.Access;

/// <summary>Rate-limit windows follow the clock: a refused client is told how long until the next one starts.</summary>
public sealed class RateLimitWindowTests
{
    [Theory]
    [InlineData("2026-12-07T10:00:45Z", 60, 15)]
    [InlineData("2026-12-07T10:00:00Z", 60, 60)]
    [InlineData("2026-12-07T10:00:59.5Z", 60, 0.5)]
    [InlineData("2026-12-07T10:15:00Z", 3600, 2700)]
    [InlineData("2026-12-07T11:15:00+01:00", 3600, 2700)]
    public void The_next_window_starts_at_the_next_whole_multiple_of_its_length(string now, int windowSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RateLimits.UntilNextWindow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(windowSeconds)));
}
