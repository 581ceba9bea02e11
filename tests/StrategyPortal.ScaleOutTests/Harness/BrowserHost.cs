using Microsoft.Playwright;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// A headless system Chromium (<c>/usr/bin/chromium</c>, as the browser tests use) for the scenarios that need a real
/// circuit over a WebSocket through nginx. Trusts the test certificate by ignoring certificate errors: the other
/// clients of these tests check it exactly.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private BrowserHost(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("E2E_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<BrowserHost> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath} (apt-get install chromium; the repository's test command installs it).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            Timeout = 60_000,
        });
        return new BrowserHost(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(Uri balancer)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = balancer.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in form, as a person does.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Until the page's circuit runs: the layout says so only when it renders interactively.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator(".mud-layout[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
