using System.Globalization;
using System.Text;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Web.Scorecards;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Scorecards;

public class ScorecardsPageTests
{
    /// <summary>Stands in for the scorecard content (tested on its own): the page is about issuing and listing.</summary>
    private sealed class PlainWriter : IScorecardPdfWriter
    {
        public byte[] Write(ScorecardData data, CultureInfo culture) => Encoding.UTF8.GetBytes($"%PDF {culture.Name} {data.UnitId}");
    }

    private static PortalBunitContext Context(string culture = "en") => new(culture, services =>
        services.AddSingleton<IScorecardPdfWriter, PlainWriter>());

    private static Quarter LastEnded => Quarter.Of(DateTime.UtcNow).Previous;

    /// <summary>What the background worker does, done here (bUnit runs no hosted services).</summary>
    private static async Task RunWorkerAsync(PortalBunitContext ctx)
    {
        await using var scope = ctx.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ScorecardIssueRunner>();
        while (await runner.ClaimNextAsync("bunit") is { } item) await runner.ProcessAsync(item, "bunit");
    }

    [Fact]
    public async Task A_director_sees_the_empty_state_confirms_issuing_and_sees_the_progress()
    {
        await using var ctx = Context();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<ScorecardsPage>();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=scorecards-empty]")));
        Assert.Contains(LastEnded.ToString(), host.Find("h2").TextContent);
        host.Find("[data-testid=issue]").Click();
        host.WaitForAssertion(() => Assert.Contains($"Issue the scorecards of {LastEnded}?", host.Markup));
        host.FindAll("button").Single(b => b.TextContent.Trim() == "Issue scorecards" && b.ClassList.Contains("mud-button-text")).Click();

        host.WaitForAssertion(() => Assert.Contains($"0 of 10 scorecards generated", host.Find("[data-testid=issue-progress]").TextContent));
        Assert.True(host.Find("[data-testid=issue]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Issued_scorecards_are_listed_with_downloads_in_both_languages_and_earlier_versions()
    {
        await using var ctx = Context("nl");
        ctx.SignInAs(DemoAccounts.Director);
        await using (var scope = ctx.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ScorecardService>();
            await service.IssueAsync(LastEnded);
            await RunWorkerAsync(ctx);
            await service.IssueAsync(LastEnded);
            await RunWorkerAsync(ctx);
        }

        var host = ctx.RenderWithProviders<ScorecardsPage>();

        host.WaitForAssertion(() => Assert.Equal(10, host.FindAll("[data-testid=scorecards-table] tbody tr").Count));
        var company = host.FindAll("[data-testid=scorecards-table] tbody tr")[0];
        Assert.Contains("Noordlicht Retail B.V. (bedrijf)", company.TextContent);
        Assert.Contains("v2", company.TextContent);
        var links = company.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(2, links.Count(l => l!.StartsWith("/scorecards/files/", StringComparison.Ordinal)));
        Assert.Contains("Versie 2 uitgegeven", host.Find("[data-testid=issue-done]").TextContent);

        company.QuerySelectorAll("button").Single(b => b.TextContent.Contains("1 eerdere")).Click();
        host.WaitForAssertion(() => Assert.Contains("v1", host.FindAll("[data-testid=scorecards-table] tbody tr")[1].TextContent));
    }

    [Fact]
    public async Task A_manager_cannot_issue_and_previews_only_their_own_units()
    {
        await using var ctx = Context();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var host = ctx.RenderWithProviders<ScorecardsPage>();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=scorecards-empty]")));
        Assert.Empty(host.FindAll("[data-testid=issue]"));
        Assert.Empty(host.FindAll("[data-testid=issue-progress]"));
        var draft = host.Find("[data-testid=draft-nl]").GetAttribute("href");
        Assert.Matches(@"^/scorecards/draft\?quarter=\d{4}-Q\d&lang=nl&unit=\d+$", draft);
    }
}
