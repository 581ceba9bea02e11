using System.Security.Cryptography;
using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 7's "Done when" in the browser: the director issues the last ended quarter, follows the progress,
/// downloads the company's scorecard in both languages (read back: pages, quarter, company, hash as listed),
/// and the customer service manager finds only the scorecards of their own units.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScorecardJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Director_issues_the_quarter_and_downloads_the_company_scorecard_the_manager_sees_their_units()
    {
        var quarter = StrategyPortal.Domain.Common.Quarter.Of(DateTime.UtcNow).Previous.ToString();
        var page = await NewPageAsync();
        await SignInAsAsync(page, "directeur@noordlicht.example");
        await page.GotoAsync("/scorecards");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("scorecards-empty")).ToBeVisibleAsync();
        await CheckPageAsync(page, "scorecards-empty");

        await page.GetByTestId("issue").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync(quarter);
        await dialog.GetByRole(AriaRole.Button, new() { Name = Text.Scorecards("Issue", Text.English), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("issue-done")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        var rows = page.GetByTestId("scorecards-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        await CheckPageAsync(page, "scorecards-issued");

        var company = rows.Nth(0);
        await Expect(company).ToContainTextAsync("Noordlicht Retail B.V.");
        var hashes = await company.Locator("code").GetAttributeAsync("title") ?? "";
        foreach (var language in new[] { "nl", "en" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => company.GetByTestId($"download-{language}").ClickAsync());
            var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
            Assert.Contains($"{language}: {Convert.ToHexStringLower(SHA256.HashData(bytes))}", hashes);
            using var pdf = PdfDocument.Open(bytes);
            Assert.True(pdf.NumberOfPages >= 8, $"the {language} scorecard has {pdf.NumberOfPages} pages");
            var first = pdf.GetPage(1).Text;
            Assert.Contains("Noordlicht Retail B.V.", first);
            Assert.Contains(quarter, first);
            Output.WriteLine($"{language}: {bytes.Length:N0} bytes, {pdf.NumberOfPages} pages");
        }

        var manager = await NewPageAsync();
        await SignInAsAsync(manager, "manager.klantenservice@noordlicht.example");
        await manager.GotoAsync("/scorecards");
        await WaitForInteractiveAsync(manager);
        var units = manager.GetByTestId("scorecards-table").Locator("tbody tr");
        await Expect(units).ToHaveCountAsync(2);
        await Expect(units.Nth(0)).ToContainTextAsync("Klantenservice");
        await Expect(units.Nth(1)).ToContainTextAsync("Webcare");
        await Expect(manager.GetByTestId("issue")).ToHaveCountAsync(0);
        await CheckPageAsync(manager, "scorecards-manager");
    }
}
