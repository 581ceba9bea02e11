using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// The real portal (PortalApp.Build: same services, pipeline and pages) on a fresh SQLite file,
/// listening on loopback only, with a company of N people, one open pulse, and one extra
/// endpoint that signs a person in without a password (hashing 10,000 passwords is not what is measured).
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, string folder, string url)
    {
        App = app;
        Folder = folder;
        Url = url;
    }

    public WebApplication App { get; }
    public string Folder { get; }
    public string Url { get; }

    public static async Task<BenchHost> StartAsync(int port, IEnumerable<string>? extraArgs = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{port}";
        var app = PortalApp.Build(
        [
            "--urls", url, "--applicationName", "StrategyPortal.Web",
            "--environment", "Production",
            "--Database:Provider=Sqlite", $"--Database:DataFolder={folder}",
            "--Portal:DemoData=false",
            "--Engagement:SchedulerEnabled=false",
            // As in production behind a TLS-terminating balancer: the load run's requests say X-Forwarded-Proto: https
            // from 127.0.0.1, so the portal's Secure cookies and antiforgery work as they do there.
            "--ForwardedHeaders:Enabled=true",
            // Every simulated employee comes from 127.0.0.1: the per-address limits would stop the run.
            "--RateLimits:SignInPerMinute=1000000", "--RateLimits:PulseAnswersPerMinute=1000000", "--RateLimits:LinkAnswersPerAddressPerMinute=1000000",
            "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
            .. extraArgs ?? [],
        ], RequestProbe.AddTo);
        app.MapGet("/bench/sign-in/{personId:int}", async (int personId, SignInManager<PortalUser> signIn, PortalDbContext db) =>
        {
            var user = await db.Users.SingleAsync(u => u.PersonId == personId);
            await signIn.SignInAsync(user, isPersistent: false);
            return Results.NoContent();
        }).AllowAnonymous();
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await app.StartAsync();
        return new BenchHost(app, folder, url);
    }

    /// <summary>A company root, 40 teams below 8 departments, and <paramref name="people"/> people spread over the teams, each with a sign-in account.</summary>
    public static async Task<List<int>> SeedCompanyAsync(IServiceProvider services, int people)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var root = new OrgUnit("Bench B.V.", OrgUnitKind.Other, null);
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync();
        var teams = new List<OrgUnit>();
        for (var d = 0; d < 8; d++)
        {
            var department = new OrgUnit($"Department {d + 1}", OrgUnitKind.Other, root.Id);
            db.OrgUnits.Add(department);
            await db.SaveChangesAsync();
            for (var t = 0; t < 5; t++)
            {
                var team = new OrgUnit($"Team {d + 1}.{t + 1}", OrgUnitKind.Other, department.Id);
                db.OrgUnits.Add(team);
                teams.Add(team);
            }
        }
        await db.SaveChangesAsync();

        var persons = new List<Person>(people);
        for (var i = 0; i < people; i++)
        {
            var person = new Person($"Employee {i}", $"employee{i}@bench.example", teams[i % teams.Count].Id, PortalRole.Employee);
            persons.Add(person);
        }
        persons.Add(new Person("Bench Director", "director@bench.example", root.Id, PortalRole.Director));
        db.People.AddRange(persons);
        await db.SaveChangesAsync();
        var users = persons.Select(p => new PortalUser
        {
            PersonId = p.Id, UserName = p.Email, NormalizedUserName = p.Email.ToUpperInvariant(), Email = p.Email,
            NormalizedEmail = p.Email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        });
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return persons.Where(p => p.Role == PortalRole.Employee).Select(p => p.Id).ToList();
    }

    /// <summary>
    /// A pulse for the whole company with the default bank: one round open today, or <paramref name="rounds"/> quarterly rounds
    /// whose last is open today — or, with <paramref name="lastRoundOpen"/> false, closed (only closed rounds have results).
    /// Returns the last round's id.
    /// </summary>
    public static async Task<(int SurveyId, int RoundId)> SeedPulseAsync(IServiceProvider services, int rounds = 1, bool lastRoundOpen = true, string title = "Bench pulse")
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null);
        var questions = await db.PulseQuestions.Where(q => q.IsActive).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Open: the last round opened yesterday (and closes in 20 days). Closed: it opened a quarter earlier and closed 70 days ago.
        var first = today.AddMonths(-3 * (lastRoundOpen ? rounds - 1 : rounds)).AddDays(-1);
        var survey = new PulseSurvey(title, rounds == 1 ? PulseCadence.Once : PulseCadence.Quarterly, first, first.AddDays(20),
            AnonymityThresholds.Default, questions, [root.Id]);
        db.PulseSurveys.Add(survey);
        await db.SaveChangesAsync();
        var last = 0;
        for (var n = 1; n <= rounds; n++)
        {
            var (opens, closes) = survey.DatesOfRound(n);
            var round = new PulseRound(survey.Id, n, opens, closes);
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            await RoundAudienceRecorder.RecordAsync(db, round, opens);
            last = round.Id;
        }
        return (survey.Id, last);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Acts as one person for application services called outside a request (aggregation benchmark).</summary>
internal sealed class FixedUser(UserContext user) : ICurrentUser
{
    public Task<UserContext> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(user);
}
