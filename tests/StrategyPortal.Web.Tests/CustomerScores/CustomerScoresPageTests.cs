using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.CustomerScores;

public class CustomerScoresPageTests
{
    [Fact]
    public async Task Shows_hand_computed_scores_for_a_unit_and_quarter()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var logistiek = ScoreTestData.UnitId(ctx, "Logistiek");
        var quarter = ScoreTestData.PreviousQuarter;
        await ScoreTestData.WriteTwoDaysAsync(ctx, logistiek, quarter);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/customer-scores?unit={logistiek}&quarter={quarter}");

        var host = ctx.RenderWithProviders<global::StrategyPortal.Web.CustomerScores.CustomerScores>();

        host.WaitForAssertion(() => Assert.Equal("+40", host.Find("[data-testid=nps-value]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        // 20 answers, p = 0.6, d = 0.2: 1.96 · √((0.8 − 0.16)/20) · 100 = 35.06
        Assert.Contains("± 35.1", host.Find("[data-testid=nps-margin]").TextContent);
        Assert.Contains("20 answers", host.Find("[data-testid=nps-margin]").TextContent);
        Assert.Equal("60%", host.Find("[data-testid=promoters]").TextContent.Trim());
        Assert.Equal("20%", host.Find("[data-testid=passives]").TextContent.Trim());
        Assert.Equal("20%", host.Find("[data-testid=detractors]").TextContent.Trim());
        Assert.Equal("60%", host.Find("[data-testid=csat-value]").TextContent.Trim());
        Assert.Equal("4.5", host.Find("[data-testid=ces-value]").TextContent.Trim());
        Assert.Equal("8", host.Find("[data-testid=complaints-value]").TextContent.Trim());
        var service = host.FindAll("[data-testid=churn-table] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Service", "75%", "70%", "20%"], service);
        var price = host.FindAll("[data-testid=churn-table] tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Price", "25%", "25%", "50%"], price);
        var trendRow = host.FindAll("[data-testid=trend-table] tbody tr").Last().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([quarter.ToString(), "+40", "± 35.1", "60%", "4.5", "8", "20"], trendRow);
        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("[data-testid=months-table] tbody tr").Count));
        var firstMonth = host.FindAll("[data-testid=months-table] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["+40", "60%", "4.5", "8", "20"], firstMonth.Skip(1));
    }

    [Fact]
    public async Task A_unit_without_scores_shows_the_empty_state()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var marketing = ScoreTestData.UnitId(ctx, "Marketing");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/customer-scores?unit={marketing}");

        var host = ctx.RenderWithProviders<global::StrategyPortal.Web.CustomerScores.CustomerScores>();

        host.WaitForAssertion(() => Assert.Contains("No customer scores for Marketing", host.Find("[data-testid=scores-empty]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(host.FindAll("[data-testid=score-cards]"));
    }

    [Fact]
    public async Task The_company_view_adds_up_every_unit_of_the_demo_company()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var quarter = ScoreTestData.PreviousQuarter;
        long expected;
        await using (var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            DateOnly start = quarter.Start, end = quarter.End;
            expected = await db.CustomerScoreRecords.Where(r => r.Date >= start && r.Date <= end)
                .SumAsync(r => (long)r.Nps0 + r.Nps1 + r.Nps2 + r.Nps3 + r.Nps4 + r.Nps5 + r.Nps6 + r.Nps7 + r.Nps8 + r.Nps9 + r.Nps10);
        }
        Assert.True(expected > 1000, "the demo company has a quarter of daily answers");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/customer-scores?quarter={quarter}");

        var host = ctx.RenderWithProviders<global::StrategyPortal.Web.CustomerScores.CustomerScores>();

        host.WaitForAssertion(() => Assert.Contains($"{expected:N0} answers", host.Find("[data-testid=nps-margin]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(8, host.FindAll("[data-testid=trend-table] tbody tr").Count);
    }

    [Fact]
    public async Task A_manager_opens_on_their_own_unit_and_cannot_see_the_company()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var company = ScoreTestData.UnitId(ctx, "Noordlicht Retail B.V.");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/customer-scores?unit={company}");

        var host = ctx.RenderWithProviders<global::StrategyPortal.Web.CustomerScores.CustomerScores>();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=score-cards]")), TimeSpan.FromSeconds(10));
        Assert.Contains("Klantenservice", host.Find("[data-testid=unit-select]").OuterHtml);
        Assert.DoesNotContain("(company)", host.Find("[data-testid=unit-select]").OuterHtml);
    }

    [Fact]
    public async Task Dutch_readers_get_Dutch_labels()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<global::StrategyPortal.Web.CustomerScores.CustomerScores>();

        host.WaitForAssertion(() => Assert.Contains("Klantscores", host.Find("h1").TextContent), TimeSpan.FromSeconds(10));
        host.WaitForAssertion(() => Assert.Contains("Waarom klanten vertrekken", host.Markup));
    }
}
