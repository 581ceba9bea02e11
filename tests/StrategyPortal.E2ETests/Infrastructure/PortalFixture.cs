using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// The real portal (<see cref="PortalApp.Build"/>) on Kestrel at a free loopback port, over its own fresh database
/// seeded with the demo company. One per test class (<c>IClassFixture</c>); disposed, database included, at the end.
/// Provider: <c>E2E_DB_PROVIDER</c> = <c>Sqlite</c> (default, a file in a temporary folder) or <c>PostgreSql</c>
/// (a fresh database on the server of <c>E2E_PG_CONNECTION</c>, dropped afterwards).
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "strategyportal-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? _app;
    private string? _postgresDatabase;
    private string? _postgresServer;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The portal's data folder (the SQLite file, and the <c>mail</c> folder of the Folder mail provider).</summary>
    public string DataFolder => _dataFolder;

    /// <summary>The password of every demo account, as the running app has it.</summary>
    public string DemoPassword { get; private set; } = string.Empty;

    public DatabaseProvider Provider { get; } = ProviderFromEnvironment();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The portal has not started.");

    public string LogFile => Path.Combine(Artifacts.LogsFolder, $"portal-{Path.GetFileName(_dataFolder)}.log");

    /// <summary>Whether the portal starts with the demo company (else: a fresh start, with the setup page first).</summary>
    protected virtual bool DemoData => true;

    /// <summary>Settings a derived fixture adds to (or overrides in) the portal's configuration.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>Services a derived fixture adds (test-only trust, never a change of the portal's behaviour).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:DataFolder"] = _dataFolder,
            ["Database:ConnectionString"] = Provider == DatabaseProvider.PostgreSql ? CreatePostgresConnectionString() : $"Data Source={Path.Combine(_dataFolder, "strategyportal.db")}",
            ["Database:MigrateOnStartup"] = "true",
            ["Portal:DemoData"] = DemoData ? "true" : "false",
            // The browser asks for English (see BrowserFixture); the journeys switch to Dutch themselves.
            ["Portal:DefaultCulture"] = "nl",
            ["DetailedErrors"] = "true",
            // Journeys sign in often from 127.0.0.1; the sign-in limit has its own integration tests.
            ["RateLimits:SignInPerMinute"] = "1000",
            // E-mail as .eml files in the data folder (the demo's way), picked up within a second.
            ["Mail:Provider"] = "Folder",
            ["Mail:PollSeconds"] = "1",
        };
        foreach (var (key, value) in ExtraSettings) settings[key] = value;

        var contentRoot = AppContext.BaseDirectory;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            // Under the test runner the entry assembly is testhost; static web assets (MudBlazor's CSS and JS,
            // blazor.web.js) are found through StrategyPortal.Web.staticwebassets.*.json, named after the app.
            "--applicationName", "StrategyPortal.Web",
            "--contentRoot", contentRoot,
        ];
        _app = PortalApp.Build(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new FileLoggerProvider(LogFile));
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);
            ConfigureServices(builder.Services);
        });

        await _app.Services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(seedDemoData: DemoData);
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        DemoPassword = _app.Services.GetRequiredService<DemoOptions>().Password;
        // Kestrel picked the port only now: the links in e-mails point at it.
        _app.Services.GetRequiredService<StrategyPortal.Application.Notifications.MailOptions>().PortalUrl = BaseAddress.ToString();
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null) await DropPostgresDatabaseAsync();
        try { Directory.Delete(_dataFolder, recursive: true); }
        catch (IOException) { /* a temporary folder; the OS cleans up what is still locked */ }
    }

    private static DatabaseProvider ProviderFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("E2E_DB_PROVIDER");
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"E2E_DB_PROVIDER='{value}' is not a provider; use Sqlite or PostgreSql.");
    }

    private string CreatePostgresConnectionString()
    {
        _postgresServer = Environment.GetEnvironmentVariable("E2E_PG_CONNECTION");
        if (string.IsNullOrWhiteSpace(_postgresServer))
            throw new InvalidOperationException("E2E_DB_PROVIDER=PostgreSql needs E2E_PG_CONNECTION, e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Password=...'. Each test class gets its own database on that server.");
        _postgresDatabase = "strategyportal_e2e_" + Guid.NewGuid().ToString("N")[..12];
        // Migrations create the database.
        return new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ConnectionString;
    }

    private async Task DropPostgresDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
