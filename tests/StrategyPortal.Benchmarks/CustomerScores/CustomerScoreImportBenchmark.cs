using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Benchmarks.CustomerScores;

/// <summary>
/// <c>customer-scores [sqlite|postgres] [rows] [csv path]</c>: builds an empty database with enough units,
/// writes (or reuses) the CSV, imports it through the real import service (both passes, the writer and
/// the summary recomputation), and times the company quarter view over eight quarters. Prints rows/s and
/// the process's peak working set. PostgreSQL needs STRATEGYPORTAL_TEST_PG (a connection string to a
/// throw-away database; see run-postgres.sh).
/// </summary>
public static class CustomerScoreImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Length > 0 ? args[0] : "sqlite";
        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var work = Path.Combine(Path.GetTempPath(), "sp-bench");
        Directory.CreateDirectory(work);
        var csv = args.Length > 2 ? args[2] : Path.Combine(work, $"customer-scores-{rows}.csv");

        string connectionString;
        DatabaseProvider databaseProvider;
        if (provider == "postgres")
        {
            connectionString = Environment.GetEnvironmentVariable("STRATEGYPORTAL_TEST_PG")
                ?? throw new InvalidOperationException("Set STRATEGYPORTAL_TEST_PG to a throw-away PostgreSQL database (see run-postgres.sh).");
            databaseProvider = DatabaseProvider.PostgreSql;
        }
        else
        {
            var file = Path.Combine(work, "bench.db");
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            connectionString = $"Data Source={file}";
            databaseProvider = DatabaseProvider.Sqlite;
        }

        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = databaseProvider.ToString(),
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("StrategyPortal.Infrastructure.CustomerScores", LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true));
        services.AddLocalization();
        services.AddDataProtection();
        services.AddPortalApplication();
        services.AddPortalInfrastructure(configuration, work);
        var director = new BenchUser();
        services.AddSingleton<ICurrentUser>(director);
        await using var provider_ = services.BuildServiceProvider();

        var factory = provider_.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // A throw-away database: start from nothing (EF logs a harmless error when it does not exist yet).
            if (databaseProvider == DatabaseProvider.PostgreSql) await db.Database.EnsureDeletedAsync();
            await db.Database.MigrateAsync();
        }
        var unitNames = await CreateUnitsAsync(factory, ScoreCsvGenerator.UnitsNeeded(rows), director);

        if (!File.Exists(csv))
        {
            var g = Stopwatch.StartNew();
            ScoreCsvGenerator.Write(csv, rows, unitNames);
            Console.WriteLine($"generated {rows:N0} rows ({new FileInfo(csv).Length / 1048576.0:N1} MB) in {g.Elapsed.TotalSeconds:N1} s");
        }

        var before = Process.GetCurrentProcess();
        before.Refresh();
        Console.WriteLine($"working set before import: {before.WorkingSet64 / 1048576.0:N0} MB");

        using var scope = provider_.CreateScope();
        var imports = scope.ServiceProvider.GetRequiredService<CustomerScoreImportService>();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await using var file_ = File.OpenRead(csv);
        using var staged = await imports.StageAsync(file_, Path.GetFileName(csv), file_.Length);
        var checkedAt = total.Elapsed;
        if (staged.Preview is not { CanImport: true } preview)
        {
            Console.WriteLine($"the file has {staged.Preview?.ErrorCount} errors: {string.Join(" | ", staged.Preview?.Errors.Take(5).Select(e => $"{e.Row}/{e.Column}: {e.Message}") ?? [])}");
            return 1;
        }
        var result = await imports.ImportAsync(staged);
        total.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        Console.WriteLine($"provider {databaseProvider}: {result.Rows:N0} rows, {result.Quarters.Count} quarters, {result.UnitIds.Count} units");
        Console.WriteLine($"  check pass (copy + read + validate): {checkedAt.TotalSeconds:N1} s");
        Console.WriteLine($"  write pass (read + write + summaries): {(total.Elapsed - checkedAt).TotalSeconds:N1} s");
        Console.WriteLine($"  total {total.Elapsed.TotalSeconds:N1} s = {result.Rows / total.Elapsed.TotalSeconds:N0} rows/s (both passes)");
        Console.WriteLine($"  CPU time of the import {cpu.TotalSeconds:N1} s = {result.Rows / cpu.TotalSeconds:N0} rows per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB");

        var scores = scope.ServiceProvider.GetRequiredService<CustomerScoreService>();
        var last = result.Quarters[^1];
        var timings = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var sw = Stopwatch.StartNew();
            var view = await scores.GetViewAsync(null, last, null);
            sw.Stop();
            if (i == 0) Console.WriteLine($"  company view {last}: NPS {view.Current.Nps:N1} over {view.Current.Counts.NpsResponses:N0} answers, {view.Trend.Count} quarters");
            if (i >= 5) timings.Add(sw.Elapsed.TotalMilliseconds);
        }
        timings.Sort();
        Console.WriteLine($"  company quarter view (8 quarters): median {timings[timings.Count / 2]:N1} ms, max {timings[^1]:N1} ms over {timings.Count} runs");
        return 0;
    }

    private static async Task<List<string>> CreateUnitsAsync(IDbContextFactory<PortalDbContext> factory, int count, BenchUser director)
    {
        await using var db = await factory.CreateDbContextAsync();
        var company = new OrgUnit("Bench B.V.", OrgUnitKind.Other, null);
        db.OrgUnits.Add(company);
        await db.SaveChangesAsync();
        var names = Enumerable.Range(1, count).Select(i => $"Team {i:000}").ToList();
        foreach (var name in names) db.OrgUnits.Add(new OrgUnit(name, OrgUnitKind.CustomerService, company.Id));
        var person = new Person("Bench Director", "director@bench.example", company.Id, PortalRole.Director);
        db.People.Add(person);
        await db.SaveChangesAsync();
        director.User = new UserContext(person.Id, person.Name, PortalRole.Director, company.Id);
        return names;
    }

    private sealed class BenchUser : ICurrentUser
    {
        public UserContext User { get; set; } = UserContext.Anonymous;
        public Task<UserContext> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(User);
    }
}
