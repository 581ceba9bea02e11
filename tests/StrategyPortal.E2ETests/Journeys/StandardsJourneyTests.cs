using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 3's "done when": the manager adopts a template, changes its target, records a result and sees the RAG
/// move; the director sees the discipline history and the coverage gaps; an employee sees only their unit's
/// standards; in English and Dutch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StandardsJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private static string Email(PortalRole role, string unit) => OrganisationDemoSeed.Accounts.First(a => a.Role == role && a.Unit == unit).Email;

    private static string S(string key) => Text.Standards(key, Text.English);

    [Fact]
    public async Task Manager_adopts_a_template_changes_its_target_records_a_result_and_sees_the_rag_move()
    {
        var template = StandardCatalogue.Find("CI-07")!;
        var quarter = Quarter.Of(DateTime.UtcNow).ToString();
        var page = await NewPageAsync();
        await SignInAsAsync(page, Email(PortalRole.Manager, "Klantenservice"));

        await page.GotoAsync("/standards/catalogue");
        await WaitForInteractiveAsync(page);
        await CheckPageAsync(page, "catalogue");
        await page.GetByTestId("adopt-CI-07").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("standard-title")).ToHaveValueAsync(template.English.Title);
        await Expect(dialog.GetByTestId("standard-target")).ToHaveValueAsync("100"); // customer intimacy leads: ambitious
        await CheckPageAsync(page, "adopt-dialog");
        await dialog.GetByTestId("save").ClickAsync();

        await page.WaitForURLAsync(StandardUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync(template.English.Title);
        var row = page.GetByTestId($"result-{quarter}");
        await Expect(row.GetByTestId("rag")).ToHaveAttributeAsync("data-rag", nameof(RagStatus.NoData));

        // 85 against a target of 100 (amber down to 90): red.
        await row.GetByTestId($"record-{quarter}").ClickAsync();
        await dialog.GetByTestId("result-value").FillAsync("85");
        await CheckPageAsync(page, "record-dialog");
        await dialog.GetByTestId("save-result").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("rag")).ToHaveAttributeAsync("data-rag", nameof(RagStatus.Red));
        await Expect(row.GetByTestId("rag")).ToHaveTextAsync(Terms.Of(RagStatus.Red, Text.English));

        // The target moves to 85 in this quarter: the same result is now green.
        await page.GetByTestId("edit-standard").ClickAsync();
        await dialog.GetByTestId("standard-target").FillAsync("85");
        await CheckPageAsync(page, "edit-dialog");
        await dialog.GetByTestId("save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("rag")).ToHaveAttributeAsync("data-rag", nameof(RagStatus.Green));
        await Expect(row.GetByTestId("rag")).ToHaveTextAsync(Terms.Of(RagStatus.Green, Text.English));
        await Expect(page.GetByTestId("versions-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await CheckPageAsync(page, "standard-after-change");
    }

    [Fact]
    public async Task Director_sees_the_discipline_history_and_the_coverage_gap_in_dutch()
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, Email(PortalRole.Director, "Directie"));
        await page.GotoAsync("/culture/set?culture=nl&redirectUri=%2Fstrategy");
        await WaitForInteractiveAsync(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Strategy("Strategy.Title", Text.Dutch));
        await Expect(page.GetByTestId("discipline-name")).ToHaveTextAsync(Terms.Of(ValueDiscipline.CustomerIntimacy, Text.Dutch));
        var history = page.GetByTestId("strategy-history").Locator("tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(1)).ToContainTextAsync(Terms.Of(ValueDiscipline.CostLeadership, Text.Dutch));
        await Expect(history.Nth(0)).ToContainTextAsync("Pieter Jansen");
        var selfService = Terms.Of(ServiceChannel.SelfService, Text.Dutch);
        await Expect(page.GetByTestId("coverage-gaps")).ToContainTextAsync(selfService);
        await Expect(page.Locator("[data-testid=coverage] thead th[data-gap=true]")).ToHaveTextAsync([selfService]);
        await CheckPageAsync(page, "director-strategy-nl");

        await page.GetByTestId("choose-discipline").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(Text.Strategy("Choose.NothingDeleted", Text.Dutch));
        await CheckPageAsync(page, "director-choose-dialog-nl");
    }

    [Fact]
    public async Task Employee_sees_only_the_standards_of_their_own_unit()
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, Email(PortalRole.Employee, "Klantenservice"));

        await page.GotoAsync("/my-standards");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("my-unit")).ToContainTextAsync("Klantenservice");
        var items = page.GetByTestId("my-standard");
        await Expect(items.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("my-standards")).ToContainTextAsync("Beloofde terugbelafspraken worden nagekomen");
        await Expect(page.GetByTestId("my-standards")).Not.ToContainTextAsync("Webcare reageert binnen het uur");
        await Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "employee-my-standards");

        await page.GotoAsync("/standards");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("standards-table")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/standards/\d+$")]
    private static partial Regex StandardUrl();
}
