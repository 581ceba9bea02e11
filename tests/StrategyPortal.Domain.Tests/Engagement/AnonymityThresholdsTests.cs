using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Domain.Tests.Engagement;

public class AnonymityThresholdsTests
{
    [Fact]
    public void Defaults_are_five_for_scores_and_ten_for_comments()
    {
        Assert.Equal(5, AnonymityThresholds.Default.MinGroupSize);
        Assert.Equal(10, AnonymityThresholds.Default.CommentThreshold);
    }

    [Fact]
    public void Minimum_group_size_is_never_below_three()
    {
        Assert.Equal("pulse.threshold-too-low", Assert.Throws<DomainException>(() => new AnonymityThresholds(2, 10)).Code);
        Assert.Equal(3, new AnonymityThresholds(3, 3).MinGroupSize);
    }

    [Fact]
    public void Comment_threshold_is_never_below_the_group_size() =>
        Assert.Equal("pulse.comment-threshold-too-low", Assert.Throws<DomainException>(() => new AnonymityThresholds(6, 5)).Code);
}
