using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// The demo employee answers the open pulse on a phone-width screen with JavaScript off.
/// A class of its own (its own app and database): answering uses up the demo employee's one answer of the open round,
/// so no other journey may depend on that round still being open for her.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PulseAnswerJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private const string Employee = "medewerker@noordlicht.example";

    [Fact]
    public async Task The_demo_employee_answers_on_a_phone_without_javascript()
    {
        var page = await NewPageAsync(width: 360, height: 740, javaScript: false);
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(Employee);
        await page.Locator("#password").FillAsync(Portal.DemoPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal));

        await page.GotoAsync("/pulses");
        await ScreenshotAsync(page, "my-pulses-phone-nojs");
        await page.GetByTestId("answer-link").ClickAsync();
        await page.GetByTestId("pulse-form").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("privacy")).ToBeVisibleAsync();
        // Nothing wider than the phone: no sideways scrolling.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // Sending an incomplete form: told which questions (HTTP 400), nothing stored, choices kept.
        ExpectBrowserError("HTTP 400 for POST");
        ExpectBrowserError("status of 400");
        var questions = await page.Locator("fieldset[data-question]").AllAsync();
        Assert.True(questions.Count >= 10);
        var firstName = await questions[0].GetAttributeAsync("id");
        await page.Locator($"#{firstName}-5").CheckAsync();
        await page.GetByTestId("send-answers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("submit-error")).ToBeVisibleAsync();
        Assert.True(await page.Locator($"#{firstName}-5").IsCheckedAsync());
        await ScreenshotAsync(page, "pulse-errors-phone-nojs");

        foreach (var question in await page.Locator("fieldset[data-question]").AllAsync())
        {
            var name = await question.GetAttributeAsync("id");
            var value = await page.Locator($"#{name}-10").CountAsync() > 0 ? "8" : "4";
            await page.Locator($"#{name}-{value}").CheckAsync();
        }
        await page.Locator("textarea").FillAsync("Meer tijd voor klanten <graag>.");
        await page.GetByTestId("send-answers").ClickAsync();

        var status = page.GetByTestId("pulse-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "already-answered");
        await Assertions.Expect(status).ToContainTextAsync("Thank you");
        await ScreenshotAsync(page, "pulse-answered-phone-nojs");

        await page.GotoAsync("/pulses");
        await Assertions.Expect(page.GetByTestId("answered")).ToBeVisibleAsync();
    }
}
