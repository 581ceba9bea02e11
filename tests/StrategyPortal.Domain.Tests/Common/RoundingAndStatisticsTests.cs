using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Tests.Common;

public sealed class RoundingTests
{
    [Theory]
    [InlineData(62.5, 63)]
    [InlineData(12.5, 13)]
    [InlineData(-7.5, -8)]
    [InlineData(0.5, 1)]
    [InlineData(62.49, 62)]
    public void Halves_go_away_from_zero(double value, double expected) => Assert.Equal(expected, Rounding.Round(value));

    [Fact]
    public void Decimals_round_halves_away_from_zero_too() => Assert.Equal(2.5, Rounding.Round(2.45, 1));

    [Fact]
    public void Promoters_passives_and_detractors_add_up_to_100()
    {
        // 7 of 21 each is 33.33 % → one by one 33 + 33 + 33 = 99; the missing point goes to the first of the equal remainders.
        Assert.Equal([34, 33, 33], Rounding.WholePercentages(100.0 * 7 / 21, 100.0 * 7 / 21, 100.0 * 7 / 21));
        // 42.6 / 45.6 / 11.8 → one by one 43 + 46 + 12 = 101. Floors 42 + 45 + 11 = 98; the two missing points go to the largest
        // remainders: .8 (11.8), then .6 of 45.6 before .6 of 42.6 (the larger share).
        Assert.Equal([42, 46, 12], Rounding.WholePercentages(42.6, 45.6, 11.8));
    }

    [Fact]
    public void Whole_shares_stay_as_they_are() => Assert.Equal([50, 25, 25], Rounding.WholePercentages(50, 25, 25));

    [Fact]
    public void Shares_of_nobody_are_all_zero() => Assert.Equal([0, 0, 0], Rounding.WholePercentages(0, 0, 0));
}

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 2, 4, 6 }, 1.0)]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 3, 2, 1 }, -1.0)]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 1, 3, 2 }, 0.5)] // sxy = 1, sxx = syy = 2
    [InlineData(new double[] { 10, 20, 30, 40 }, new double[] { 5, 1, 1, 5 }, 0.0)]
    // x = 1..5, y = 2,1,4,3,5; both means 3. Σdx·dy = 8; Σdx² = Σdy² = 10 → r = 8 / √(10·10) = 0.8.
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 2, 1, 4, 3, 5 }, 0.8)]
    public void Pearson_correlation_matches_hand_computation(double[] x, double[] y, double expected)
    {
        var points = x.Zip(y, (a, b) => (a, b)).ToList();
        Assert.Equal(expected, Statistics.Pearson(points)!.Value, 10);
    }

    [Fact]
    public void Pearson_is_undefined_for_fewer_than_three_pairs_or_no_variation()
    {
        Assert.Null(Statistics.Pearson([(1, 2), (2, 3)]));
        Assert.Null(Statistics.Pearson([(1, 2), (1, 3), (1, 4)]));
        Assert.Null(Statistics.Pearson([(3, 1), (3, 2), (3, 3)]));
    }

    [Fact]
    public void Pearson_does_not_depend_on_the_order_of_the_pairs()
    {
        // Answers are read in storage order, and the answer mix rewrites that order: the same answers must give the same r,
        // to the last bit, or a figure of a closed round would move when nothing but the order changed.
        var random = new Random(7);
        var points = Enumerable.Range(0, 400).Select(_ => ((double)random.Next(1, 6), (double)random.Next(0, 11))).ToList();
        var expected = Statistics.Pearson(points);
        for (var i = 0; i < 50; i++)
            Assert.Equal(expected, Statistics.Pearson(points.OrderBy(_ => random.Next()).ToList()));
    }
}
