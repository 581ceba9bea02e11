using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Tests.Standards;

public sealed class StandardBandsTests
{
    [Theory]
    // Banded as shown, a whole percentage: 79.6 shows as 80 and is good; 79.4 shows as 79.
    [InlineData(100, Band.Good)]
    [InlineData(79.6, Band.Good)]
    [InlineData(79.4, Band.Middle)]
    [InlineData(60, Band.Middle)]
    [InlineData(59.5, Band.Middle)]
    [InlineData(59.4, Band.Poor)]
    [InlineData(0, Band.Poor)]
    public void The_share_of_standards_on_target_is_good_from_80_and_poor_below_60(double share, Band expected) =>
        Assert.Equal(expected, StandardBands.OnTargetShare.Of(share));
}
