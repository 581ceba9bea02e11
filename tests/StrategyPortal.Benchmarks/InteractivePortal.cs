using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// The real portal (PortalApp.Build, Production, demo company on a fresh SQLite file) serving https on loopback with a
/// certificate made for the run (Production cookies are Secure), and a headless system Chromium to open its
/// interactive pages. Counts the circuits that are open, so a run can wait for closed tabs' circuits to end.
/// </summary>
internal sealed class InteractivePortal : IAsyncDisposable
{
    public const string Administrator = "beheerder@noordlicht.example";
    public const string Director = "directeur@noordlicht.example";
    private const string Password = "Noordlicht-Demo-2026";

    /// <summary>Every navigable page of the demo, with the account that sees most on it.</summary>
    public static readonly (string Path, string Account)[] Pages =
    [
        ("/", Administrator), ("/my-standards", Administrator), ("/strategy", Administrator), ("/standards", Administrator),
        ("/organisation/units", Administrator), ("/organisation/people", Administrator), ("/engagement/results", Administrator),
        ("/engagement/pulses", Administrator), ("/engagement/questions", Administrator), ("/customer-scores", Administrator),
        ("/customer-scores/engagement", Administrator), ("/promises", Administrator), ("/capabilities", Administrator),
        ("/signals", Administrator), ("/audit", Administrator), ("/admin/api-keys", Administrator), ("/scorecards", Director),
    ];

    private readonly OpenCircuits _circuits;
    private readonly string _folder;
    private readonly X509Certificate2 _certificate;
    private IPlaywright? _playwright;

    private InteractivePortal(WebApplication app, OpenCircuits circuits, string folder, X509Certificate2 certificate, string url)
    {
        App = app;
        _circuits = circuits;
        _folder = folder;
        _certificate = certificate;
        Url = url;
    }

    public WebApplication App { get; }
    public string Url { get; }
    public IBrowser Browser { get; private set; } = null!;
    public int OpenCircuitCount => _circuits.Count;

    public static async Task<InteractivePortal> StartAsync(int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sp-circuits-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var certificate = Certificate();
        var circuits = new OpenCircuits();
        var app = PortalApp.Build(
        [
            "--applicationName", "StrategyPortal.Web", "--environment", "Production", "--contentRoot", AppContext.BaseDirectory,
            "--Database:Provider=Sqlite", $"--Database:DataFolder={folder}", "--Portal:DemoData=true",
            "--RateLimits:SignInPerMinute=100000",
            "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
        ], builder =>
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
            // Production from the build output (not published): blazor.web.js and MudBlazor's files through the static web assets manifest.
            builder.WebHost.UseStaticWebAssets();
            builder.Services.AddSingleton<CircuitHandler>(circuits);
        });
        await app.Services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(seedDemoData: true);
        await app.StartAsync();
        var portal = new InteractivePortal(app, circuits, folder, certificate, $"https://localhost:{port}");
        portal._playwright = await Playwright.CreateAsync();
        portal.Browser = await portal._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("E2E_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
        });
        return portal;
    }

    /// <summary>A browser context (one person's cookies) signed in through the sign-in form.</summary>
    public async Task<IBrowserContext> SignedInAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url, Locale = "en-GB", IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
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

    /// <summary>Loads <paramref name="path"/> in <paramref name="page"/> and returns once its circuit runs and its data has arrived.</summary>
    public static async Task LoadAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator(".mud-layout[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Waits until exactly <paramref name="expected"/> circuits are open (closed tabs' circuits have ended).</summary>
    public async Task WaitForCircuitsAsync(int expected)
    {
        var clock = Stopwatch.StartNew();
        while (_circuits.Count != expected)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"{_circuits.Count} circuits open, expected {expected}");
            await Task.Delay(100);
        }
    }

    /// <summary>Managed heap after full blocking compacting collections, and the process's working set.</summary>
    public static (long Heap, long WorkingSet) Measure()
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

    public static string LoadAverage => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _certificate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static X509Certificate2 Certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so Kestrel's TLS stack gets a key it can use on Linux.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Counts the circuits that are open now.</summary>
    private sealed class OpenCircuits : CircuitHandler
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) { Interlocked.Increment(ref _count); return Task.CompletedTask; }
        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) { Interlocked.Decrement(ref _count); return Task.CompletedTask; }
    }
}
