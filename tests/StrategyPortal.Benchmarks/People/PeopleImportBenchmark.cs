using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;
using StrategyPortal.Infrastructure;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Benchmarks.People;

/// <summary>
/// <c>people-import [--people 10000] [--delta 100]</c>: a fresh SQLite database with the company and its administrator,
/// a generated people file (8 departments, 40 teams, a director, department heads and team leads, everyone with a
/// manager), then timed through the real <see cref="PeopleImportService"/>: the full sync's preview and apply (all
/// units created), the same file again (nothing to change), and a delta of N rows (moves, renames, leavers, starters)
/// previewed and applied. Prints each time, the CPU time and the peak working set.
/// </summary>
public static class PeopleImportBenchmark
{
    public static async Task<int> RunAsync(int people, int delta)
    {
        var work = Path.Combine(Path.GetTempPath(), "sp-bench-people-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            return await RunInAsync(work, people, delta);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string work, int people, int delta)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(work, "bench.db")}",
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        services.AddLocalization();
        services.AddDataProtection();
        services.AddPortalApplication();
        services.AddPortalInfrastructure(configuration, work);
        var administrator = new BenchUser();
        services.AddSingleton<ICurrentUser>(administrator);
        await using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            var company = new OrgUnit("Bench B.V.", OrgUnitKind.Other, null);
            db.OrgUnits.Add(company);
            await db.SaveChangesAsync();
            var admin = new Person("Bench Administrator", "admin@bench.example", company.Id, PortalRole.Administrator);
            db.People.Add(admin);
            await db.SaveChangesAsync();
            administrator.User = new UserContext(admin.Id, admin.Name, PortalRole.Administrator, company.Id);
        }

        var rows = Generate(people);
        var full = Encode(rows);
        Console.WriteLine($"people file: {people:N0} people, {full.Length / 1024.0:N0} KB");
        var request = new PeopleImportRequest(PeopleSyncMode.Full, CreateUnits: true);

        await using var scope = provider.CreateAsyncScope();
        var imports = scope.ServiceProvider.GetRequiredService<PeopleImportService>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var preview = await imports.PreviewAsync(full, "hr.csv", request);
        var previewed = clock.Elapsed;
        if (preview.ErrorCount > 0)
        {
            Console.WriteLine($"the file has {preview.ErrorCount} errors: {string.Join(" | ", preview.Errors.Take(5).Select(e => $"{e.Row}/{e.Column}: {e.Message}"))}");
            return 1;
        }
        var applied = await imports.ApplyAsync(full, "hr.csv", request, preview.ConfirmationCode);
        var total = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (applied.Result is not { } result) throw new InvalidOperationException($"not applied: {applied.Refusal}");
        Console.WriteLine($"full sync of {people:N0}: {result.Counts.Created:N0} created, {result.Counts.UnitsCreated} units");
        Console.WriteLine($"  preview {previewed.TotalSeconds:N2} s, apply {(total - previewed).TotalSeconds:N2} s, total {total.TotalSeconds:N2} s (CPU {used.TotalSeconds:N2} s)");

        clock.Restart();
        var again = await imports.ApplyAsync(full, "hr.csv", request, null);
        Console.WriteLine($"  the same file again: {again.Refusal} in {clock.Elapsed.TotalSeconds:N2} s");

        // A delta: a tenth moves to the next team, a tenth renamed, a tenth leaves, a tenth new; the rest of the rows as they are.
        var changed = Delta(rows, delta, people);
        var deltaFile = Encode(changed);
        var deltaRequest = new PeopleImportRequest(PeopleSyncMode.Delta, CreateUnits: false);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var deltaPreview = await imports.PreviewAsync(deltaFile, "delta.csv", deltaRequest);
        previewed = clock.Elapsed;
        var deltaApplied = await imports.ApplyAsync(deltaFile, "delta.csv", deltaRequest, deltaPreview.ConfirmationCode);
        total = clock.Elapsed;
        used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var c = deltaApplied.Preview.Counts;
        Console.WriteLine($"delta of {changed.Count} rows: {c.Created} created, {c.Changed} changed, {c.Moved} moved, {c.Deactivated} deactivated ({deltaApplied.Refusal})");
        Console.WriteLine($"  preview {previewed.TotalSeconds:N2} s, apply {(total - previewed).TotalSeconds:N2} s, total {total.TotalSeconds:N2} s (CPU {used.TotalSeconds:N2} s)");

        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        return 0;
    }

