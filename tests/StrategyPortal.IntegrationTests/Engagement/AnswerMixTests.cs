using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// An answer writes its participation and its response in one transaction, and the database keeps physical traces of that
/// order: on SQLite each page's cells lie in the order they were written, on PostgreSQL rows carry their transaction id
/// (<c>xmin</c>) and their position (<c>ctid</c>). After the mixer has run, nothing physical follows the order answers came
/// in: rows lie in the order of their keys (random ids), and (PostgreSQL) all of a round's responses share one transaction id.
/// Checked by reading the database as someone with a copy of it would: the SQLite file's pages, PostgreSQL's system columns.
/// </summary>
public abstract class AnswerMixTests(AnswerMixTests.Portal factory)
{
    /// <summary>
    /// A demo portal whose scheduler does not run, so only the test mixes; nor do the other background jobs, whose writes
    /// after a mix (the demo's invitations marked sent, verdicts, reminders) would leave free pages or log behind it.
    /// </summary>
    public abstract class Portal(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engagement:SchedulerEnabled", "false");
            builder.UseSetting("Mail:WorkerEnabled", "false");
            builder.UseSetting("Mail:ActionReminders:Enabled", "false");
            builder.UseSetting("Scorecards:WorkerEnabled", "false");
            builder.UseSetting("Promises:RecheckEnabled", "false");
        }
    }

    protected PortalFactory Factory => factory;

    protected DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>
    /// A round for the whole company from <paramref name="opens"/> to <paramref name="closes"/>, recorded, that <paramref name="answers"/>
    /// invited people answer one after the other, each in a transaction of its own as the answering page does (every other
    /// one with a comment). Returns the round and the response ids in the order they were written.
    /// </summary>
    protected async Task<(int RoundId, List<Guid> Written)> AnsweredRoundAsync(DateOnly opens, DateOnly closes, int answers)
    {
        int roundId, engagement, comment;
        await using (var db = factory.NewDbContext())
        {
            var unitId = (await db.OrgUnits.SingleAsync(u => u.ParentId == null)).Id;
            engagement = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            comment = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.FreeText)).Id;
            var survey = new PulseSurvey("Mengen " + Guid.NewGuid().ToString("N")[..6], PulseCadence.Once, opens, closes,
                AnonymityThresholds.Default, [engagement, comment], [unitId]);
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync();
            var round = new PulseRound(survey.Id, 1, opens, closes);
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            await TestRounds.RecordAsync(db, round);
            roundId = round.Id;
        }
        return (roundId, await AnswerAsync(roundId, answers, engagement, comment));
    }

    /// <summary><paramref name="answers"/> more invited people (who have not answered yet) answer the round, one by one.</summary>
    protected async Task<List<Guid>> AnswerAsync(int roundId, int answers, int? engagement = null, int? comment = null)
    {
        List<PulseInvitation> invited;
        await using (var db = factory.NewDbContext())
        {
            engagement ??= (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            comment ??= (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.FreeText)).Id;
            var answered = db.Participations.Where(p => p.RoundId == roundId).Select(p => p.PersonId);
            invited = await db.PulseInvitations.Where(i => i.RoundId == roundId && !answered.Contains(i.PersonId)).OrderBy(i => i.PersonId).Take(answers).ToListAsync();
        }
        var written = new List<Guid>();
        foreach (var (invitation, i) in invited.Select((x, i) => (x, i)))
        {
            await using var db = factory.NewDbContext();
            var response = PulseResponse.Create(roundId, invitation.UnitId, Today, [new ScaledAnswer(engagement.Value, QuestionKind.Engagement, 1 + i % 5)]);
            db.Participations.Add(new Participation(roundId, invitation.PersonId));
            db.PulseResponses.Add(response);
            if (i % 2 == 0) db.PulseComments.Add(new PulseComment(roundId, invitation.UnitId, comment.Value, $"Opmerking {i}"));
            await db.SaveChangesAsync();
            written.Add(response.Id);
        }
        return written;
    }

    protected async Task<List<string>> ContentAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        var responses = (await db.PulseResponses.AsNoTracking().Where(r => r.RoundId == roundId).ToListAsync())
            .Select(r => $"{r.Id}|{r.UnitId}|{r.AnsweredOn:yyyy-MM-dd}|{r.Answers}|{r.EngagementMean}|{r.Enps}");
        var comments = (await db.PulseComments.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync())
            .Select(c => $"{c.Id}|{c.UnitId}|{c.QuestionId}|{c.Text}");
        return responses.Concat(comments).Order(StringComparer.Ordinal).ToList();
    }

    protected async Task<int?> MixedAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return await db.AnswerMixes.Where(m => m.RoundId == roundId).Select(m => (int?)m.MixedResponses).SingleOrDefaultAsync();
    }

    protected Task<int> MixAsync() => factory.Services.GetRequiredService<AnswerMixer>().MixDueAsync();

    /// <summary>True when the round's responses lie, physically, in the order they were written (the leak this closes).</summary>
    protected abstract Task<bool> ResponsesLieInWrittenOrderAsync(int roundId, IReadOnlyList<Guid> written);

    /// <summary>Asserts that nothing physical about the anonymous tables follows the order rows were written in.</summary>
    protected abstract Task AssertNoWriteOrderAsync(int roundId);

    [Fact]
    public async Task A_closed_rounds_answers_keep_no_order_they_were_written_in_after_mixing()
    {
        var (roundId, written) = await AnsweredRoundAsync(new DateOnly(2021, 9, 6), new DateOnly(2021, 9, 13), 12);
        var content = await ContentAsync(roundId);
        // The leak being closed: the rows lie as they were written.
        Assert.True(await ResponsesLieInWrittenOrderAsync(roundId, written));

        await MixAsync();

        Assert.Equal(12, await MixedAsync(roundId));
        Assert.False(await ResponsesLieInWrittenOrderAsync(roundId, written));
        await AssertNoWriteOrderAsync(roundId);
        Assert.Equal(content, await ContentAsync(roundId));
        // Done once: the next run has nothing to do for it.
        await MixAsync();
        Assert.Equal(12, await MixedAsync(roundId));
    }

    [Fact]
    public async Task An_open_round_is_mixed_once_a_group_of_answers_has_arrived_and_a_last_time_after_it_closes()
    {
        var (roundId, _) = await AnsweredRoundAsync(Today.AddDays(-1), Today.AddDays(5), 4);

        // Four answers: fewer than the minimum group size of 5 since the last mix — they wait.
        await MixAsync();
        Assert.Null(await MixedAsync(roundId));

        await AnswerAsync(roundId, 3);
        await MixAsync();

        Assert.Equal(7, await MixedAsync(roundId));
        await AssertNoWriteOrderAsync(roundId);
    }
}

