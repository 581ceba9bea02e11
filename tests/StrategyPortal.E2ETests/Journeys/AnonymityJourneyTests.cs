using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// The attacks of issue 14, tried in the browser on the demo company: an administrator moves Directie (one respondent a
/// round) under Marketing, and the director looks for the difference in Marketing's figures of a closed round — there is
/// none, because every round keeps the organisation it opened in; a manager watches the open round's response rate while a
/// colleague answers — it does not move, because taking part is counted once a day. Its own class (own app and database).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AnonymityJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private const string CompanyPath = "Noordlicht Retail B.V.";

    [GeneratedRegex("open: results")]
    private static partial Regex StillOpen();

    private static ILocator HeatMapRow(IPage page, string unit) =>
        page.GetByTestId("heatmap").Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = unit, Exact = true }) });

    [Fact]
    public async Task A_reorganisation_changes_no_closed_figure_and_an_answer_does_not_move_the_open_rate()
    {
        var director = await NewPageAsync();
        await SignInAsAsync(director, "directeur@noordlicht.example");
        await director.GotoAsync("/engagement/results");
        await WaitForInteractiveAsync(director);
        await HeatMapRow(director, "Marketing").WaitForAsync();
        var marketingBefore = await HeatMapRow(director, "Marketing").InnerTextAsync();
        var companyBefore = await HeatMapRow(director, CompanyPath).InnerTextAsync();
        Assert.Matches(@"\d+%", marketingBefore);

        // The administrator moves Directie under Marketing on the units page.
        var admin = await NewPageAsync();
        await SignInAsAsync(admin, "beheerder@noordlicht.example");
        await admin.GotoAsync("/organisation/units");
        await WaitForInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move Directie", Exact = true }).ClickAsync();
        await MudSelects.ChooseAsync(admin, admin.GetByTestId("unit-parent"), $"{CompanyPath} / Marketing");
        await admin.GetByTestId("save").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        // The table shows the tree by indentation: Directie is now a grandchild of the company, under Marketing.
        await Assertions.Expect(admin.GetByTestId("units-table").Locator("span[data-depth]", new() { HasText = "Directie" })).ToHaveAttributeAsync("data-depth", "2");
        await CheckPageAsync(admin, "units-directie-moved");

        // The director looks again: Marketing's and the company's figures of the closed round are exactly as before, and
        // Directie is still its own (hidden) row beside Marketing, as the round recorded it.
        await director.ReloadAsync();
        await WaitForInteractiveAsync(director);
        await HeatMapRow(director, "Marketing").WaitForAsync();
        Assert.Equal(marketingBefore, await HeatMapRow(director, "Marketing").InnerTextAsync());
        Assert.Equal(companyBefore, await HeatMapRow(director, CompanyPath).InnerTextAsync());
        Assert.NotEqual("Shown", await HeatMapRow(director, "Directie").GetAttributeAsync("data-visibility"));
        await CheckPageAsync(director, "results-after-reorganisation");

        // The Klantenservice manager watches the open round's rate while the demo employee of Klantenservice answers.
        var manager = await NewPageAsync();
        await SignInAsAsync(manager, "manager.klantenservice@noordlicht.example");
        await manager.GotoAsync("/engagement/results");
        await WaitForInteractiveAsync(manager);
        await MudSelects.ChooseAsync(manager, manager.GetByTestId("round-select"), StillOpen());
        await manager.GetByTestId("results-pending").WaitForAsync();
        var rateBefore = await manager.GetByTestId("response-rate").InnerTextAsync();
        await CheckPageAsync(manager, "open-round-rate");

        var employee = await NewPageAsync(width: 390, height: 844);
        await SignInAsAsync(employee, "medewerker@noordlicht.example");
        await employee.GotoAsync("/pulses");
        await employee.GetByTestId("answer-link").ClickAsync();
        await employee.GetByTestId("pulse-form").WaitForAsync();
        foreach (var question in await employee.Locator("fieldset[data-question]").AllAsync())
        {
            var name = await question.GetAttributeAsync("id");
            var value = await employee.Locator($"#{name}-10").CountAsync() > 0 ? "8" : "4";
            await employee.Locator($"#{name}-{value}").CheckAsync();
        }
        await employee.GetByTestId("send-answers").ClickAsync();
        await Assertions.Expect(employee.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "already-answered");

        await manager.ReloadAsync();
        await WaitForInteractiveAsync(manager);
        await MudSelects.ChooseAsync(manager, manager.GetByTestId("round-select"), StillOpen());
        await manager.GetByTestId("results-pending").WaitForAsync();
        Assert.Equal(rateBefore, await manager.GetByTestId("response-rate").InnerTextAsync());
    }
}