    internal sealed record Row(string Number, string First, string Last, string Email, string Unit, string Manager, string Role, string Active = "ja");

    /// <summary>A director; 8 department heads; per department 5 teams with a lead each; everyone else in a team, reporting to its lead.</summary>
    internal static List<Row> Generate(int people)
    {
        var random = new Random(15);
        string[] first = ["Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess", "Finn", "Sophie", "Noah", "Zoë", "Milan", "Sara", "Bram", "Eva"];
        string[] last = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"];
        var rows = new List<Row>(people) { new("B00001", "Dana", "Directeur", "director@bench.example", "Directie", "", "Director") };
        var leads = new List<(string Number, string Unit)>();
        for (var d = 1; d <= 8; d++)
        {
            var head = $"B{rows.Count + 1:00000}";
            rows.Add(new(head, "Hoofd", $"Afdeling {d}", $"head{d}@bench.example", $"Afdeling {d}", "B00001", "Manager"));
            for (var t = 1; t <= 5; t++)
            {
                var lead = $"B{rows.Count + 1:00000}";
                var unit = $"Afdeling {d}/Team {d}.{t}";
                rows.Add(new(lead, "Lead", $"Team {d}.{t}", $"lead{d}.{t}@bench.example", unit, head, "Manager"));
                leads.Add((lead, unit));
            }
        }
        while (rows.Count < people)
        {
            var n = rows.Count + 1;
            var (lead, unit) = leads[n % leads.Count];
            rows.Add(new($"B{n:00000}", first[random.Next(first.Length)], last[random.Next(last.Length)], $"person{n}@bench.example", unit, lead, "Employee"));
        }
        return rows;
    }

    private static List<Row> Delta(List<Row> rows, int count, int people)
    {
        var employees = rows.Where(r => r.Role == "Employee").ToList();
        var teams = rows.Where(r => r.Role == "Manager" && r.Unit.Contains('/')).ToList();
        var result = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            var row = employees[(i * 97) % employees.Count];
            result.Add((i % 4) switch
            {
                0 => row with { Unit = teams[(i + 1) % teams.Count].Unit, Manager = teams[(i + 1) % teams.Count].Number },
                1 => row with { Last = row.Last + "-Smit" },
                2 => row with { Active = "nee" },
                _ => new Row($"N{people + i:00000}", "Nieuw", $"Persoon {i}", $"new{i}@bench.example", teams[i % teams.Count].Unit, teams[i % teams.Count].Number, "Employee"),
            });
        }
        return result;
    }

    /// <summary>The file; <paramref name="englishEvery"/> &gt; 0 gives every n-th person English instead of Dutch.</summary>
    internal static byte[] Encode(IEnumerable<Row> rows, int englishEvery = 0)
    {
        var text = new StringBuilder("employee_number;first_name;last_name;email;unit;manager_employee_number;role;language;start_date;active\r\n");
        var n = 0;
        foreach (var r in rows)
            text.Append($"{r.Number};{r.First};{r.Last};{r.Email};{r.Unit};{r.Manager};{r.Role};{(englishEvery > 0 && ++n % englishEvery == 0 ? "en" : "nl")};2020-01-01;{r.Active}\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed class BenchUser : ICurrentUser
    {
        public UserContext User { get; set; } = UserContext.Anonymous;
        public Task<UserContext> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(User);
    }
}
