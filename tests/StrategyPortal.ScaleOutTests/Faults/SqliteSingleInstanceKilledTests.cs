using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.ScaleOutTests.Harness;
using Xunit.Abstractions;

namespace StrategyPortal.ScaleOutTests.Faults;

/// <summary>
/// The embedded database, one instance (the published build, Production), killed outright in the middle of its two
/// longest pieces of work. After a restart a million-row customer-score import is there entirely or not at all (and
/// can be sent again), and a quarter's scorecard issue resumes and is published once and complete.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SqliteSingleInstanceKilledTests(SqliteSingleInstanceKilledTests.Portal fixture, ITestOutputHelper output)
    : IClassFixture<SqliteSingleInstanceKilledTests.Portal>
{
    private const int Units = 50;

    public sealed class Portal : IAsyncLifetime
    {
        public string Folder { get; private set; } = "";
        public string DatabaseFile => Path.Combine(Folder, "portal.db");
        public PortalServices Services { get; private set; } = null!;
        public PortalInstance Instance { get; private set; } = null!;
        public string ApiKey { get; private set; } = "";
        public List<string> UnitNames { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Folder = Artifacts.FolderFor("sqlite-killed");
            var connection = new SqliteConnectionStringBuilder { DataSource = DatabaseFile }.ConnectionString;
            Services = new PortalServices(new Dictionary<string, string> { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = connection });
            await Services.MigrateAsync();
            await Services.SeedDemoCompanyAsync();
            await Company.AddUnitsUpToAsync(Services, Units);
            ApiKey = await ScoreCsv.CreateApiKeyAsync(Services);
            UnitNames = (await ScoreCsv.UnitNamesAsync(Services)).Take(Units).ToList();
            Instance = new PortalInstance("solo", Folder, await PublishedPortal.GetAsync(), new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = connection,
                ["Database:MigrateOnStartup"] = "false",
                ["Portal:DemoData"] = "false",
                ["Scorecards:PollSeconds"] = "1",
                ["Scorecards:Parallelism"] = "1",
                ["Scorecards:LeaseMinutes"] = "0.25",
                ["RateLimits:ApiPerMinute"] = "100000",
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
                // The import stages its upload here, so a test sees what a killed import leaves behind.
                ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(Folder, "tmp")).FullName,
            });
            await Instance.StartAsync();
        }

        public async Task EnsureRunningAsync()
        {
            if (!Instance.IsRunning) await Instance.StartAsync();
        }

        public async Task DisposeAsync()
        {
            await Instance.DisposeAsync();
            await Services.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_million_row_import_killed_mid_write_is_all_or_nothing_after_a_restart()
    {
        await fixture.EnsureRunningAsync();
        var sources = Enumerable.Range(1, 10).Select(i => $"Miljoen {i:00}").ToList();
        const int Days = 400;
        var rows = fixture.UnitNames.Count * ScoreCsv.Channels.Length * Days * sources.Count;
        Assert.Equal(1_000_000, rows);
        var file = Path.Combine(fixture.Folder, "scores.csv");
        await using (var csv = File.Create(file)) ScoreCsv.Write(csv, fixture.UnitNames, Days, sources, seed: 1);
        using var client = new HttpClient { BaseAddress = fixture.Instance.Url, Timeout = TimeSpan.FromMinutes(10) };
        var logged = File.ReadAllLines(fixture.Instance.LogPath).Length;
        var import = ScoreCsv.PostAsync(client, fixture.ApiKey, new StreamContent(File.OpenRead(file)));
        // Killed as soon as the writing pass has begun its transaction: a million rows take it many seconds from there.
        await Eventually.TrueAsync(() => Task.FromResult(import.IsCompleted
                || File.ReadLines(fixture.Instance.LogPath).Skip(logged).Any(l => l.Contains("Customer scores: writing the checked rows", StringComparison.Ordinal))),
            TimeSpan.FromMinutes(5), "the import's writing pass", () => fixture.Instance.LogTail());
        Assert.False(import.IsCompleted, "The import finished before it could be killed.");
        await fixture.Instance.KillAsync();
        Assert.Null(await import);

        output.WriteLine("left in the temporary folder: " + string.Join(", ", Directory.EnumerateFiles(Path.Combine(fixture.Folder, "tmp"), "sp-scores-*")
            .Select(f => $"{Path.GetFileName(f)} ({new FileInfo(f).Length / 1024 / 1024} MB)")));

        await fixture.Instance.StartAsync();
        await using (var db = fixture.Services.NewDbContext())
        {
            var stored = await db.CustomerScoreRecords.CountAsync(r => r.Source.StartsWith("Miljoen"));
            output.WriteLine($"after the kill and a restart: {stored} of {rows} rows");
            Assert.True(stored is 0 or 1_000_000, $"{stored} rows of the killed import are stored");
        }
        await ScoreCsv.AssertSummariesMatchRecordsAsync(fixture.Services);

        // Sent again, it is stored entirely (each row once: the key replaces, never doubles).
        Assert.Equal(HttpStatusCode.OK, await ScoreCsv.PostAsync(client, fixture.ApiKey, new StreamContent(File.OpenRead(file))));
        await using (var db = fixture.Services.NewDbContext())
            Assert.Equal(rows, await db.CustomerScoreRecords.CountAsync(r => r.Source.StartsWith("Miljoen")));
        await ScoreCsv.AssertSummariesMatchRecordsAsync(fixture.Services);
        File.Delete(file);
    }

    [Fact]
    public async Task A_scorecard_issue_killed_mid_way_resumes_after_a_restart_and_is_published_once_and_complete()
    {
        await fixture.EnsureRunningAsync();
        var issueId = await ScorecardIssues.IssueAsync(fixture.Services);

        // The frozen process cannot commit anything more: what is stored now is what the kill leaves.
        var held = await ScorecardIssues.KillWhileItHoldsOneAsync(fixture.Services, fixture.Instance, issueId, () => Task.CompletedTask);
        output.WriteLine($"killed holding scorecard item(s) {string.Join(", ", held.Select(h => h.Id))}");
        await fixture.Instance.StartAsync();
        await ScorecardIssues.WaitUntilFinishedAsync(fixture.Services, issueId, TimeSpan.FromMinutes(5), () => fixture.Instance.LogTail());

        await ScorecardIssues.AssertPublishedOnceAndCompleteAsync(fixture.Services, issueId, Units, fixture.Folder);
        await ScorecardIssues.AssertTakenOverAfterTheLeaseAsync(fixture.Services, issueId, held, fixture.Instance);
    }
}
