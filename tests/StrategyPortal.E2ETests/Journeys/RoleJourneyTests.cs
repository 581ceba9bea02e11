using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Web.Components.Layout;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>Each demo role: the navigation it may use, every page in it, Dutch and back, dark mode and back, sign out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Theory]
    [MemberData(nameof(DemoRoles.Accounts), MemberType = typeof(DemoRoles))]
    public async Task Demo_account_uses_its_navigation_in_both_languages_and_themes_and_signs_out(string email)
    {
        var account = DemoRoles.Account(email);
        var who = $"{account.Role}-{account.Unit}";
        var expected = DemoRoles.PagesOf(account);
        var page = await NewPageAsync();

        await SignInAsAsync(page, email);
        await Expect(page.GetByTestId("welcome")).ToContainTextAsync(account.Name);
        await Expect(page.GetByTestId("role")).ToContainTextAsync(Text.Ui($"Role.{account.Role}", Text.English));
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(account.Name);
        await AssertStylesLoadedAsync(page);

        // The menu offers exactly what the role may use, in the order of Navigation.Items.
        await AssertNavigationAsync(page, expected, Text.English);
        if (account.Role == PortalRole.Employee)
            Assert.DoesNotContain(expected, i => i.Href == "/organisation/people");
        // Everything, except recording results (the managers' job, issue 3), the scorecards (directors and managers, issue 7)
        // and what is red without an action (those who start actions, issue 17).
        if (account.Role == PortalRole.Administrator)
            Assert.Equal(Navigation.Items.Count(i => i.Permission is not (Permission.ResultsRecord or Permission.ScorecardsRead or Permission.ActionsManage)), expected.Count);

        foreach (var item in expected)
        {
            if (PortalPages.For(item.Href).Static)
            {
                await OpenStaticPageAsync(page, item.Href);
                await CheckPageAsync(page, $"{who}-{Name(item.Href)}");
                await page.GotoAsync("/");
                await WaitForInteractiveAsync(page);
                continue;
            }
            await OpenFromNavigationAsync(page, item.Href, Text.English);
            await CheckPageAsync(page, $"{who}-{Name(item.Href)}");
        }
        var current = PortalPages.For(expected.Last(i => !PortalPages.For(i.Href).Static).Href);
        if (current.Href != expected[^1].Href) await OpenFromNavigationAsync(page, current.Href, Text.English);

        // Dark mode, on the busiest page the role has: the theme changes, is remembered across a reload, and switches back.
        var lightBackground = await BackgroundAsync(page);
        await ToggleDarkModeAsync(page, toDark: true);
        Assert.NotEqual(lightBackground, await BackgroundAsync(page));
        await CheckPageAsync(page, $"{who}-dark");
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("dark-mode")).ToHaveAttributeAsync("aria-label", Text.Ui("Layout.LightMode", Text.English));
        Assert.NotEqual(lightBackground, await BackgroundAsync(page));
        await ToggleDarkModeAsync(page, toDark: false);
        Assert.Equal(lightBackground, await BackgroundAsync(page));

        // Dutch: the strings on the page come from the nl resources, and stay so on the next page.
        await SwitchLanguageAsync(page, "nl");
        await AssertNavigationAsync(page, expected, Text.Dutch);
        await Expect(page.Locator("h1")).ToHaveTextAsync(current.Title(Text.Dutch));
        await Expect(page).ToHaveTitleAsync($"{current.Title(Text.Dutch)} – StrategyPortal");
        await Expect(page.GetByTestId("sign-out")).ToContainTextAsync(Text.Ui("Layout.SignOut", Text.Dutch), new() { IgnoreCase = true });
        await Expect(page.GetByTestId("demo-banner")).ToContainTextAsync(Text.Ui("Layout.DemoBanner", Text.Dutch));
        await Expect(page.GetByTestId("dark-mode")).ToHaveAttributeAsync("aria-label", Text.Ui("Layout.DarkMode", Text.Dutch));
        foreach (var pager in await page.Locator(".mud-table-page-number-information").AllAsync())
            await Expect(pager).ToHaveTextAsync(new Regex(@"^\d+-\d+ van \d+$"));
        await CheckPageAsync(page, $"{who}-{Name(current.Href)}-{Text.Dutch.Name}");
        if (expected.Count > 1)
        {
            await OpenFromNavigationAsync(page, expected[0].Href, Text.Dutch);
            await CheckPageAsync(page, $"{who}-{Name(expected[0].Href)}-{Text.Dutch.Name}");
        }

        await SwitchLanguageAsync(page, "en");
        await AssertNavigationAsync(page, expected, Text.English);
        await Expect(page.Locator("h1")).ToHaveTextAsync(PortalPages.For(expected[0].Href).Title(Text.English));

        // Signing out ends the session and says so on the sign-in page.
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(Text.Ui("Login.SignedOut", Text.English));
        await CheckPageAsync(page, $"{who}-signed-out");
        await page.GotoAsync("/");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    private static string Name(string href) => href == "/" ? "home" : href;

    private static async Task AssertNavigationAsync(IPage page, IReadOnlyList<NavItem> expected, CultureInfo culture)
    {
        var links = page.Locator(".mud-drawer a.mud-nav-link");
        await Expect(links).ToHaveCountAsync(expected.Count);
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(expected.Select(i => i.Href), hrefs);
        await Expect(links).ToHaveTextAsync(expected.Select(i => Text.Ui(i.LabelKey, culture)).ToArray());
    }

    private async Task OpenFromNavigationAsync(IPage page, string href, CultureInfo culture)
    {
        var target = PortalPages.For(href);
        await page.Locator($".mud-drawer a.mud-nav-link[href='{href}']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == href);
        await Expect(page.Locator("h1")).ToHaveTextAsync(target.Title(culture));
        await Expect(page).ToHaveTitleAsync($"{target.Title(culture)} – StrategyPortal");
        if (target.ReadySelector is { } ready) await Expect(page.Locator(ready).First).ToBeVisibleAsync();
    }

    private static async Task SwitchLanguageAsync(IPage page, string culture)
    {
        var from = culture == "nl" ? Text.English : Text.Dutch;
        await page.GetByRole(AriaRole.Button, new() { Name = Text.Ui("Layout.Language", from), Exact = true }).ClickAsync();
        await page.GetByTestId($"lang-{culture}").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await WaitForInteractiveAsync(page);
    }

    private static async Task ToggleDarkModeAsync(IPage page, bool toDark)
    {
        var button = page.GetByTestId("dark-mode");
        await Expect(button).ToHaveAttributeAsync("aria-label", Text.Ui(toDark ? "Layout.DarkMode" : "Layout.LightMode", Text.English));
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-label", Text.Ui(toDark ? "Layout.LightMode" : "Layout.DarkMode", Text.English));
        await WaitForSettledAsync(page);
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>MudBlazor's stylesheet is served (static web assets): the app bar is fixed, not in the flow.</summary>
    private static async Task AssertStylesLoadedAsync(IPage page) =>
        Assert.Equal("fixed", await page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).position"));

    /// <summary>Opens a plain server-rendered page by address and waits for its title and content.</summary>
    private static async Task OpenStaticPageAsync(IPage page, string href)
    {
        var target = PortalPages.For(href);
        await page.GotoAsync(href);
        await Expect(page.Locator("h1")).ToHaveTextAsync(target.Title(Text.English));
        if (target.ReadySelector is { } ready) await page.Locator(ready).First.WaitForAsync();
    }
}
