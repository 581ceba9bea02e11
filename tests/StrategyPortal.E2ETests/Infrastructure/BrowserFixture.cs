using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// One headless system Chromium for the whole run (every browser test class is in <see cref="BrowserCollection"/>).
/// Each test gets its own <see cref="IBrowserContext"/> (cookies, storage), which is cheap.
/// Playwright's Node driver comes with the NuGet package (<c>bin/.playwright</c>); browsers are never downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The system Chromium (Debian package <c>chromium</c>); <c>E2E_CHROMIUM</c> points elsewhere.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("E2E_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        // The local Entra-shaped provider's certificate (made by the test run): this one key is accepted besides the system's trust.
        "--ignore-certificate-errors-spki-list=" + StrategyPortal.IntegrationTests.Access.LocalOidcProvider.CertificateSpkiHash,
    ];

    private readonly IMessageSink _diagnostics;
    private IPlaywright? _playwright;

    public BrowserFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need the system Chromium at {ChromiumPath}, and it is missing. Install it with 'sudo apt-get install -y chromium' " +
                "(the repository's test command does this), or set E2E_CHROMIUM to another Chromium binary. Playwright's own browser downloads are not used.");

        Artifacts.Reset();
        _diagnostics.OnMessage(new DiagnosticMessage($"Browser tests: screenshots in {Artifacts.ScreenshotsFolder}, portal logs in {Artifacts.LogsFolder}"));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>All browser test classes share one browser and run one after the other (the machine has few cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
