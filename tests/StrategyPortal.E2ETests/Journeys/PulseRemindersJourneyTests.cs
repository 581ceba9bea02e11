using System.Globalization;
using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 16: the pulse owner sees each pulse's reminder schedule and the open round's next planned reminder, and changes the
/// schedule in its dialog; on a desktop and on a phone. A portal of its own: the change would show on other journeys' pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PulseRemindersJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task The_director_changes_the_demo_pulses_reminder_schedule()
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, "directeur@noordlicht.example");
        await page.GotoAsync("/engagement/pulses");
        await WaitForInteractiveAsync(page);
        var pulse = page.GetByTestId("pulse").Filter(new() { HasText = "Kwartaalpulse" });
        await Expect(pulse.GetByTestId("pulse-reminders")).ToHaveTextAsync(string.Format(En, Text.Engagement("Reminders.Summary", En), 50, 4));
        await Expect(pulse.GetByTestId("round-next-reminder")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^next reminder [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$"));
        await CheckPageAsync(page, "pulses-reminders");

        await pulse.GetByTestId("change-reminders").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await WaitForSettledAsync(page);
        await CheckPageAsync(page, "pulses-reminders-dialog");
        await dialog.Locator("input[data-testid=reminders-every], [data-testid=reminders-every] input").FillAsync("3");
        await dialog.GetByTestId("save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(pulse.GetByTestId("pulse-reminders")).ToHaveTextAsync(string.Format(En, Text.Engagement("Reminders.Summary", En), 50, 3));

        var phone = await NewPageAsync(width: 390, height: 800);
        await SignInAsAsync(phone, "directeur@noordlicht.example");
        await phone.GotoAsync("/engagement/pulses");
        await WaitForInteractiveAsync(phone);
        await Expect(phone.GetByTestId("pulse-reminders").First).ToBeVisibleAsync();
        // The rounds stack on a phone, each value beside its column's name, and nothing scrolls sideways.
        await Expect(phone.GetByTestId("round-answered").First).ToHaveAttributeAsync("data-label", Text.Engagement("Schedule.AnsweredCol", En));
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await CheckPageAsync(phone, "pulses-reminders-phone");
    }
}
