using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Every page each demo role may open, in Dutch: no English text (the app's own English resources, MudBlazor's English defaults,
/// English words) and one form of address ("je", never "u"). Visible text, labels for screen readers, titles and placeholders count.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DutchWalkTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Theory]
    [MemberData(nameof(DemoRoles.Accounts), MemberType = typeof(DemoRoles))]
    public async Task Every_page_of_the_role_reads_Dutch_in_one_voice(string email)
    {
        var account = DemoRoles.Account(email);
        var pages = DemoRoles.PagesOf(account);
        var page = await NewPageAsync();
        await SignInAsAsync(page, email);
        await page.GetByRole(AriaRole.Button, new() { Name = Text.Ui("Layout.Language", Text.English), Exact = true }).ClickAsync();
        await page.GetByTestId("lang-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await WaitForInteractiveAsync(page);

        var problems = new List<string>();
        foreach (var item in pages)
        {
            var target = PortalPages.For(item.Href);
            await page.GotoAsync(item.Href);
            if (!target.Static) await WaitForInteractiveAsync(page);
            await Expect(page.Locator("h1")).ToHaveTextAsync(target.Title(Text.Dutch));
            if (target.ReadySelector is { } ready) await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            await WaitForSettledAsync(page);
            var found = EnglishDetector.Problems(await TextsAsync(page)).Select(p => $"{item.Href}: {p}").ToList();
            foreach (var problem in found) Output.WriteLine(problem);
            problems.AddRange(found);
            await CheckPageAsync(page, $"dutch-{account.Role}-{(item.Href == "/" ? "home" : item.Href)}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The same pages on a phone (390 px), in Dutch, whose words run longest, and a first detail page of the lists that have
    /// one: nothing widens the page so that it scrolls sideways (a table stacks or scrolls inside itself, a long word breaks).
    /// </summary>
    [Theory]
    [MemberData(nameof(DemoRoles.Accounts), MemberType = typeof(DemoRoles))]
    public async Task Every_page_of_the_role_fits_a_phone_in_Dutch(string email)
    {
        var account = DemoRoles.Account(email);
        var hrefs = DemoRoles.PagesOf(account).Select(p => p.Href).ToList();
        foreach (var list in new[] { "/standards", "/actions", "/promises" })
            if (hrefs.Contains(list)) hrefs.Add($"{list}/1");
        var page = await NewPageAsync(width: 390, height: 800);
        await SignInAsAsync(page, email);
        await page.GotoAsync("/culture/set?culture=nl&redirectUri=%2F");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        var wide = new List<string>();
        foreach (var href in hrefs)
        {
            await page.GotoAsync(href);
            var list = PortalPages.For(href.EndsWith("/1", StringComparison.Ordinal) ? href[..^2] : href);
            if (!list.Static) await WaitForInteractiveAsync(page);
            if (list.Href == href && list.ReadySelector is { } ready) await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await WaitForSettledAsync(page);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390) wide.Add($"{href}: {width} px");
        }
        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    [Fact]
    public async Task The_sign_in_page_reads_Dutch_in_one_voice()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByTestId("lang-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await CheckPageAsync(page, "dutch-sign-in");
        var problems = EnglishDetector.Problems(await TextsAsync(page));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The texts a reader meets: visible text nodes, and the names screen readers and tooltips give.</summary>
    private static Task<string[]> TextsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const texts = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const element = node.parentElement;
                if (!element || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(element.tagName)) continue;
                if (!element.checkVisibility()) continue;
                if (element.closest('[lang]')?.getAttribute('lang')?.startsWith('en')) continue; // English on purpose, marked so

                const text = node.textContent.trim();
                if (text) texts.push(text);
            }
            for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], input[type=submit][value]')) {
                if (element.closest('[lang]')?.getAttribute('lang')?.startsWith('en')) continue;
                for (const name of ['aria-label', 'title', 'placeholder']) {
                    const value = element.getAttribute(name);
                    if (value && value.trim()) texts.push(value.trim());
                }
            }
            texts.push(document.title);
            return texts;
        }
        """);
}
