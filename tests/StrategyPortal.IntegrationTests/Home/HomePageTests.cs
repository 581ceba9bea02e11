using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Home;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Scorecards;
using UglyToad.PdfPig;

namespace StrategyPortal.IntegrationTests.Home;

/// <summary>
/// The home page of each role: its open work, and for directors and managers the quarter at a glance — whose figures
/// must be the scorecard's own: the same numbers, formatted the same, as the cover of the scorecard PDF of that quarter.
/// </summary>
public abstract partial class HomePageTests(PortalFactory factory)
{
    private static readonly string[] Figures = ["standards-green", "promises", "engaged", "enps", "nps", "csat"];

    [Theory]
    [InlineData(PortalRole.Director, null)]
    [InlineData(PortalRole.Manager, "Klantenservice")]
    public async Task The_quarter_at_a_glance_shows_exactly_the_figures_of_the_scorecard_cover(PortalRole role, string? unitName)
    {
        var client = await factory.SharedClientAsync(role);
        var html = await client.GetPageAsync("/");
        var quarter = Quarter.Of(DateTime.UtcNow).Previous;
        int? unitId = unitName is null ? null : await UnitIdAsync(unitName);

        using var response = await client.GetAsync(ScorecardEndpoints.DraftUrl(quarter, unitId, "en"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cover = CoverText(await response.Content.ReadAsByteArrayAsync());

        foreach (var figure in Figures)
        {
            var shown = GlanceValue(html, figure);
            Assert.False(string.IsNullOrWhiteSpace(shown), figure);
            Assert.Contains(shown, cover);
        }

        // And they are the figures of the scorecard's data (the builder the PDF is drawn from), read in one place.
        await using var reader = await factory.AsAsync(PortalFactory.DemoAccount(role).Email);
        var data = await reader.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(quarter, unitId));
        var figures = ScorecardKeyFigures.Of(data);
        var english = System.Globalization.CultureInfo.GetCultureInfo("en");
        Assert.Equal(ScorecardFormat.Percent(figures.StandardsGreen, english), GlanceValue(html, "standards-green"));
        Assert.Equal(ScorecardFormat.Score(figures.Nps, english), GlanceValue(html, "nps"));
        Assert.Equal(ScorecardFormat.Percent(figures.Csat, english), GlanceValue(html, "csat"));
        var glance = await reader.Get<HomeService>().GetGlanceAsync();
        Assert.Equal(figures, glance!.Figures);
    }

    [Fact]
    public async Task Employees_and_administrators_get_no_quarter_at_a_glance()
    {
        foreach (var role in new[] { PortalRole.Employee, PortalRole.Administrator })
        {
            var html = await (await factory.SharedClientAsync(role)).GetPageAsync("/");
            Assert.False(Page.HasTestId(html, "glance"), role.ToString());
            Assert.True(Page.HasTestId(html, "open-work"), role.ToString());
        }
    }

    [Fact]
    public async Task The_demo_employee_is_asked_to_answer_the_open_pulse()
    {
        var html = await (await factory.SharedClientAsync(PortalRole.Employee)).GetPageAsync("/");
        var item = OpenWorkItems().Matches(html).Select(m => (Kind: m.Groups["kind"].Value, Body: m.Groups["body"].Value)).ToList();
        var pulse = Assert.Single(item, i => i.Kind == nameof(OpenWorkKind.AnswerPulse));
        Assert.Matches(@"href=""/pulses/\d+""", pulse.Body);
    }

    [Fact]
    public async Task A_manager_sees_the_standards_of_their_units_that_still_need_a_result()
    {
        await using var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email);
        var work = await manager.Get<HomeService>().GetOpenWorkAsync();
        var quarter = Quarter.Of(DateTime.UtcNow);

        await using var db = factory.NewDbContext();
        var units = await db.OrgUnits.Where(u => u.Name == "Klantenservice" || u.Name == "Webcare").Select(u => u.Id).ToListAsync();
        var active = await db.ServiceStandards.Include(s => s.Versions).Where(s => units.Contains(s.OwnerUnitId)).ToListAsync();
        var withResult = await db.StandardResults.Where(r => r.QuarterKey == quarter.Key).Select(r => r.StandardId).ToListAsync();
        var expected = active.Count(s => s.VersionFor(quarter) is { Status: Domain.Standards.StandardStatus.Active } && !withResult.Contains(s.Id));

        var missing = work.SingleOrDefault(w => w.Kind == OpenWorkKind.MissingResults);
        Assert.Equal(expected, missing?.Count ?? 0);
    }

    private static string GlanceValue(string html, string figure)
    {
        var match = Regex.Match(html, $"data-testid=\"glance-{figure}-value\"[^>]*>([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : string.Empty;
    }

    private static string CoverText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
    }

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    [GeneratedRegex(@"data-testid=""open-work-item"" data-kind=""(?<kind>\w+)""(?<body>.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex OpenWorkItems();
}

public sealed class HomePageTests_Sqlite(SqliteDemoPortal factory) : HomePageTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class HomePageTests_PostgreSql(PostgreSqlDemoPortal factory) : HomePageTests(factory), IClassFixture<PostgreSqlDemoPortal>;
