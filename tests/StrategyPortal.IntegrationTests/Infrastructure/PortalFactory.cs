using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;
using Microsoft.Extensions.Time.Testing;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal (<c>Program</c> → <c>PortalApp.RunAsync</c>) on a test server, over a database of
/// its own. One instance serves one test class (xUnit class fixture); the subclasses at the bottom
/// of this file pick provider and demo data. <c>PortalApp.RunAsync</c> migrates and seeds before it
/// starts the host, and the factory waits for that start, so the database is ready when
/// <see cref="IAsyncLifetime.InitializeAsync"/> returns.
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The environment the tests run the app in: not Development, so production's error handling and settings apply.</summary>
    public const string EnvironmentName = "Testing";

    private readonly ConcurrentDictionary<string, Task<PortalClient>> _shared = new();
    private TestDatabase? _database;

    protected PortalFactory(DatabaseProvider provider, bool demoData, bool productionRateLimits = false)
    {
        Provider = provider;
        DemoData = demoData;
        ProductionRateLimits = productionRateLimits;
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>
    /// Where the clients send their requests: https, as in production. Outside Development the portal's cookies
    /// are Secure, and a client keeps and sends those back over https only (as a browser does).
    /// </summary>
    public static readonly Uri BaseAddress = new("https://localhost");

    public DatabaseProvider Provider { get; }
    public bool DemoData { get; }

    /// <summary>
    /// Whether the sign-in rate limit is the production one. All test requests come from one (unknown)
    /// client address, so the suites that sign in often lift it; the rate-limit suite keeps it.
    /// </summary>
    public bool ProductionRateLimits { get; }

    /// <summary>
    /// The clock rate-limit windows follow: stopped at the start of a whole hour (so at the start of every window of a minute or
    /// an hour), so a window never ends during a test by itself; a test moves it on to see a limit recover.
    /// </summary>
    public FakeTimeProvider RateLimitClock { get; } = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>Warnings and errors the app logged (what an operator would see), newest last.</summary>
    public LogCapture Log { get; } = new();

    /// <summary>The password of the demo accounts (the app's default <c>Portal:Password</c>).</summary>
    public string DemoPassword => Services.GetRequiredService<DemoOptions>().Password;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        // Starting the host runs the app's own start-up: migrations, then the demo seed when switched on.
        await Task.Run(() => Server);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var client in _shared.Values.Where(c => c.IsCompletedSuccessfully)) client.Result.Dispose();
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await CleanUpAsync();
    }

    /// <summary>What a suite's factory started besides the portal (a mail server), stopped after it.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings reach the app as command-line arguments, so they are in place before
        // PortalApp reads Database:* and Portal:* while it registers services.
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:DataFolder", Database.Folder);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Portal:DemoData", DemoData ? "true" : "false");
        if (!ProductionRateLimits) builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        // Mail goes into the test's own folder unless a suite points it at its SMTP server (ExtraSettings).
        builder.UseSetting("Mail:Provider", "Folder");
        builder.UseSetting("Mail:PollSeconds", "1");
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
        // The one deliberate difference from production: password hashing stays PBKDF2 but with far fewer
        // rounds, because the suites hash and check hundreds of passwords on a small machine.
        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.AddSingleton<ILoggerProvider>(Log);
            services.AddKeyedSingleton<TimeProvider>(StrategyPortal.Web.Access.RateLimits.ClockKey, RateLimitClock);
        });
    }

    /// <summary>Settings a suite adds or changes (applied last).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them), asks for English.</summary>
    public PortalClient CreatePortalClient(string acceptLanguage = "en")
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return new PortalClient(http);
    }

    /// <summary>A new client signed in over HTTP with the sign-in form; fails the test when sign-in fails.</summary>
    public async Task<PortalClient> SignedInClientAsync(string email, string? password = null)
    {
        var client = CreatePortalClient();
        await client.SignInOrFailAsync(email, password ?? DemoPassword);
        return client;
    }

    /// <summary>One signed-in client per demo role, shared by the tests of a class (do not sign it out).</summary>
    public Task<PortalClient> SharedClientAsync(PortalRole role) =>
        _shared.GetOrAdd(role.ToString(), _ => SignedInClientAsync(DemoAccount(role).Email));

    /// <summary>One anonymous client shared by the tests of a class (do not sign it in).</summary>
    public Task<PortalClient> SharedAnonymousClientAsync() =>
        _shared.GetOrAdd("(anonymous)", _ => Task.FromResult(CreatePortalClient()));

    public static DemoAccount DemoAccount(PortalRole role) => OrganisationDemoSeed.Accounts.First(a => a.Role == role);

    /// <summary>Meets the password policy (12+ characters, upper, lower, digit, 5 different characters).</summary>
    public const string StrongPassword = "Proef-Wachtwoord-2026";

    /// <summary>
    /// Adds a person with a sign-in account (unless <paramref name="password"/> is null) to the company's
    /// root unit, as the demo administrator does. Tests that change or lock an account use their own
    /// person, so the demo accounts stay usable for the other tests of the class.
    /// </summary>
    public async Task<TestPerson> AddPersonAsync(string name, PortalRole role = PortalRole.Employee, string? password = StrongPassword)
    {
        var email = $"test.{Guid.NewGuid():N}@test.example";
        await using var admin = await AsAsync(DemoAccount(PortalRole.Administrator).Email);
        var organisation = admin.Get<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        var id = await organisation.CreatePersonAsync(new PersonInput { Name = name, Email = email, OrgUnitId = root.Id, Role = role, InitialPassword = password });
        return new TestPerson(id, name, email, password);
    }

    /// <summary>
    /// A person (as <see cref="AddPersonAsync"/>) who is invited to every pulse round that has recorded its audience, as if they
    /// had been in the company's own unit when those rounds opened: a round invites only the people it found when it opened,
    /// and a test that answers the demo rounds needs a person whose password it knows.
    /// </summary>
    public async Task<TestPerson> AddInvitedPersonAsync(string name, PortalRole role = PortalRole.Employee)
    {
        var person = await AddPersonAsync(name, role);
        await using var db = NewDbContext();
        var unitId = await db.People.Where(p => p.Id == person.Id).Select(p => p.OrgUnitId).SingleAsync();
        foreach (var roundId in await db.PulseRoundUnits.Where(u => u.UnitId == unitId).Select(u => u.RoundId).ToListAsync())
            db.PulseInvitations.Add(new PulseInvitation(roundId, person.Id, unitId));
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>
    /// A DI scope whose current user is the person with this e-mail, to call application services
    /// directly (as a circuit would): the authentication state carries the person's id, and
    /// <see cref="ICurrentUser"/> reads the person fresh from the database, as in the app.
    /// </summary>
    public async Task<PersonScope> AsAsync(string email)
    {
        await using var db = NewDbContext();
        var normalised = email.Trim().ToLowerInvariant();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalised)
                     ?? throw new InvalidOperationException($"No person with e-mail {email}.");
        var identity = new ClaimsIdentity(
            [new Claim(PortalClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.GivenName, person.Name)],
            authenticationType: "Test");
        return Scope(new ClaimsPrincipal(identity));
    }

    /// <summary>A DI scope with nobody signed in.</summary>
    public PersonScope AsAnonymous() => Scope(new ClaimsPrincipal(new ClaimsIdentity()));

    private PersonScope Scope(ClaimsPrincipal principal)
    {
        var scope = Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return new PersonScope(scope);
    }

    /// <summary>A context straight on the test database, to arrange and to check what was stored.</summary>
    public PortalDbContext NewDbContext() =>
        Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>A UI string as the app shows it in <paramref name="culture"/>.</summary>
    public string Text<TResource>(string key, string culture = "en", params object[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var localizer = Services.GetRequiredService<IStringLocalizer<TResource>>();
            var text = localizer[key, arguments];
            if (text.ResourceNotFound) throw new InvalidOperationException($"No text '{key}' in {typeof(TResource).Name}.");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

public sealed record TestPerson(int Id, string Name, string Email, string? Password);

public sealed class PersonScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

// The portals the suites run against. A suite takes one of these as a class fixture.
public sealed class SqliteDemoPortal() : PortalFactory(DatabaseProvider.Sqlite, demoData: true);
public sealed class PostgreSqlDemoPortal() : PortalFactory(DatabaseProvider.PostgreSql, demoData: true);
public sealed class SqliteFirstStartPortal() : PortalFactory(DatabaseProvider.Sqlite, demoData: false);
public sealed class PostgreSqlFirstStartPortal() : PortalFactory(DatabaseProvider.PostgreSql, demoData: false);
public sealed class SqliteProductionLimitsPortal() : PortalFactory(DatabaseProvider.Sqlite, demoData: true, productionRateLimits: true);
public sealed class PostgreSqlProductionLimitsPortal() : PortalFactory(DatabaseProvider.PostgreSql, demoData: true, productionRateLimits: true);

/// <summary>Keeps the app's warnings and errors in memory so tests can check what was logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) capture._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
