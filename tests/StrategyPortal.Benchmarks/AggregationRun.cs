using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// Results for a company of N people with R closed quarterly rounds: the whole-company view that the results
/// page loads for the last round (heat map of every unit × item, the trend over all rounds, drivers, comments).
/// Only closed rounds have results and a closed round's figures are cached, so each timed call gets an empty
/// cache: the worst case, the first view after a round closed (or after the cache let it go).
/// </summary>
internal static class AggregationRun
{
    public static async Task<(BenchHost Host, Func<EngagementResultsService> NewService, int RoundId)> PrepareAsync(int employees, int rounds, int port, bool verbose = true)
    {
        var host = await BenchHost.StartAsync(port);
        var seed = Stopwatch.StartNew();
        var people = await BenchHost.SeedCompanyAsync(host.App.Services, employees);
        var (surveyId, lastRound) = await BenchHost.SeedPulseAsync(host.App.Services, rounds, lastRoundOpen: false);
        await SeedResponsesAsync(host.App.Services, surveyId);
        if (verbose) Console.WriteLine($"seeded {people.Count} people, {rounds} rounds with answers in {seed.Elapsed.TotalSeconds:0.0} s");

        var factory = new DirectFactory(host.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>());
        await using var db = await factory.CreateAsync();
        var director = await db.People.SingleAsync(p => p.Role == PortalRole.Director);
        var user = new FixedUser(new UserContext(director.Id, director.Name, director.Role, director.OrgUnitId));
        EngagementResultsService NewService() => new(factory, user, new AccessScope(factory), TimeProvider.System,
            new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()),
            new RoundAudienceRecorder(factory, TimeProvider.System));
        return (host, NewService, lastRound);
    }

    public static async Task<int> RunAsync(int employees, int rounds, int repeat, int port)
    {
        Console.WriteLine($"aggregation: {employees} people × {rounds} closed rounds, whole company (heat map + trend), nothing cached, {repeat} timed runs");
        var (host, newService, roundId) = await PrepareAsync(employees, rounds, port);
        await using var _ = host;
        var service = newService();
        var cold = Stopwatch.StartNew();
        await service.GetResultsAsync(roundId);
        Console.WriteLine($"first call (cold: JIT, query compilation, nothing cached): {cold.Elapsed.TotalMilliseconds:0} ms");
        await service.GetResultsAsync(roundId);
        if (Environment.GetEnvironmentVariable("BENCH_BREAKDOWN") == "1")
        {
            var f = host.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            for (var k = 0; k < 3; k++)
            {
                await using var db = await f.CreateDbContextAsync();
                var sw1 = Stopwatch.StartNew();
                var rows = await db.PulseResponses.AsNoTracking().Where(r => r.RoundId == roundId).Select(r => new { r.UnitId, r.Answers }).ToListAsync();
                var t1 = sw1.Elapsed.TotalMilliseconds; sw1.Restart();
                var g = await db.PulseResponses.AsNoTracking().Where(r => r.RoundId == roundId).GroupBy(r => r.UnitId)
                    .Select(x => new { x.Key, N = x.Count(), E = x.Count(r => r.EngagementMean >= 4.0), P = x.Count(r => r.Enps >= 9) }).ToListAsync();
                var t2 = sw1.Elapsed.TotalMilliseconds;
                Console.WriteLine($"breakdown: load {rows.Count} answer rows {t1:0.0} ms; group-by counts {g.Count} units {t2:0.0} ms");
            }
        }
        var times = new List<double>();
        RoundResults? last = null;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < repeat; i++)
        {
            var fresh = newService();
            var sw = Stopwatch.StartNew();
            last = await fresh.GetResultsAsync(roundId);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / repeat;
        times.Sort();
        Console.WriteLine($"CPU time per call (this process, all threads): {cpuPerCall:0.0} ms; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"units in heat map: {last!.Units.Count}, items: {last.Items.Count}, rounds in trend: {last.Trend.Count}, drivers: {last.DriverState}");
        Console.WriteLine($"whole-company results, nothing cached: median {times[times.Count / 2]:0.0} ms, p95 {times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)]:0.0} ms, max {times[^1]:0.0} ms");
        var cached = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            await service.GetResultsAsync(roundId);
            cached.Add(sw.Elapsed.TotalMilliseconds);
        }
        cached.Sort();
        Console.WriteLine($"whole-company results, closed rounds cached (as for ten minutes after a first view): median {cached[cached.Count / 2]:0.0} ms, max {cached[^1]:0.0} ms");
        var ok = times[times.Count / 2] < 200;
        Console.WriteLine(ok ? "RESULT: under 200 ms" : "RESULT: OVER 200 ms");
        return ok ? 0 : 1;
    }

    /// <summary>About 85% of people answer each round, with a unit and round mood; written in batches, shuffled.</summary>
    private static async Task SeedResponsesAsync(IServiceProvider services, int surveyId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(7);
        var rounds = await db.PulseRounds.Where(r => r.SurveyId == surveyId).OrderBy(r => r.Number).ToListAsync();
        var questions = await db.PulseQuestions.Where(q => q.IsActive && q.Kind != QuestionKind.FreeText).OrderBy(q => q.Id).ToListAsync();
        var commentItem = await db.PulseQuestions.SingleAsync(q => q.Code == "COMMENT");
        var people = await db.People.Where(p => p.Role == PortalRole.Employee).Select(p => new { p.Id, p.OrgUnitId }).ToListAsync();
        foreach (var round in rounds)
        {
            var participations = new List<Participation>();
            var responses = new List<PulseResponse>();
            var comments = new List<PulseComment>();
            foreach (var person in people)
            {
                if (random.NextDouble() > 0.85) continue;
                var level = 3.3 + (person.OrgUnitId % 7) * 0.1 + random.NextDouble() * 1.6 - 0.8;
                var answers = questions.Select(q => q.Kind == QuestionKind.Enps
                    ? new ScaledAnswer(q.Id, q.Kind, Math.Clamp((int)Math.Round(level * 2.5 - 2 + random.Next(-2, 3)), 0, 10))
                    : new ScaledAnswer(q.Id, q.Kind, Math.Clamp((int)Math.Round(level + random.Next(-1, 2)), 1, 5))).ToList();
                participations.Add(new Participation(round.Id, person.Id));
                responses.Add(PulseResponse.Create(round.Id, person.OrgUnitId, round.OpensOn.AddDays(random.Next(0, 10)), answers));
                if (random.NextDouble() < 0.1) comments.Add(new PulseComment(round.Id, person.OrgUnitId, commentItem.Id, "Meer tijd voor klanten."));
            }
            foreach (var batch in participations.Chunk(5000)) { db.Participations.AddRange(batch); await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            foreach (var batch in responses.OrderBy(r => r.Id).Chunk(5000)) { db.PulseResponses.AddRange(batch); await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            db.PulseComments.AddRange(comments);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>Contexts without a request behind them (the app's factory asks the signed-in user for the audit log).</summary>
internal sealed class DirectFactory(IDbContextFactory<PortalDbContext> factory) : IPortalDbFactory
{
    public async Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default) => await factory.CreateDbContextAsync(cancellationToken);
}

/// <summary>The same aggregation under BenchmarkDotNet (<c>bdn</c> mode), for a statistically careful figure.</summary>
[MemoryDiagnoser]
public class ResultsAggregationBenchmark
{
    private BenchHost? _host;
    private Func<EngagementResultsService>? _newService;
    private int _roundId;

    [Params(10_000)]
    public int Employees { get; set; }

    [GlobalSetup]
    public void Setup() => (_host, _newService, _roundId) = AggregationRun.PrepareAsync(Employees, 8, 5399, verbose: false).GetAwaiter().GetResult();

    /// <summary>With an empty cache each time (a closed round's figures are otherwise kept for ten minutes).</summary>
    [Benchmark]
    public Task<RoundResults> WholeCompanyResults() => _newService!().GetResultsAsync(_roundId);

    [GlobalCleanup]
    public void Cleanup() => _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
