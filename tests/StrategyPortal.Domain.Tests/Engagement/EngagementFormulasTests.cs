using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Domain.Tests.Engagement;

public class EngagementFormulasTests
{
    [Theory]
    [InlineData(new[] { 4, 4, 4 }, EngagementClass.Engaged)]          // mean 4.0: engaged from 4.0
    [InlineData(new[] { 5, 4, 3 }, EngagementClass.Engaged)]          // mean 4.0
    [InlineData(new[] { 4, 4, 3 }, EngagementClass.NotEngaged)]       // mean 3.67
    [InlineData(new[] { 3, 2, 2 }, EngagementClass.NotEngaged)]       // mean 2.33
    [InlineData(new[] { 2, 2, 2 }, EngagementClass.ActivelyDisengaged)] // mean 2.0: disengaged up to 2.0
    [InlineData(new[] { 1, 3, 2 }, EngagementClass.ActivelyDisengaged)] // mean 2.0
    [InlineData(new[] { 1, 1, 1 }, EngagementClass.ActivelyDisengaged)]
    public void Classify_uses_the_mean_of_the_engagement_items(int[] answers, EngagementClass expected) =>
        Assert.Equal(expected, EngagementFormulas.Classify(answers));

    [Fact]
    public void Classify_refuses_a_respondent_without_engagement_answers() =>
        Assert.Throws<ArgumentException>(() => EngagementFormulas.Classify(Array.Empty<int>()));

    [Fact]
    public void Shares_are_percentages_of_the_respondents()
    {
        // 3 engaged, 5 not engaged, 2 actively disengaged of 10 → 30 / 50 / 20.
        var shares = EngagementFormulas.Shares(3, 5, 2);
        Assert.Equal(10, shares.Respondents);
        Assert.Equal(30.0, shares.Engaged, 6);
        Assert.Equal(50.0, shares.NotEngaged, 6);
        Assert.Equal(20.0, shares.ActivelyDisengaged, 6);
    }

    [Fact]
    public void Shares_from_classes_count_each_class()
    {
        // 1 of 8 engaged = 12.5 %, 4 of 8 = 50 %, 3 of 8 = 37.5 %.
        var classes = new[]
        {
            EngagementClass.Engaged,
            EngagementClass.NotEngaged, EngagementClass.NotEngaged, EngagementClass.NotEngaged, EngagementClass.NotEngaged,
            EngagementClass.ActivelyDisengaged, EngagementClass.ActivelyDisengaged, EngagementClass.ActivelyDisengaged,
        };
        var shares = EngagementFormulas.Shares(classes);
        Assert.Equal(12.5, shares.Engaged, 6);
        Assert.Equal(50.0, shares.NotEngaged, 6);
        Assert.Equal(37.5, shares.ActivelyDisengaged, 6);
    }

    [Fact]
    public void Shares_of_nobody_are_zero_not_a_division_by_zero() =>
        Assert.Equal(new EngagementShares(0, 0, 0, 0), EngagementFormulas.Shares(0, 0, 0));

    [Theory]
    [InlineData(0, NpsCategory.Detractor)]
    [InlineData(6, NpsCategory.Detractor)]
    [InlineData(7, NpsCategory.Passive)]
    [InlineData(8, NpsCategory.Passive)]
    [InlineData(9, NpsCategory.Promoter)]
    [InlineData(10, NpsCategory.Promoter)]
    public void Categorise_follows_the_nps_bands(int answer, NpsCategory expected) =>
        Assert.Equal(expected, EngagementFormulas.Categorise(answer));

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Categorise_refuses_answers_off_the_scale(int answer) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EngagementFormulas.Categorise(answer));

    [Fact]
    public void Enps_is_percent_promoters_minus_percent_detractors()
    {
        // 10 answers: promoters 10, 9, 9, 10 (4 = 40 %), passives 7, 8 (2), detractors 6, 0, 5, 3 (4 = 40 %) → eNPS 0.
        var result = EngagementFormulas.Enps([10, 9, 9, 10, 7, 8, 6, 0, 5, 3]);
        Assert.Equal(4, result.Promoters);
        Assert.Equal(2, result.Passives);
        Assert.Equal(4, result.Detractors);
        Assert.Equal(0.0, result.Score!.Value, 6);
    }

    [Fact]
    public void Enps_ranges_from_minus_100_to_plus_100()
    {
        Assert.Equal(100.0, EngagementFormulas.Enps([9, 10, 10]).Score!.Value, 6);
        Assert.Equal(-100.0, EngagementFormulas.Enps([0, 6, 3]).Score!.Value, 6);
        // 3 promoters, 1 passive, 4 detractors of 8: 37.5 − 50 = −12.5.
        Assert.Equal(-12.5, EngagementFormulas.Enps([9, 9, 10, 8, 1, 2, 6, 4]).Score!.Value, 6);
    }

    [Fact]
    public void Enps_without_answers_has_no_score() => Assert.Null(EngagementFormulas.Enps([]).Score);

    [Fact]
    public void Favourable_is_the_share_of_4_and_5()
    {
        // 4, 5, 5 favourable of 8 answers (3, 2, 1, 3, 3 are not) → 37.5 %.
        Assert.Equal(37.5, EngagementFormulas.FavourablePercent([4, 5, 5, 3, 2, 1, 3, 3])!.Value, 6);
        Assert.Equal(100.0, EngagementFormulas.FavourablePercent([4, 5])!.Value, 6);
        Assert.Null(EngagementFormulas.FavourablePercent(Array.Empty<int>()));
    }

    [Theory]
    [InlineData(3, 4, null)]      // fewer than 5 invited: not shown
    [InlineData(4, 5, 80.0)]
    [InlineData(7, 20, 35.0)]
    [InlineData(6, 5, 100.0)]     // someone joined after the count: capped at 100
    public void Response_rate_is_shown_only_from_five_invited(int responses, int invited, double? expected) =>
        Assert.Equal(expected, EngagementFormulas.ResponseRate(responses, invited));

    [Theory]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void Drivers_need_25_responses(int responses, bool shown) =>
        Assert.Equal(shown, EngagementFormulas.CanShowDrivers(responses));
}
