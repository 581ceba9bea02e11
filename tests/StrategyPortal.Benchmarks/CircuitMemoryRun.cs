using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// What an open interactive page costs the server: the real portal (PortalApp.Build, Production, demo company on a fresh
/// SQLite file) on loopback, a headless system Chromium opening pages as the administrator (the director for
/// scorecards), N tabs of each page kept open. After each page's tabs are open and settled, a full blocking compacting
/// collection, then the managed heap and the process's working set; the growth divided by N is that page's cost per
/// circuit. Every page is opened once first (warm), so compiled code and caches are not counted against the circuits.
/// </summary>
internal static class CircuitMemoryRun
{
    private const string Administrator = "beheerder@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";
    private const string Password = "Noordlicht-Demo-2026";

    private static readonly (string Path, string Account)[] Pages =
    [
        ("/", Administrator), ("/my-standards", Administrator), ("/strategy", Administrator), ("/standards", Administrator),
        ("/organisation/units", Administrator), ("/organisation/people", Administrator), ("/engagement/results", Administrator),
        ("/engagement/pulses", Administrator), ("/engagement/questions", Administrator), ("/customer-scores", Administrator),
        ("/customer-scores/engagement", Administrator), ("/promises", Administrator), ("/capabilities", Administrator),
        ("/signals", Administrator), ("/audit", Administrator), ("/admin/api-keys", Administrator), ("/scorecards", Director),
    ];

    public static async Task<int> RunAsync(int perPage, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sp-circuits-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{port}";
        var app = PortalApp.Build(
        [
            "--urls", url, "--applicationName", "StrategyPortal.Web", "--environment", "Production", "--contentRoot", AppContext.BaseDirectory,
            "--Database:Provider=Sqlite", $"--Database:DataFolder={folder}", "--Portal:DemoData=true",
            // Requests say X-Forwarded-Proto: https from loopback, as behind the TLS-terminating balancer (Secure cookies).
            "--ForwardedHeaders:Enabled=true", "--RateLimits:SignInPerMinute=1000",
            "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
        // Production from the build output (not published): blazor.web.js and MudBlazor's files through the static web assets manifest.
        ], builder => builder.WebHost.UseStaticWebAssets());
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(seedDemoData: true);
            await app.StartAsync();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("E2E_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
            });
            var contexts = new Dictionary<string, IBrowserContext>();
            foreach (var account in Pages.Select(p => p.Account).Distinct())
                // localhost, not 127.0.0.1: the browser keeps the portal's Secure cookies over plain http only for localhost.
                contexts[account] = await SignedInAsync(browser, $"http://localhost:{port}", account);

            Console.WriteLine($"circuit memory: {Pages.Length} pages × {perPage} tabs, Production, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            foreach (var (path, account) in Pages) await OpenAsync(contexts[account], path);
            var before = Measure();
            Console.WriteLine($"warm, one tab of each page open: managed heap {before.Heap / 1048576.0:0.0} MB, working set {before.WorkingSet / 1048576.0:0.0} MB");
            var rows = new List<(string Path, double Heap, double WorkingSet)>();
            var previous = before;
            foreach (var (path, account) in Pages)
            {
                for (var i = 0; i < perPage; i++) await OpenAsync(contexts[account], path);
                var now = Measure();
                rows.Add((path, (now.Heap - previous.Heap) / (double)perPage, (now.WorkingSet - previous.WorkingSet) / (double)perPage));
                previous = now;
            }
            Console.WriteLine();
            Console.WriteLine("| page | managed heap per open page | working set per open page |");
            Console.WriteLine("|---|---|---|");
            foreach (var row in rows.OrderByDescending(r => r.Heap))
                Console.WriteLine($"| `{row.Path}` | {row.Heap / 1024:0} KB | {row.WorkingSet / 1024:0} KB |");
            var heaviest = rows.OrderByDescending(r => r.Heap).Take(5).ToList();
            Console.WriteLine();
            Console.WriteLine($"five heaviest pages, mean per open page: managed heap {heaviest.Average(r => r.Heap) / 1024:0} KB, working set {heaviest.Average(r => r.WorkingSet) / 1024:0} KB");
            Console.WriteLine($"all {rows.Count * perPage} tabs: managed heap {(previous.Heap - before.Heap) / 1048576.0:0.0} MB, working set {(previous.WorkingSet - before.WorkingSet) / 1048576.0:0.0} MB; " +
                              $"end: managed heap {previous.Heap / 1048576.0:0.0} MB, working set {previous.WorkingSet / 1048576.0:0.0} MB");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<IBrowserContext> SignedInAsync(IBrowser browser, string url, string email)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url, Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" },
        });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    /// <summary>A new tab on the page, left open once its circuit runs and its data has arrived.</summary>
    private static async Task OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator(".mud-layout[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}
