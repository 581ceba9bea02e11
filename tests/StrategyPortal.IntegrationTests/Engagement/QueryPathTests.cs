using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// Looks for a path from a participation (who) to a response or comment (what) in the SQL itself: every statement EF
/// sends while a pulse is answered, results are viewed, the CSV is exported, a scorecard is built and the engagement ×
/// customer scatter is computed. No statement may read participations together with responses or comments, and no
/// use case may read both: then no response query can be filtered by anything derived from a participation.
/// On SQLite and on PostgreSQL, whose SQL differs.
/// </summary>
public abstract partial class QueryPathTests(SqlCapturingPortal factory)
{
    private static readonly string[] Answers = ["PulseResponses", "PulseComments"];
    private const string Who = "Participations";

    private async Task<(int Open, int Closed)> RoundsAsync()
    {
        await using var db = factory.NewDbContext();
        var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        var rounds = await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).Take(2).ToListAsync();
        return (rounds[0].Id, rounds[1].Id);
    }

    private void ClearCache() => Assert.IsType<MemoryCache>(factory.Services.GetRequiredService<IMemoryCache>()).Clear();

    /// <summary>
    /// The statements EF ran during <paramref name="useCase"/> (one command may hold several statements). The cache is
    /// emptied first (a closed round's figures are kept a while), so every query of the use case runs.
    /// </summary>
    private async Task<IReadOnlyList<string>> StatementsOfAsync(Func<Task> useCase)
    {
        ClearCache();
        factory.Sql.Clear();
        await useCase();
        return factory.Sql.Commands.SelectMany(c => c.Split(';')).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }

    /// <summary>The anonymous tables a statement reads (after FROM or JOIN, subqueries included).</summary>
    private static HashSet<string> Reads(string statement) =>
        ReadTable().Matches(statement).Select(m => m.Groups["table"].Value).Where(t => t == Who || Answers.Contains(t)).ToHashSet();

    private static void AssertNoPath(string useCase, IReadOnlyList<string> statements)
    {
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var reads = Reads(statement);
            Assert.False(reads.Contains(Who) && reads.Overlaps(Answers), $"{useCase}: one statement reads participations with answers:\n{statement}");
            var mentions = Answers.Where(t => statement.Contains($"\"{t}\"", StringComparison.Ordinal)).ToList();
            Assert.False(mentions.Count > 0 && statement.Contains($"\"{Who}\"", StringComparison.Ordinal), $"{useCase}: one statement names participations and answers:\n{statement}");
        }
        var readsWho = statements.Any(s => Reads(s).Contains(Who));
        var readsAnswers = statements.Any(s => Reads(s).Overlaps(Answers));
        Assert.False(readsWho && readsAnswers, $"{useCase}: reads participations and answers in one use case:\n{string.Join("\n---\n", statements.Where(s => Reads(s).Count > 0))}");
    }

    [Fact]
    public void The_check_finds_a_join_a_subquery_and_two_reads_in_one_use_case()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoPath("join",
            ["SELECT r.\"Answers\" FROM \"PulseResponses\" AS r INNER JOIN \"Participations\" AS p ON p.\"RoundId\" = r.\"RoundId\""]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoPath("subquery",
            ["SELECT c.\"Text\" FROM \"PulseComments\" AS c WHERE EXISTS (SELECT 1 FROM \"Participations\" AS p WHERE p.\"PersonId\" = @id)"]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoPath("two reads",
            ["SELECT p.\"RoundId\" FROM \"Participations\" AS p WHERE p.\"PersonId\" = @id", "SELECT r.\"Answers\" FROM \"PulseResponses\" AS r WHERE r.\"RoundId\" = @round"]));
        AssertNoPath("apart", ["INSERT INTO \"Participations\" (\"PersonId\", \"RoundId\") VALUES (@p0, @p1)", "INSERT INTO \"PulseResponses\" (\"Id\") VALUES (@p2)"]);
    }

    [Fact]
    public async Task Answering_a_pulse_reads_participation_and_writes_answers_but_never_reads_an_answer()
    {
        var (open, _) = await RoundsAsync();
        var person = await factory.AddInvitedPersonAsync("Path Tester");
        using var client = await factory.SignedInClientAsync(person.Email, person.Password);

        var statements = await StatementsOfAsync(async () =>
        {
            var page = await client.GetPageAsync($"/pulses/{open}");
            using var response = await client.Http.PostAsync($"/pulses/{open}", HtmlForm.WithHandler(page, "pulse-answer").Fill(PulseAnsweringTests.Answers(page, "Een opmerking")));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        });

        AssertNoPath("answering", statements);
        // The capture saw the use case: the "already answered?" check and the three inserts.
        Assert.Contains(statements, s => Reads(s).Contains(Who));
        foreach (var table in new[] { Who, "PulseResponses", "PulseComments" })
            Assert.Contains(statements, s => s.StartsWith($"INSERT INTO \"{table}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Viewing_results_of_a_closed_and_an_open_round_never_reads_both()
    {
        var (open, closed) = await RoundsAsync();
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        await using var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email);
        var forDirector = director.Get<EngagementResultsService>();
        var forManager = manager.Get<EngagementResultsService>();

        var closedRound = await StatementsOfAsync(async () =>
        {
            await forDirector.GetRoundsAsync();
            await forDirector.GetResultsAsync(closed);
            await forManager.GetResultsAsync(closed);
        });
        var openRound = await StatementsOfAsync(() => forDirector.GetResultsAsync(open));

        AssertNoPath("results of a closed round", closedRound);
        AssertNoPath("results of an open round", openRound);
        Assert.Contains(closedRound, s => Reads(s).Contains("PulseResponses"));
        Assert.Contains(closedRound, s => Reads(s).Contains("PulseComments"));
        // An open round: only participation (its response rate), never an answer.
        Assert.Contains(openRound, s => Reads(s).Contains(Who));
        Assert.DoesNotContain(openRound, s => Reads(s).Overlaps(Answers));
    }

    [Fact]
    public async Task Exporting_the_results_csv_never_reads_both()
    {
        var (open, closed) = await RoundsAsync();
        using var director = await factory.SignedInClientAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);

        var statements = await StatementsOfAsync(async () =>
        {
            using var csv = await director.GetAsync($"/engagement/results/{closed}/export");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        });
        var refused = await StatementsOfAsync(async () =>
        {
            using var response = await director.GetAsync($"/engagement/results/{open}/export");
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        });

        AssertNoPath("CSV export", statements);
        AssertNoPath("CSV export of an open round (refused)", refused);
        Assert.Contains(statements, s => Reads(s).Contains("PulseResponses"));
        Assert.DoesNotContain(refused, s => Reads(s).Overlaps(Answers));
    }

    [Fact]
    public async Task Building_a_scorecard_and_the_engagement_scatter_never_read_both()
    {
        var quarter = Quarter.Of(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        int klantenservice;
        await using (var db = factory.NewDbContext()) klantenservice = (await db.OrgUnits.SingleAsync(u => u.Name == "Klantenservice")).Id;

        await using var anonymous = factory.AsAnonymous();
        var builder = anonymous.Get<IScorecardDataBuilder>();
        var scorecard = await StatementsOfAsync(async () =>
        {
            var company = await builder.BuildAsync(new ScorecardRequest(quarter.Previous, null));
            Assert.True(company.Engagement.HasPulse);
            await builder.BuildAsync(new ScorecardRequest(quarter.Previous, klantenservice));
            await builder.BuildAsync(new ScorecardRequest(quarter, null)); // the quarter whose round is open
        });
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var scores = director.Get<CustomerScoreService>();
        var scatter = await StatementsOfAsync(async () =>
        {
            var from = quarter;
            for (var i = 1; i < CustomerScoreService.TrendQuarters; i++) from = from.Previous;
            var comparison = await scores.GetEngagementComparisonAsync(from, quarter);
            Assert.True(comparison.EngagementAvailable);
        });

        AssertNoPath("scorecard", scorecard);
        AssertNoPath("engagement × customer scatter", scatter);
        Assert.Contains(scorecard, s => Reads(s).Contains("PulseResponses"));
        Assert.Contains(scatter, s => Reads(s).Contains("PulseResponses"));
    }

    [GeneratedRegex("\\b(?:FROM|JOIN)\\s+\"(?<table>\\w+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ReadTable();
}

/// <summary>A demo portal that also keeps every SQL statement EF runs (command text only; parameter values stay hidden).</summary>
/// <summary>
/// A demo portal that captures every SQL command of the process; its background jobs do not run, or their commands (the
/// daily participation count of open rounds, the outbox…) would land in the capture of the use case under test.
/// </summary>
public abstract class SqlCapturingPortal(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    public SqlCapture Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Engagement:SchedulerEnabled", "false");
        builder.UseSetting("Mail:WorkerEnabled", "false");
        builder.UseSetting("Mail:ActionReminders:Enabled", "false");
        builder.UseSetting("Scorecards:WorkerEnabled", "false");
        builder.UseSetting("Promises:RecheckEnabled", "false");
        builder.ConfigureTestServices(services => services.AddLogging(logging => logging
            .AddProvider(Sql)
            .AddFilter<SqlCapture>(DbLoggerCategory.Database.Command.Name, LogLevel.Information)));
    }
}

public sealed class SqliteSqlCapturingPortal() : SqlCapturingPortal(DatabaseProvider.Sqlite);
public sealed class PostgreSqlSqlCapturingPortal() : SqlCapturingPortal(DatabaseProvider.PostgreSql);

/// <summary>Collects the command text of EF's "executed command" log events (the app's other logs pass by).</summary>
public sealed class SqlCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => _commands.ToList();

    public void Clear() => _commands.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName == DbLoggerCategory.Database.Command.Name);

    public void Dispose() { }

    private sealed class Logger(SqlCapture capture, bool commands) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => commands;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!commands || state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
            if (values.FirstOrDefault(v => v.Key == "commandText").Value is string text) capture._commands.Enqueue(text);
        }
    }
}

public sealed class QueryPathTests_Sqlite(SqliteSqlCapturingPortal factory) : QueryPathTests(factory), IClassFixture<SqliteSqlCapturingPortal>;
public sealed class QueryPathTests_PostgreSql(PostgreSqlSqlCapturingPortal factory) : QueryPathTests(factory), IClassFixture<PostgreSqlSqlCapturingPortal>;
