using StrategyPortal.Domain.Actions;
using StrategyPortal.Application.Localization;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StrategyPortal.Domain.Common;
using StrategyPortal.E2ETests.Infrastructure;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 17's "Done when" in the browser, in Dutch and in English: the director finds a red Klantenservice standard in
/// "nothing red goes unowned"; the demo Klantenservice manager takes action on it, records progress and completes it;
/// the director no longer finds it in the list and reads the action in the quarter's scorecard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ActionJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private const string Director = "directeur@noordlicht.example";
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_manager_acts_on_a_red_standard_and_completes_it_and_the_director_sees_it_leave_the_unowned_list_and_in_the_scorecard(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        string A(string key) => Text.Actions(key, culture);
        // Short, so it stays on one line of its table cell in the PDF (a wrapped cell interleaves with its neighbours when read back).
        var title = $"Chatbot {Guid.NewGuid():N}"[..14];

        // 1. The director sees a red Klantenservice standard without an action.
        var director = await SignedInAsync(Director, language, "/actions/unowned");
        var redStandard = director.GetByTestId("unowned-table").Locator("tbody tr")
            .Filter(new() { HasText = "Klantenservice" }).Filter(new() { HasText = $"{Terms.Of(ActionCauseKind.Standard, culture)} ·" }).First;
        await Expect(redStandard).ToBeVisibleAsync();
        var subject = (await redStandard.GetByTestId("unowned-subject").InnerTextAsync()).Trim();
        await CheckPageAsync(director, $"unowned-before-{language}");

        // 2. The Klantenservice manager takes action on it from the same list.
        var manager = await SignedInAsync(ServiceManager, language, "/actions/unowned");
        var row = manager.GetByTestId("unowned-table").Locator("tbody tr").Filter(new() { Has = manager.GetByTestId("unowned-subject").GetByText(subject, new() { Exact = true }) });
        await row.GetByTestId("take-action").ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/actions/new\\?"));
        await WaitForInteractiveAsync(manager);
        await Expect(manager.GetByTestId("cause-text")).ToContainTextAsync(subject);
        await Expect(manager.GetByTestId("baseline")).ToBeVisibleAsync();
        await CheckPageAsync(manager, $"new-action-{language}");
        await manager.GetByLabel(A("Field.Title")).FillAsync(title);
        await manager.GetByTestId("save-action").ClickAsync();
        await Expect(manager).ToHaveURLAsync(ActionUrl());
        await WaitForInteractiveAsync(manager);
        await Expect(manager.GetByTestId("action-title")).ToHaveTextAsync(title);
        await Expect(manager.GetByTestId("action-status")).ToHaveTextAsync(Terms.Of(ActionStatus.Planned, culture));

        // 3. Owned now: the director no longer sees it.
        await director.ReloadAsync();
        await WaitForInteractiveAsync(director);
        await Expect(director.GetByTestId("unowned-table").Or(director.GetByTestId("unowned-empty"))).ToBeVisibleAsync();
        await Expect(director.GetByTestId("unowned-subject").GetByText(subject, new() { Exact = true })).ToHaveCountAsync(0);

        // 4. The manager records progress, then completes it.
        await CheckInAsync(manager, "Chatbot-antwoorden herschreven met het team.", Terms.Of(ActionStatus.InProgress, culture));
        await Expect(manager.GetByTestId("action-status")).ToHaveTextAsync(Terms.Of(ActionStatus.InProgress, culture));
        await DismissSnackbarsAsync(manager);
        await CheckPageAsync(manager, $"action-in-progress-{language}");
        await CheckInAsync(manager, "Nieuwe antwoorden live.", Terms.Of(ActionStatus.Done, culture));
        await Expect(manager.GetByTestId("action-status")).ToHaveTextAsync(Terms.Of(ActionStatus.Done, culture));
        await Expect(manager.GetByTestId("checkins").GetByTestId("checkin-text")).ToHaveCountAsync(2);
        await Expect(manager.GetByTestId("checkin-form")).ToHaveCountAsync(0);
        await DismissSnackbarsAsync(manager);
        await CheckPageAsync(manager, $"action-done-{language}");

        // 5. Done and not measured since: still owned, still not listed; and the quarter's scorecard shows it, completed.
        await director.ReloadAsync();
        await WaitForInteractiveAsync(director);
        await Expect(director.GetByTestId("unowned-table").Or(director.GetByTestId("unowned-empty"))).ToBeVisibleAsync();
        await Expect(director.GetByTestId("unowned-subject").GetByText(subject, new() { Exact = true })).ToHaveCountAsync(0);
        await CheckPageAsync(director, $"unowned-after-{language}");
        var draft = await director.APIRequest.GetAsync($"/scorecards/draft?quarter={Quarter.Of(DateTime.UtcNow)}&lang={language}");
        Assert.Equal(200, draft.Status);
        using var pdf = PdfDocument.Open(await draft.BodyAsync());
        var text = Squeezed(string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))));
        Assert.Contains(Squeezed(title), text);
        Output.WriteLine($"{language}: '{title}' on '{subject}' is in the {Quarter.Of(DateTime.UtcNow)} scorecard ({pdf.NumberOfPages} pages)");
    }

    private async Task<IPage> SignedInAsync(string email, string language, string path)
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, email);
        await page.GotoAsync($"/culture/set?culture={language}&redirectUri={Uri.EscapeDataString(path)}");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await WaitForInteractiveAsync(page);
        return page;
    }

    private static async Task CheckInAsync(IPage page, string note, string status)
    {
        var form = page.GetByTestId("checkin-form");
        var before = await page.GetByTestId("checkin-text").CountAsync();
        var noteField = form.Locator("textarea").First;
        await noteField.FillAsync(note);
        await noteField.PressAsync("Tab"); // commits the text to the form before the status select re-renders it
        await form.GetByTestId("checkin-status").ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true });
        await option.ClickAsync();
        await Expect(option).ToHaveCountAsync(0);
        await Expect(noteField).ToHaveValueAsync(note);
        await form.GetByTestId("save-checkin").ClickAsync();
        await Expect(page.GetByTestId("checkin-text")).ToHaveCountAsync(before + 1);
    }

    /// <summary>
    /// Closes the "saved" messages before a page is checked: one that starts fading out while axe runs is measured
    /// half-transparent (a contrast failure by timing, not by design).
    /// </summary>
    private static async Task DismissSnackbarsAsync(IPage page)
    {
        var snackbars = page.Locator(".mud-snackbar");
        foreach (var close in await snackbars.Locator("button").AllAsync())
        {
            try { await close.ClickAsync(new() { Force = true, Timeout = 5_000 }); }
            catch (PlaywrightException) { } // it went away by itself meanwhile
        }
        await Expect(snackbars).ToHaveCountAsync(0);
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"/actions/\d+$")]
    private static partial Regex ActionUrl();
}