public sealed class SqliteMixPortal() : AnswerMixTests.Portal(DatabaseProvider.Sqlite);

public sealed class PostgreSqlMixPortal() : AnswerMixTests.Portal(DatabaseProvider.PostgreSql);

/// <summary>SQLite: the file's pages, read after a checkpoint as a copy of the database would show them.</summary>
public sealed class AnswerMixTests_Sqlite(SqliteMixPortal factory) : AnswerMixTests(factory), IClassFixture<SqliteMixPortal>
{
    private string File => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Factory.Database.ConnectionString).DataSource;

    private async Task<SqlitePages> PagesAsync()
    {
        await using (var db = Factory.NewDbContext())
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        return new SqlitePages(File);
    }

    private async Task<Dictionary<string, int>> RootPagesAsync()
    {
        await using var db = Factory.NewDbContext();
        var tables = new[] { "Participations", "PulseResponses", "PulseComments" };
        return (await db.Database.SqlQueryRaw<RootPage>("SELECT name AS Name, rootpage AS Page, tbl_name AS TableName FROM sqlite_schema WHERE rootpage > 0").ToListAsync())
            .Where(r => tables.Contains(r.TableName)).ToDictionary(r => r.Name, r => r.Page);
    }

    public sealed class RootPage
    {
        public string Name { get; set; } = string.Empty;
        public int Page { get; set; }
        public string TableName { get; set; } = string.Empty;
    }

    protected override async Task<bool> ResponsesLieInWrittenOrderAsync(int roundId, IReadOnlyList<Guid> written)
    {
        var pages = await PagesAsync();
        var root = (await RootPagesAsync())["PulseResponses"];
        // PulseResponses is WITHOUT ROWID with key (RoundId, Id): the id is the second value, text.
        var physical = pages.WriteOrder(root).Where(c => Equals(c.Values[0], (long)roundId)).Select(c => Guid.Parse((string)c.Values[1]!)).ToList();
        Assert.Equal(written.Order(), physical.Order());
        return physical.SequenceEqual(written);
    }

    protected override async Task AssertNoWriteOrderAsync(int roundId)
    {
        var pages = await PagesAsync();
        Assert.Equal(0, pages.FreePages);
        Assert.Equal(0, new FileInfo(File + "-wal") is { Exists: true } wal ? wal.Length : 0);
        // The reference: what SQLite lays out from the rows alone, in key order, whenever and however they were written.
        var canonical = Path.Combine(Factory.Database.Folder, $"canonical-{Guid.NewGuid():N}.db");
        await using (var db = Factory.NewDbContext())
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", canonical);
        var reference = new SqlitePages(canonical);
        var roots = await RootPagesAsync();
        foreach (var (name, root) in roots)
        {
            // Every row of every table and index of the anonymous tables sits exactly where the key-order layout puts it:
            // its page and its place in the page follow from the keys, not from when the row was written.
            var actual = Layout(pages.Cells(root));
            var expected = Layout(reference.Cells(root));
            Assert.Equal(expected.Count, actual.Count);
            var moved = expected.Where(e => actual[e.Key] != e.Value).Select(e => e.Key).ToList();
            Assert.True(moved.Count == 0, $"{name}: {moved.Count} of {actual.Count} rows are not where the key order puts them");
        }
        System.IO.File.Delete(canonical);
    }

    /// <summary>
    /// Each row's place: the rank of its page among the structure's pages, and its offset in the page. Ranks, not page
    /// numbers: the portal's own jobs (outbox, audit) may write other tables after the mix, which moves where a copy made
    /// later puts this structure's pages, but not the order of its pages or what lies where in them.
    /// </summary>
    private static Dictionary<string, (int Page, int Offset)> Layout(IEnumerable<SqlitePages.Cell> cells)
    {
        var list = cells.ToList();
        var rank = list.Select(c => c.Page).Distinct().Order().Select((page, i) => (page, i)).ToDictionary(x => x.page, x => x.i);
        return list.ToDictionary(c => string.Join("|", c.Values.Select(v => v is byte[] b ? Convert.ToHexString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))),
            c => (rank[c.Page], c.Offset));
    }
}

