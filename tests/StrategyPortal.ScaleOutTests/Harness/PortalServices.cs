using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// The portal's own services in the test process, on the same database as the instances but never serving a request
/// (the app is built, not started: no hosted service runs here). The tests migrate, seed and read back through them,
/// as an operator's release step and a database query would, and act as a person through application services.
/// </summary>
public sealed class PortalServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    public PortalServices(IReadOnlyDictionary<string, string> settings)
    {
        string[] args =
        [
            "--environment", "Production", "--applicationName", "StrategyPortal.Web",
            "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
            // Migrating a new database asks for a history table that is not there yet; this process serves no files.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=None", "--Logging:LogLevel:Microsoft.AspNetCore.StaticFiles=None",
            // The database-restart scenario saves through these services while PostgreSQL is down: the test counts those failures.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Query=None", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection=None",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        _app = PortalApp.Build(args);
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The release step of docs/operations.md: the instances run with <c>Database:MigrateOnStartup=false</c>.</summary>
    public Task MigrateAsync() => Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();

    /// <summary>The demo company (Noordlicht Retail) into the empty database.</summary>
    public async Task SeedDemoCompanyAsync()
    {
        // As the portal seeds on first start: as the system, since the actions step reads pulse results through their service.
        await using var scope = StrategyPortal.Infrastructure.Access.SystemScope.Create(Services);
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync();
    }

    /// <summary>A DI scope acting as the person with this e-mail (permissions and scope as in a circuit).</summary>
    public async Task<AsyncServiceScope> AsAsync(string email)
    {
        await using var db = NewDbContext();
        var normalised = email.Trim().ToLowerInvariant();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == normalised)
                     ?? throw new InvalidOperationException($"No person with e-mail {email}.");
        var identity = new ClaimsIdentity(
            [new Claim(PortalClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.GivenName, person.Name)],
            authenticationType: "ScaleOutTests");
        var scope = Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }

    public PortalDbContext NewDbContext() => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>
    /// Gives these people sign-in accounts without a password (no hashing: hundreds of PBKDF2 hashes would be most of
    /// the run) — they are signed in by <see cref="SignInCookiesAsync"/>, people who sign in by form have a password.
    /// </summary>
    public async Task CreateAccountsAsync(IEnumerable<(int PersonId, string Email)> people)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (personId, email) in people)
        {
            var result = await users.CreateAsync(new PortalUser { PersonId = personId, UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true });
            if (!result.Succeeded) throw new InvalidOperationException($"No account for {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>
    /// The cookies a browser holds after signing in as this person, issued by the portal's own sign-in code with the
    /// shared key ring in the database: any instance reads them, as it reads a cookie another instance issued.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SignInCookiesAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        signIn.Context = context;
        await signIn.SignInAsync(user, isPersistent: false);
        var cookies = new Dictionary<string, string>();
        PortalSession.Keep(context.Response.Headers.SetCookie, cookies);
        if (cookies.Count == 0) throw new InvalidOperationException($"Signing in {email} set no cookie.");
        return cookies;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
