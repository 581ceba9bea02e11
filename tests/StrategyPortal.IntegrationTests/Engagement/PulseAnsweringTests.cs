using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>The static answering page over HTTP, as a browser without JavaScript uses it.</summary>
public abstract partial class PulseAnsweringTests(PortalFactory factory)
{
    private async Task<(int Open, int Closed)> RoundsAsync()
    {
        await using var db = factory.NewDbContext();
        var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        var rounds = await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).Take(2).ToListAsync();
        return (rounds[0].Id, rounds[1].Id);
    }

    private async Task<(int Participations, int Responses, int Comments)> CountAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return (await db.Participations.CountAsync(p => p.RoundId == roundId), await db.PulseResponses.CountAsync(r => r.RoundId == roundId),
            await db.PulseComments.CountAsync(c => c.RoundId == roundId));
    }

    /// <summary>A full answer for every item the form shows: 4 on the 1–5 items, 9 for eNPS, the comment as given.</summary>
    internal static List<KeyValuePair<string, string>> Answers(string html, string comment = "")
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var name in RadioNames().Matches(html).Select(m => m.Groups[1].Value).Distinct())
            values.Add(new(name, html.Contains($"id=\"{name}-10\"", StringComparison.Ordinal) ? "9" : "4"));
        foreach (Match m in TextareaNames().Matches(html)) values.Add(new(m.Groups[1].Value, comment));
        return values;
    }

    private async Task<PortalClient> NewEmployeeAsync()
    {
        var person = await factory.AddInvitedPersonAsync("Pulse Tester");
        return await factory.SignedInClientAsync(person.Email, person.Password);
    }

    [Fact]
    public async Task An_employee_answers_once_and_a_second_try_is_told_it_already_answered()
    {
        var (open, _) = await RoundsAsync();
        using var client = await NewEmployeeAsync();
        var list = await client.GetPageAsync("/pulses");
        Assert.Contains($"href=\"/pulses/{open}\"", list);
        var page = await client.GetPageAsync($"/pulses/{open}");
        Assert.True(Page.HasTestId(page, "privacy"));
        var form = HtmlForm.WithHandler(page, "pulse-answer");
        var content = form.Fill(Answers(page, "<script>alert(1)</script>"));
        var body = await content.ReadAsStringAsync();
        var before = await CountAsync(open);

        using var first = await client.Http.PostAsync($"/pulses/{open}", new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/pulses/{open}?thanks=true", PortalClient.RedirectTarget(first));
        var thanks = await client.GetPageAsync($"/pulses/{open}?thanks=true");
        Assert.Contains("data-status=\"already-answered\"", thanks);

        // The same post again (a replay, or a double click): refused, nothing more stored.
        using var second = await client.Http.PostAsync($"/pulses/{open}", new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already answered", Page.Text(await second.Content.ReadAsStringAsync()));

        Assert.Equal((before.Participations + 1, before.Responses + 1, before.Comments + 1), await CountAsync(open));
        await using var db = factory.NewDbContext();
        Assert.True(await db.PulseComments.AnyAsync(c => c.RoundId == open && c.Text == "<script>alert(1)</script>"));
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("")]
    public async Task Values_off_the_scale_or_missing_are_refused_with_the_input_kept(string bad)
    {
        var (open, _) = await RoundsAsync();
        using var client = await NewEmployeeAsync();
        var page = await client.GetPageAsync($"/pulses/{open}");
        var answers = Answers(page, "<b>kept</b>");
        var first = answers.First(a => a.Key != "q" && !a.Value.Equals("9", StringComparison.Ordinal));
        answers[answers.IndexOf(first)] = new(first.Key, bad);
        var before = await CountAsync(open);

        using var response = await client.Http.PostAsync($"/pulses/{open}", HtmlForm.WithHandler(page, "pulse-answer").Fill(answers));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(Page.HasTestId(html, "submit-error"));
        Assert.Contains("&lt;b&gt;kept&lt;/b&gt;", html);   // the comment is kept, encoded
        Assert.DoesNotContain("<b>kept</b>", html);
        Assert.Equal(before, await CountAsync(open));
    }

    [Fact]
    public async Task A_closed_round_is_refused_and_nothing_is_stored()
    {
        var (open, closed) = await RoundsAsync();
        using var client = await NewEmployeeAsync();
        var closedPage = await client.GetPageAsync($"/pulses/{closed}");
        Assert.Contains("data-status=\"closed\"", closedPage);
        // A form of the open round, posted to the closed one (a crafted request).
        var page = await client.GetPageAsync($"/pulses/{open}");
        var before = await CountAsync(closed);

        using var response = await client.Http.PostAsync($"/pulses/{closed}", HtmlForm.WithHandler(page, "pulse-answer").Fill(Answers(page)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("data-status=\"closed\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync(closed));
    }

    /// <summary>A one-off pulse with the demo's items for <paramref name="unitName"/> (the company when null), opening on <paramref name="opensOn"/>.</summary>
    private async Task<int> ScheduleRoundAsync(string title, DateOnly opensOn, string? unitName)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        await using var db = factory.NewDbContext();
        var unit = unitName is null ? await db.OrgUnits.SingleAsync(u => u.ParentId == null) : await db.OrgUnits.SingleAsync(u => u.Name == unitName);
        var demo = await db.PulseSurveys.Include(s => s.Items).SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        var surveyId = await admin.Get<PulseScheduleService>().ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = opensOn, ClosesOn = opensOn.AddDays(7),
            QuestionIds = demo.Items.OrderBy(i => i.Position).Select(i => i.QuestionId).ToList(), AudienceUnitIds = [unit.Id],
            MinGroupSize = 5, CommentThreshold = 10,
        });
        return (await db.PulseRounds.SingleAsync(r => r.SurveyId == surveyId)).Id;
    }

    private DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_round_that_has_not_opened_yet_is_refused_and_nothing_is_stored()
    {
        var (open, _) = await RoundsAsync();
        var notYet = await ScheduleRoundAsync("Next week " + Guid.NewGuid().ToString("N")[..6], Today.AddDays(7), null);
        using var client = await NewEmployeeAsync();

        var notYetPage = await client.GetPageAsync($"/pulses/{notYet}");
        Assert.Contains("data-status=\"not-yet-open\"", notYetPage);
        Assert.False(Page.HasTestId(notYetPage, "pulse-form"));
        // A full form of the open round, posted to the one that has not opened (a crafted request).
        var page = await client.GetPageAsync($"/pulses/{open}");
        using var response = await client.Http.PostAsync($"/pulses/{notYet}", HtmlForm.WithHandler(page, "pulse-answer").Fill(Answers(page, "te vroeg")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("data-status=\"not-yet-open\"", await response.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0), await CountAsync(notYet));
    }

    [Fact]
    public async Task A_person_outside_the_audience_is_refused_and_nothing_is_stored()
    {
        var marketingOnly = await ScheduleRoundAsync("Marketing only " + Guid.NewGuid().ToString("N")[..6], Today, "Marketing");
        using var client = await NewEmployeeAsync(); // in the company's own unit, not in Marketing

        using var form = await client.GetAsync($"/pulses/{marketingOnly}");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        var refusedPage = await form.Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"not-in-audience\"", refusedPage);
        Assert.False(Page.HasTestId(refusedPage, "pulse-form"));
        Assert.DoesNotContain($"href=\"/pulses/{marketingOnly}\"", await client.GetPageAsync("/pulses"));
        // A full form for this round, as a Marketing colleague would get it, posted with one's own cookie and token.
        var (open, _) = await RoundsAsync();
        var page = await client.GetPageAsync($"/pulses/{open}");
        using var response = await client.Http.PostAsync($"/pulses/{marketingOnly}", HtmlForm.WithHandler(page, "pulse-answer").Fill(Answers(page, "niet mijn pulse")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-status=\"not-in-audience\"", await response.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0), await CountAsync(marketingOnly));
    }

    [Fact]
    public async Task A_forged_post_without_a_valid_token_is_refused()
    {
        var (open, _) = await RoundsAsync();
        using var victim = await NewEmployeeAsync();
        using var other = await NewEmployeeAsync();
        var page = await victim.GetPageAsync($"/pulses/{open}");
        var answers = Answers(page);
        var before = await CountAsync(open);

        // No token at all (a cross-site form).
        var noToken = new List<KeyValuePair<string, string>>(answers) { new("_handler", "pulse-answer") };
        using var forged = await victim.Http.PostAsync($"/pulses/{open}", new FormUrlEncodedContent(noToken));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Nothing was saved", Page.Text(await forged.Content.ReadAsStringAsync()));
        // Someone else's token, replayed with one's own cookie.
        using var replayed = await other.Http.PostAsync($"/pulses/{open}", HtmlForm.WithHandler(page, "pulse-answer").Fill(answers));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);

        Assert.Equal(before, await CountAsync(open));
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        var (open, _) = await RoundsAsync();
        using var anonymous = factory.CreatePortalClient();
        using var response = await anonymous.GetAsync($"/pulses/{open}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", PortalClient.RedirectTarget(response));
    }

    [Fact]
    public async Task An_employee_sees_no_results_at_all()
    {
        await using var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email);
        var results = employee.Get<EngagementResultsService>();
        await Assert.ThrowsAsync<ForbiddenException>(() => results.GetRoundsAsync());
        using var client = await factory.SharedClientAsync(PortalRole.Employee);
        using var response = await client.GetAsync("/engagement/results");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_sees_only_her_units_suppressed_where_small()
    {
        var (_, closed) = await RoundsAsync();
        await using var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email);
        var service = manager.Get<EngagementResultsService>();

        var results = await service.GetResultsAsync(closed);

        Assert.Equal(["Klantenservice", "Webcare"], results.Units.Select(u => u.Name));
        // Both kinds are there, so the checks below cannot pass by finding none: Klantenservice (12 people) is shown,
        // Webcare (5 people, not all of whom answered) is hidden.
        Assert.Contains(results.Units, u => u.IsShown);
        Assert.Contains(results.Units, u => !u.IsShown);
        foreach (var unit in results.Units.Where(u => !u.IsShown))
        {
            Assert.Null(unit.Shares);
            Assert.Null(unit.Enps);
            Assert.Empty(unit.ItemScores);
        }
        foreach (var unit in results.Units.Where(u => u.IsShown))
        {
            Assert.NotNull(unit.Shares);
            Assert.NotNull(unit.Enps);
            Assert.NotEmpty(unit.ItemScores);
        }
        await using var db = factory.NewDbContext();
        var marketing = await db.OrgUnits.SingleAsync(u => u.Name == "Marketing");
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetResultsAsync(closed, marketing.Id));
    }

    [Fact]
    public async Task A_director_sees_every_unit_suppressed_where_small()
    {
        var (_, closed) = await RoundsAsync();
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);

        var results = await director.Get<EngagementResultsService>().GetResultsAsync(closed);

        Assert.Equal(10, results.Units.Count);
        Assert.True(results.Selected.IsShown);
        Assert.NotNull(results.Selected.Shares);
        Assert.Equal(GroupVisibility.TooFew, results.Units.Single(u => u.Name == "Directie").Visibility);
        Assert.Equal(GroupVisibility.TooFew, results.Units.Single(u => u.Name == "IT").Visibility);
        Assert.All(results.Units.Where(u => !u.IsShown), u => Assert.Null(u.Shares));
    }

    /// <summary>
    /// Answers that arrive together are written in one transaction (PulseAnswerStore). While the database is held by another
    /// writer, the first answer waits in it and the others queue: the next transaction then holds all of them, with a person's
    /// answer twice and one of someone who answered already. The database refuses that batch; written again one by one, every
    /// other answer is stored once and each repeat is refused — nothing lost, nothing twice.
    /// </summary>
    [Fact]
    public async Task Answers_that_arrive_together_are_stored_once_each_and_a_repeat_among_them_is_refused()
    {
        var roundId = await ScheduleRoundAsync("Together " + Guid.NewGuid().ToString("N")[..6], Today, null);
        List<(int PersonId, int UnitId)> invited;
        int question;
        await using (var db = factory.NewDbContext())
        {
            var surveyId = await db.PulseRounds.Where(r => r.Id == roundId).Select(r => r.SurveyId).SingleAsync();
            question = (await db.PulseSurveys.Include(s => s.Items).SingleAsync(s => s.Id == surveyId)).Items.OrderBy(i => i.Position).First().QuestionId;
            invited = (await db.PulseInvitations.Where(i => i.RoundId == roundId).OrderBy(i => i.PersonId).Take(9).ToListAsync())
                .Select(i => (i.PersonId, i.UnitId)).ToList();
        }
        Assert.Equal(9, invited.Count);
        var store = factory.Services.GetRequiredService<IPulseAnswerStore>();
        PulseAnswerRows Rows((int PersonId, int UnitId) p) => new(new Participation(roundId, p.PersonId),
            PulseResponse.Create(roundId, p.UnitId, Today, [new ScaledAnswer(question, QuestionKind.Engagement, 4)]), [new PulseComment(roundId, p.UnitId, question, "samen")]);
        Assert.True(await store.StoreAsync(Rows(invited[0])));

        // The first of the rest, then every other one, and the first person's and the second person's answers again.
        var queued = new[] { invited[1] }.Concat(invited.Skip(2)).Append(invited[0]).Append(invited[1]).ToList();
        var returned = 0;
        var calls = new Task<bool>[queued.Count];
        var starters = new List<Task>();
        await using (var blocker = factory.NewDbContext())
        {
            await blocker.Database.OpenConnectionAsync();
            await using var hold = await blocker.Database.BeginTransactionAsync();
            // Another writer holds the database: SQLite's write lock (an insert of nothing), PostgreSQL's lock on the table.
            if (blocker.Database.IsSqlite()) await blocker.Database.ExecuteSqlRawAsync("DELETE FROM \"Participations\" WHERE \"RoundId\" = -1");
            else await blocker.Database.ExecuteSqlRawAsync("LOCK TABLE \"Participations\" IN SHARE ROW EXCLUSIVE MODE");
            for (var n = 0; n < queued.Count; n++)
            {
                var (index, answer) = (n, queued[n]);
                starters.Add(Task.Run(() =>
                {
                    calls[index] = store.StoreAsync(Rows(answer));
                    Interlocked.Increment(ref returned);
                }));
            }
            // Every call but the one that writes (and waits for the lock; on SQLite its thread waits) has queued its answer and returned.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref returned) < queued.Count - 1 && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.True(Volatile.Read(ref returned) >= queued.Count - 1);
            await hold.RollbackAsync();
        }
        await Task.WhenAll(starters);
        var results = await Task.WhenAll(calls);

        Assert.Equal(queued.Count - 2, results.Count(stored => stored));
        Assert.False(results[^2]);
        // The second person's answer is stored once: by whichever of its two calls came first.
        Assert.Equal(1, new[] { results[0], results[^1] }.Count(stored => stored));
        Assert.Equal((9, 9, 9), await CountAsync(roundId));
        await using (var db = factory.NewDbContext())
            Assert.Equal(invited.Select(i => i.PersonId).Order(), await db.Participations.Where(p => p.RoundId == roundId).Select(p => p.PersonId).OrderBy(id => id).ToListAsync());
    }

    [GeneratedRegex("type=\"radio\" id=\"q\\d+-\\d+\" name=\"(q\\d+)\"")]
    private static partial Regex RadioNames();

    [GeneratedRegex("<textarea id=\"(q\\d+)\"[^>]*name=\"q\\d+\"")]
    private static partial Regex TextareaNames();
}

public sealed class PulseAnsweringTests_Sqlite(SqliteDemoPortal factory) : PulseAnsweringTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PulseAnsweringTests_PostgreSql(PostgreSqlDemoPortal factory) : PulseAnsweringTests(factory), IClassFixture<PostgreSqlDemoPortal>;
