using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Tests.Common;

public sealed class PortalDayTests
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    // Late evening in Amsterdam (UTC+1) is already the next day there, but the portal's day is the UTC date.
    [InlineData("2026-12-07T23:30:00+00:00", "2026-12-07")]
    [InlineData("2026-12-08T00:30:00+01:00", "2026-12-07")]
    [InlineData("2026-12-08T00:00:00+00:00", "2026-12-08")]
    public void The_portal_day_is_the_UTC_date(string now, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new At(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)).Today());
}
