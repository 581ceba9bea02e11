using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// The pulse form on a phone passes axe, and the manager's heat map shows the demo rounds with small groups suppressed.
/// Its own class (own app and database), so it never meets a round that another journey has already answered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PulseResultsJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_pulse_form_on_a_phone_passes_axe()
    {
        var phone = await NewPageAsync(width: 360, height: 740);
        await phone.GotoAsync("/account/login");
        await phone.Locator("#email").FillAsync("medewerker@noordlicht.example");
        await phone.Locator("#password").FillAsync(Portal.DemoPassword);
        await phone.GetByTestId("sign-in").ClickAsync();
        await phone.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal));
        await phone.GotoAsync("/pulses");
        await phone.GetByTestId("answer-link").ClickAsync();
        await phone.GetByTestId("pulse-form").WaitForAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await CheckPageAsync(phone, "pulse-form-phone");
    }

    [Fact]
    public async Task The_managers_heat_map_shows_the_demo_rounds_with_small_groups_suppressed()
    {
        var manager = await NewPageAsync();
        await SignInAsAsync(manager, "manager.klantenservice@noordlicht.example");
        await manager.GotoAsync("/engagement/results");
        await WaitForInteractiveAsync(manager);
        var heatMap = manager.GetByTestId("heatmap");
        await heatMap.WaitForAsync();
        // Klantenservice with its sub-unit Webcare (5 people): Webcare's row is there but hidden, never as numbers.
        var rows = heatMap.Locator("tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        var hidden = heatMap.Locator("tbody tr:not([data-visibility='Shown'])");
        Assert.True(await hidden.CountAsync() >= 1, "expected at least one suppressed group in the manager's heat map");
        await Assertions.Expect(hidden.First.GetByTestId("hidden-cell")).ToBeVisibleAsync();
        Assert.DoesNotContain("%", await hidden.First.GetByTestId("hidden-cell").InnerTextAsync());
        // The demo rounds: the seven closed quarterly rounds in the trend (the open one has no results until it closes).
        Assert.True(await manager.GetByTestId("trend").Locator("tbody tr").CountAsync() >= 7);
        await CheckPageAsync(manager, "engagement-results-manager");

        // The same heat map as a download: Webcare's cells say "suppressed".
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Klantenservice;", lines[1].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(";suppressed;suppressed;", lines[2], StringComparison.Ordinal);
    }
}
