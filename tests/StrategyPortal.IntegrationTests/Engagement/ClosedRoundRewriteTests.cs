using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// On PostgreSQL an answer's participation and response are written in one transaction, so both rows carry its id in
/// <c>xmin</c> — a pairing anyone with direct database access could read. Once the round has closed, the scheduler's
/// rewrite puts the round's responses and comments back in random order in one transaction of its own.
/// </summary>
public sealed class ClosedRoundRewriteTests(ClosedRoundRewriteTests.Portal factory) : IClassFixture<ClosedRoundRewriteTests.Portal>
{
    /// <summary>A PostgreSQL demo portal whose scheduler does not run, so only the test rewrites.</summary>
    public sealed class Portal() : PortalFactory(DatabaseProvider.PostgreSql, demoData: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engagement:SchedulerEnabled", "false");
        }
    }

    public sealed class Row
    {
        public string Key { get; set; } = string.Empty;
        public string Xmin { get; set; } = string.Empty;
    }

    private DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>A round from <paramref name="opens"/> to <paramref name="closes"/> that <paramref name="answers"/> people answered one by one, as the answering page does (every other one with a comment).</summary>
    private async Task<(int RoundId, List<Guid> WrittenOrder)> AnsweredRoundAsync(DateOnly opens, DateOnly closes, int answers)
    {
        int roundId, unitId, engagement, comment;
        List<int> people;
        await using (var db = factory.NewDbContext())
        {
            unitId = (await db.OrgUnits.SingleAsync(u => u.ParentId == null)).Id;
            engagement = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            comment = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.FreeText)).Id;
            var survey = new PulseSurvey("Herschrijven " + Guid.NewGuid().ToString("N")[..6], PulseCadence.Once, opens, closes,
                AnonymityThresholds.Default, [engagement, comment], [unitId]);
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync();
            var round = new PulseRound(survey.Id, 1, opens, closes);
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            roundId = round.Id;
            people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(answers).ToListAsync();
        }
        var order = new List<Guid>();
        for (var i = 0; i < answers; i++)
        {
            await using var db = factory.NewDbContext();
            var response = PulseResponse.Create(roundId, unitId, opens, [new ScaledAnswer(engagement, QuestionKind.Engagement, 1 + i % 5)]);
            db.Participations.Add(new Participation(roundId, people[i]));
            db.PulseResponses.Add(response);
            if (i % 2 == 0) db.PulseComments.Add(new PulseComment(roundId, unitId, comment, $"Opmerking {i}"));
            await db.SaveChangesAsync();
            order.Add(response.Id);
        }
        return (roundId, order);
    }

    private async Task<List<Row>> XminsAsync(string table, string key, int roundId)
    {
        await using var db = factory.NewDbContext();
        var sql = $"SELECT \"{key}\"::text AS \"Key\", xmin::text AS \"Xmin\" FROM \"{table}\" WHERE \"RoundId\" = {{0}}"; // test-owned names only
        return await db.Database.SqlQueryRaw<Row>(sql, roundId).ToListAsync();
    }

    private async Task<List<string>> AnswersAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        var responses = (await db.PulseResponses.AsNoTracking().Where(r => r.RoundId == roundId).ToListAsync())
            .Select(r => $"{r.Id}|{r.UnitId}|{r.AnsweredOn:yyyy-MM-dd}|{r.Answers}|{r.EngagementMean}|{r.Enps}");
        var comments = (await db.PulseComments.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync())
            .Select(c => $"{c.Id}|{c.UnitId}|{c.QuestionId}|{c.Text}");
        return responses.Concat(comments).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_closed_rounds_answers_lose_the_transaction_and_the_order_they_were_written_in()
    {
        var (roundId, writtenOrder) = await AnsweredRoundAsync(new DateOnly(2021, 9, 6), new DateOnly(2021, 9, 13), 20);
        var participations = await XminsAsync("Participations", "PersonId", roundId);
        var before = await XminsAsync("PulseResponses", "Id", roundId);
        var content = await AnswersAsync(roundId);
        // The leak being closed: each participation shares its transaction id with exactly one response.
        Assert.All(participations, p => Assert.Single(before, r => r.Xmin == p.Xmin));

        var rewritten = await factory.Services.GetRequiredService<ClosedRoundRewriter>().RewriteClosedRoundsAsync();

        Assert.True(rewritten >= 1);
        var responses = await XminsAsync("PulseResponses", "Id", roundId);
        var comments = await XminsAsync("PulseComments", "Id", roundId);
        // One transaction id for all of them, shared with no participation; the answers themselves unchanged.
        Assert.Single(responses.Concat(comments).Select(r => r.Xmin).Distinct());
        Assert.DoesNotContain(responses.Concat(comments), r => participations.Any(p => p.Xmin == r.Xmin));
        Assert.Equal(content, await AnswersAsync(roundId));
        Assert.Equal(20, responses.Count);
        Assert.Equal(10, comments.Count);
        // And a new physical order (the chance that 20 rows come back in the order written is 1 in 20!).
        await using (var db = factory.NewDbContext())
        {
            var physical = await db.Database.SqlQueryRaw<Guid>("SELECT \"Id\" AS \"Value\" FROM \"PulseResponses\" WHERE \"RoundId\" = {0} ORDER BY ctid", roundId).ToListAsync();
            Assert.Equal(writtenOrder.Order(), physical.Order());
            Assert.NotEqual(writtenOrder, physical);
        }

        // Done once: the next run leaves it alone.
        await factory.Services.GetRequiredService<ClosedRoundRewriter>().RewriteClosedRoundsAsync();
        Assert.Equal(responses.Select(r => r.Xmin).Distinct(), (await XminsAsync("PulseResponses", "Id", roundId)).Select(r => r.Xmin).Distinct());
    }

    [Fact]
    public async Task A_round_that_is_still_open_is_left_as_it_is()
    {
        var (roundId, _) = await AnsweredRoundAsync(Today.AddDays(-2), Today.AddDays(5), 6);
        var before = await XminsAsync("PulseResponses", "Id", roundId);

        await factory.Services.GetRequiredService<ClosedRoundRewriter>().RewriteClosedRoundsAsync();

        Assert.Equal(before.OrderBy(r => r.Key).Select(r => r.Xmin), (await XminsAsync("PulseResponses", "Id", roundId)).OrderBy(r => r.Key).Select(r => r.Xmin));
        Assert.Equal(6, before.Select(r => r.Xmin).Distinct().Count());
    }
}

/// <summary>On SQLite (no transaction id per row) the rewrite does nothing.</summary>
public sealed class ClosedRoundRewriteTests_Sqlite(SqliteDemoPortal factory) : IClassFixture<SqliteDemoPortal>
{
    [Fact]
    public async Task It_does_nothing_on_sqlite()
    {
        await using var db = factory.NewDbContext();
        var before = await db.PulseResponses.CountAsync();

        Assert.Equal(0, await factory.Services.GetRequiredService<ClosedRoundRewriter>().RewriteClosedRoundsAsync());
        Assert.Equal(before, await db.PulseResponses.CountAsync());
    }
}
