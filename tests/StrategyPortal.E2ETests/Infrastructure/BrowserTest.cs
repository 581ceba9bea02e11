using System.Collections.Concurrent;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// Base of every browser journey: a fresh browser context per page (own cookies), and the helpers every feature's
/// journey uses — sign in, wait for the interactive circuit, check accessibility, take a screenshot.
/// Subclasses carry <c>[Collection(BrowserCollection.Name)]</c> and <c>IClassFixture&lt;PortalFixture&gt;</c>.
/// </summary>
public abstract partial class BrowserTest(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static readonly IReadOnlyList<string> AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static int _screenshotCounter;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<IBrowserContext> _contexts = [];
    private readonly ConcurrentQueue<string> _browserErrors = new();
    private readonly List<string> _expectedErrors = [];

    protected PortalFixture Portal { get; } = portal;

    protected ITestOutputHelper Output { get; } = output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        var errors = _browserErrors.Where(e => !_expectedErrors.Any(expected => e.Contains(expected, StringComparison.Ordinal))).ToList();
        if (errors.Count > 0)
            throw new XunitException("The browser reported errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors) +
                                     Environment.NewLine + $"Portal log: {Portal.LogFile}");
    }

    /// <summary>
    /// A journey that provokes an error on purpose (e.g. opens a page that does not exist) names it here;
    /// otherwise console errors, script errors and HTTP responses of 400 and above fail the test.
    /// </summary>
    protected void ExpectBrowserError(string fragment) => _expectedErrors.Add(fragment);

    /// <summary>
    /// A new page in its own browser context (nobody signed in), asking for English like a browser set to en-US.
    /// A phone is e.g. <c>width: 360, height: 740</c>; <paramref name="javaScript"/> false for the plain HTML forms.
    /// </summary>
    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool javaScript = true)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        // Generous: a 2-core CI machine building and testing at once can take many seconds per page load.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(90_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _browserErrors.Enqueue($"console error on {page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => _browserErrors.Enqueue($"script error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) _browserErrors.Enqueue($"HTTP {response.Status} for {response.Request.Method} {response.Url} (page {page.Url})");
        };
        return page;
    }

    /// <summary>Signs in through the sign-in form with a demo account and waits until the portal is interactive.</summary>
    protected async Task SignInAsAsync(IPage page, string email, string? password = null)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password ?? Portal.DemoPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        // The URL is polled rather than awaited through navigation events: when the redirect had already landed,
        // WaitForURL waited for a load state of its own and once missed it in CI (90 s, "networkidle" fired).
        await Assertions.Expect(page).ToHaveURLAsync(LeftAccountPages(), new PageAssertionsToHaveURLOptions { Timeout = 90_000 });
        await WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the Blazor circuit has taken over the page: the main layout renders <c>data-interactive="true"</c>
    /// only when it runs interactively. Before that, clicks on MudBlazor components do nothing.
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page) =>
        await page.Locator(".mud-layout[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Waits until no finite CSS animation or transition (dialog fade-in, ripple, snackbar) is still running.</summary>
    public static async Task WaitForSettledAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)");

    /// <summary>Screenshot first (so a failing check still leaves a picture), then accessibility.</summary>
    protected async Task CheckPageAsync(IPage page, string name)
    {
        // Park the mouse in a corner, so a tooltip of the last clicked button does not cover the page.
        await page.Mouse.MoveAsync(1, (page.ViewportSize?.Height ?? 800) - 1);
        await ScreenshotAsync(page, name);
        await CheckAccessibilityAsync(page, name);
    }

    /// <summary>
    /// Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails the test listing every violation:
    /// rule, impact, the elements (selectors and markup) and what to fix.
    /// </summary>
    protected async Task CheckAccessibilityAsync(IPage page, string name)
    {
        // A snackbar hides itself a few seconds after it appears: let it go first, or axe (which takes seconds under load)
        // may measure it halfway through its fade-out and report a contrast the reader never sees.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await WaitForSettledAsync(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AxeTags] },
        });

        var report = new StringBuilder();
        var count = 0;
        foreach (var violation in result.Violations)
        {
            var nodes = violation.Nodes.Where(n => !AccessibilityAllowances.IsAllowed(violation.Id, n.Target.ToString())).ToList();
            if (nodes.Count == 0) continue;
            count += nodes.Count;
            report.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help} — {violation.HelpUrl}");
            foreach (var node in nodes)
            {
                report.AppendLine($"    at {node.Target}");
                report.AppendLine($"       {Shorten(node.Html)}");
                var summary = FailureSummary(node);
                if (summary.Length > 0) report.AppendLine("       " + summary);
            }
        }
        Output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0}s] axe '{name}' ({page.Url}): {result.Passes.Length} rules passed, {count} violating elements");
        if (count > 0)
            throw new XunitException($"Accessibility violations (WCAG 2.x A/AA) on '{name}' ({page.Url}):{Environment.NewLine}{report}");
    }

    /// <summary>A full-page PNG under <see cref="Artifacts.ScreenshotsFolder"/>, numbered in the order of the run.</summary>
    protected async Task<string> ScreenshotAsync(IPage page, string name)
    {
        await WaitForSettledAsync(page);
        var number = Interlocked.Increment(ref _screenshotCounter);
        var path = Path.Combine(Artifacts.ScreenshotsFolder, $"{number:000}-{Artifacts.Slug(GetType().Name.Replace("Tests", "", StringComparison.Ordinal))}-{Artifacts.Slug(name)}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0}s] screenshot: {path}");
        return path;
    }

    private static string FailureSummary(AxeResultNode node)
    {
        var anyOf = (node.Any ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        var allOf = (node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        var parts = new List<string>();
        if (anyOf.Count > 0) parts.Add("fix any of: " + string.Join("; ", anyOf));
        if (allOf.Count > 0) parts.Add("fix all of: " + string.Join("; ", allOf));
        return string.Join(" | ", parts).ReplaceLineEndings(" ");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^https?://[^/]+/(?!account/)")]
    private static partial System.Text.RegularExpressions.Regex LeftAccountPages();

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
