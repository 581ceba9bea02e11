using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Forms show errors only after the user has acted (issue 19): every "new …" dialog opens without a red field or message.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DialogsOpenCleanTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    // Who may open each dialog: the administrator most; promises and capabilities belong to managers.
    private static readonly (string Account, string Href, string Button)[] Dialogs =
    [
        ("beheerder@noordlicht.example", "/standards", "new-standard"),
        ("beheerder@noordlicht.example", "/organisation/units", "add-unit"),
        ("beheerder@noordlicht.example", "/organisation/people", "add-person"),
        ("beheerder@noordlicht.example", "/engagement/questions", "add-question"),
        ("beheerder@noordlicht.example", "/engagement/pulses", "schedule-pulse"),
        ("beheerder@noordlicht.example", "/strategy", "choose-discipline"),
        ("manager.marketing@noordlicht.example", "/promises", "new-promise"),
        ("manager.klantenservice@noordlicht.example", "/capabilities", "new-capability"),
    ];

    [Fact]
    public async Task Every_new_dialog_opens_without_an_error()
    {
        var problems = new List<string>();
        foreach (var account in Dialogs.Select(d => d.Account).Distinct())
        {
            var page = await NewPageAsync();
            await SignInAsAsync(page, account);
            foreach (var (_, href, button) in Dialogs.Where(d => d.Account == account))
            {
                await page.GotoAsync(href);
                await WaitForInteractiveAsync(page);
                await page.GetByTestId(button).ClickAsync();
                var dialog = page.Locator(".mud-dialog");
                await Expect(dialog).ToBeVisibleAsync();
                await WaitForSettledAsync(page);
                var errors = await dialog.Locator(".mud-input-error, .mud-alert-filled-error, .mud-alert-text-error").AllInnerTextsAsync();
                if (errors.Count > 0) problems.Add($"{href}: opens with {string.Join(" | ", errors)}");
                await ScreenshotAsync(page, "dialog-open-" + button);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
