using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>The CSV export of a round's results over HTTP: who may download it, and that it hides what the page hides.</summary>
public abstract class PulseResultsExportTests(PortalFactory factory)
{
    private const string KlantenserviceManager = "manager.klantenservice@noordlicht.example";

    private static string Letters() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    private async Task<int> DemoClosedRoundAsync()
    {
        await using var db = factory.NewDbContext();
        var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        return (await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).Skip(1).FirstAsync()).Id;
    }

    private static List<string[]> Rows(string csv) =>
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();

    /// <summary>
    /// A parent with three teams in a round of its own (threshold 5): A 6 answers, B 2 (too few), C 5 (hidden to protect B).
    /// B: both engaged promoters (100 % engaged, eNPS +100); C: one engaged of five, all promoters.
    /// </summary>
    private async Task<(int Round, string Parent, string A, string B, string C)> RoundWithASmallTeamAsync()
    {
        var suffix = Letters();
        string parentName = "Filialen " + suffix, aName = "Ploeg A " + suffix, bName = "Ploeg B " + suffix, cName = "Ploeg C " + suffix;
        int parent, a, b, c;
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).First(u => u.ParentId is null);
            parent = await organisation.CreateUnitAsync(new UnitInput { Name = parentName, ParentId = root.Id });
            a = await organisation.CreateUnitAsync(new UnitInput { Name = aName, ParentId = parent });
            b = await organisation.CreateUnitAsync(new UnitInput { Name = bName, ParentId = parent });
            c = await organisation.CreateUnitAsync(new UnitInput { Name = cName, ParentId = parent });
        }
        await using var db = factory.NewDbContext();
        var engagementQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
        var enpsQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Enps)).Id;
        var survey = new PulseSurvey("Export " + suffix, PulseCadence.Once, new DateOnly(2021, 5, 3), new DateOnly(2021, 5, 10),
            AnonymityThresholds.Default, [engagementQuestion, enpsQuestion], [parent]);
        db.PulseSurveys.Add(survey);
        await db.SaveChangesAsync();
        var round = new PulseRound(survey.Id, 1, new DateOnly(2021, 5, 3), new DateOnly(2021, 5, 10));
        db.PulseRounds.Add(round);
        await db.SaveChangesAsync();
        // Everyone invited answered: A 6, B 2, C 5 people.
        await TestRounds.StaffAsync(db, a, 6);
        await TestRounds.StaffAsync(db, b, 2);
        await TestRounds.StaffAsync(db, c, 5);
        await TestRounds.RecordAsync(db, round);
        PulseResponse R(int unit, int engagement, int enps) => PulseResponse.Create(round.Id, unit, new DateOnly(2021, 5, 4),
            [new ScaledAnswer(engagementQuestion, QuestionKind.Engagement, engagement), new ScaledAnswer(enpsQuestion, QuestionKind.Enps, enps)]);
        db.PulseResponses.AddRange(
            R(a, 5, 10), R(a, 5, 9), R(a, 5, 8), R(a, 3, 7), R(a, 3, 3), R(a, 1, 2),
            R(b, 5, 10), R(b, 5, 10),
            R(c, 5, 9), R(c, 3, 9), R(c, 3, 9), R(c, 3, 9), R(c, 3, 9));
        await db.SaveChangesAsync();
        return (round.Id, parentName, aName, bName, cName);
    }

    [Fact]
    public async Task The_export_holds_the_shown_figures_and_nothing_of_a_suppressed_group()
    {
        var (round, parent, a, b, c) = await RoundWithASmallTeamAsync();
        var director = await factory.SharedClientAsync(PortalRole.Director);

        using var response = await director.GetAsync($"/engagement/results/{round}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        var rows = Rows(csv);
        // Header + the parent and its three teams; two items (engagement favourable, eNPS): 11 + 2 columns.
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(13, r.Length));
        var byUnit = rows.Skip(1).ToDictionary(r => r[0]);
        Assert.Equal([parent, a, b, c], rows.Skip(1).Select(r => r[0]).ToArray());

        // A: all 6 invited answered; 3 engaged, 2 not, 1 actively disengaged of 6; eNPS 2 promoters, 2 passives, 2 detractors = 0;
        // the engagement item 3/6 favourable. Whole numbers as the page shows them, shares adding up to 100 (largest remainder:
        // 33.3/16.7 → 33/17; three equal thirds → the first gets the spare point, 34/33/33).
        Assert.Equal(["shown", "100", "50", "33", "17", "0", "34", "33", "33", "50", "0"], byUnit[a][2..]);
        // The parent (all 13): engaged 6/13 = 46.2 % → 46, eNPS (9 − 2)/13 = 53.8 → 54.
        Assert.Equal(["46", "54"], new[] { byUnit[parent][4], byUnit[parent][7] });
        // B (too few) and C (protects B): every figure "suppressed" — no share, no eNPS, no count.
        foreach (var hidden in new[] { b, c })
            Assert.All(byUnit[hidden][3..], cell => Assert.Equal("suppressed", cell));
        Assert.Equal("hidden: fewer than 5 answers", byUnit[b][2]);
        Assert.Equal("hidden: protects a smaller group", byUnit[c][2]);
        // No respondent or invited counts anywhere (13, 6, 5 and 2 are the group sizes).
        Assert.DoesNotContain(rows[0], h => h.Contains("invited", StringComparison.OrdinalIgnoreCase) || h.Contains("respond", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_unit_named_like_a_formula_is_written_as_text_and_a_negative_enps_stays_a_number()
    {
        // A unit name is typed by an administrator; opened in a spreadsheet, "=HYPERLINK(…)" would be a live link.
        var name = "=HYPERLINK(\"https://example.invalid\";\"klik\") " + Letters();
        int unit;
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).First(u => u.ParentId is null);
            unit = await organisation.CreateUnitAsync(new UnitInput { Name = name, ParentId = root.Id });
        }
        int roundId;
        await using (var db = factory.NewDbContext())
        {
            var engagementQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            var enpsQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Enps)).Id;
            var survey = new PulseSurvey("Formule " + Letters(), PulseCadence.Once, new DateOnly(2021, 6, 7), new DateOnly(2021, 6, 14),
                AnonymityThresholds.Default, [engagementQuestion, enpsQuestion], [unit]);
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync();
            var round = new PulseRound(survey.Id, 1, new DateOnly(2021, 6, 7), new DateOnly(2021, 6, 14));
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            await TestRounds.StaffAsync(db, unit, 8);
            await TestRounds.RecordAsync(db, round);
            // Five answers, all actively disengaged detractors: engaged 0 %, eNPS −100.
            for (var i = 0; i < 5; i++)
                db.PulseResponses.Add(PulseResponse.Create(round.Id, unit, new DateOnly(2021, 6, 8),
                    [new ScaledAnswer(engagementQuestion, QuestionKind.Engagement, 1), new ScaledAnswer(enpsQuestion, QuestionKind.Enps, 2)]));
            await db.SaveChangesAsync();
            roundId = round.Id;
        }
        var director = await factory.SharedClientAsync(PortalRole.Director);

        var csv = Encoding.UTF8.GetString(await (await director.GetAsync($"/engagement/results/{roundId}/export")).Content.ReadAsByteArrayAsync());

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // The name with a leading quote (text, not a formula), quoted because it holds ";" and quotes (doubled).
        var cell = "\"'" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Assert.StartsWith(cell + ";", lines[1], StringComparison.Ordinal);
        // shown; response rate 5 of 8 invited = 62.5 % → 63 (halves away from zero); engaged 0, not engaged 0, actively disengaged 100; eNPS −100.
        Assert.Equal(["shown", "63", "0", "0", "100", "-100"], lines[1][(cell.Length + 1)..].Split(';')[1..7]);
    }

    [Fact]
    public async Task In_Dutch_a_suppressed_cell_says_onderdrukt()
    {
        var (round, _, _, b, _) = await RoundWithASmallTeamAsync();
        using var director = factory.CreatePortalClient("nl");
        await director.SignInOrFailAsync(PortalFactory.DemoAccount(PortalRole.Director).Email, factory.DemoPassword);

        var csv = Encoding.UTF8.GetString(await (await director.GetAsync($"/engagement/results/{round}/export")).Content.ReadAsByteArrayAsync());

        var row = Rows(csv).Single(r => r[0] == b);
        Assert.All(row[3..], cell => Assert.Equal("onderdrukt", cell));
    }

    [Fact]
    public async Task An_open_round_has_no_export_only_the_day_its_results_appear()
    {
        int open;
        DateOnly closesOn;
        await using (var db = factory.NewDbContext())
        {
            var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
            var round = await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).FirstAsync();
            (open, closesOn) = (round.Id, round.ClosesOn);
            Assert.True(await db.PulseResponses.AnyAsync(r => r.RoundId == open), "the demo's open round has answers to hide");
        }
        var director = await factory.SharedClientAsync(PortalRole.Director);

        using var response = await director.GetAsync($"/engagement/results/{open}/export");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal($"Results appear when the round closes on {closesOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"))}.", body);
    }

    [Fact]
    public async Task An_employee_and_an_anonymous_visitor_are_refused()
    {
        var round = await DemoClosedRoundAsync();
        var employee = await factory.SharedClientAsync(PortalRole.Employee);
        var anonymous = await factory.SharedAnonymousClientAsync();

        using var refused = await employee.GetAsync($"/engagement/results/{round}/export");
        using var signIn = await anonymous.GetAsync($"/engagement/results/{round}/export");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", PortalClient.RedirectTarget(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(signIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_gets_only_their_own_units_and_nothing_of_a_round_they_have_no_unit_in()
    {
        var demoRound = await DemoClosedRoundAsync();
        var (ownRound, _, _, _, _) = await RoundWithASmallTeamAsync();
        using var manager = await factory.SignedInClientAsync(KlantenserviceManager);

        using var response = await manager.GetAsync($"/engagement/results/{demoRound}/export");
        using var elsewhere = await manager.GetAsync($"/engagement/results/{ownRound}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var units = Rows(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())).Skip(1).Select(r => r[0]).ToArray();
        Assert.Equal(["Klantenservice", "Webcare"], units);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }
}

public sealed class PulseResultsExportTests_Sqlite(SqliteDemoPortal factory) : PulseResultsExportTests(factory), IClassFixture<SqliteDemoPortal>;

public sealed class PulseResultsExportTests_PostgreSql(PostgreSqlDemoPortal factory) : PulseResultsExportTests(factory), IClassFixture<PostgreSqlDemoPortal>;