/// <summary>PostgreSQL: the system columns <c>xmin</c> (transaction id) and <c>ctid</c> (physical position).</summary>
public sealed class AnswerMixTests_PostgreSql(PostgreSqlMixPortal factory) : AnswerMixTests(factory), IClassFixture<PostgreSqlMixPortal>
{
    private async Task<List<Guid>> ResponsesAsync(int roundId, string order)
    {
        await using var db = Factory.NewDbContext();
        var sql = $"SELECT \"Id\" AS \"Value\" FROM \"PulseResponses\" WHERE \"RoundId\" = {{0}} ORDER BY {order}"; // test-owned text
        return await db.Database.SqlQueryRaw<Guid>(sql, roundId).ToListAsync();
    }

    private async Task<List<string>> XminsAsync(string table, int roundId)
    {
        await using var db = Factory.NewDbContext();
        var sql = $"SELECT xmin::text AS \"Value\" FROM \"{table}\" WHERE \"RoundId\" = {{0}}"; // test-owned names only
        return await db.Database.SqlQueryRaw<string>(sql, roundId).ToListAsync();
    }

    protected override async Task<bool> ResponsesLieInWrittenOrderAsync(int roundId, IReadOnlyList<Guid> written)
    {
        var physical = await ResponsesAsync(roundId, "ctid");
        var participations = await XminsAsync("Participations", roundId);
        var responses = await XminsAsync("PulseResponses", roundId);
        // Written as answered: in that order, each sharing its transaction id with one participation.
        return physical.SequenceEqual(written) && responses.All(r => participations.Count(p => p == r) == 1);
    }

    protected override async Task AssertNoWriteOrderAsync(int roundId)
    {
        // Positions follow the key (random ids), whatever the order of writing.
        Assert.Equal(await ResponsesAsync(roundId, "\"RoundId\", \"Id\""), await ResponsesAsync(roundId, "ctid"));
        // One transaction id for all the round's responses and comments, shared with no participation.
        var participations = await XminsAsync("Participations", roundId);
        var anonymous = (await XminsAsync("PulseResponses", roundId)).Concat(await XminsAsync("PulseComments", roundId)).ToList();
        Assert.Single(anonymous.Distinct());
        Assert.DoesNotContain(anonymous, participations.Contains);
        // No old row version left behind, read from the raw pages (pageinspect): every item of every page of both tables is a
        // live row version (normal line pointer, no deleting transaction).
        await using var db = Factory.NewDbContext();
        await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pageinspect");
        foreach (var table in new[] { "PulseResponses", "PulseComments" })
        {
            var sql = "SELECT count(*)::int AS \"Value\" FROM generate_series(0, (pg_relation_size('\"" + table + "\"') / current_setting('block_size')::int)::int - 1) AS p, " +
                "heap_page_items(get_raw_page('\"" + table + "\"', p)) AS i WHERE i.lp_flags <> 1 OR i.t_xmax <> '0'::xid"; // test-owned names only
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>(sql).SingleAsync());
        }
    }
}
