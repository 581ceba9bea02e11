using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Scorecards;
using StrategyPortal.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// The demo company's scorecard, built without a signed-in user and read back from the PDF with PdfPig. Every
/// figure is checked against what the application's own services show the director on screen.
/// </summary>
public abstract partial class ScorecardTests(PortalFactory factory)
{
    private static readonly string DirectorEmail = PortalFactory.DemoAccount(PortalRole.Director).Email;
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The last full quarter of the demo history (the current one is still running).</summary>
    private Quarter Quarter => Quarter.Of(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).Previous;

    [Fact]
    public async Task The_company_scorecard_shows_the_figures_the_application_computes_in_Dutch()
    {
        var data = await BuildAsync(null);
        var pdf = Writer.Write(data, Dutch);
        var pages = PagesOf(pdf);
        var text = string.Join(" ", pages);

        Assert.True(pages.Count >= 8, $"{pages.Count} pages");
        Assert.True(pdf.Length < 400 * 1024, $"{pdf.Length} bytes");
        Assert.Contains($"Pagina 1 van {pages.Count}", pages[0]);
        Assert.Contains("Kwartaalscorecard " + Quarter, pages[0]);
        Assert.DoesNotContain("Page 1 of", text);
        Assert.DoesNotContain("Engaged employees", text);

        await using var director = await factory.AsAsync(DirectorEmail);
        // Engagement: the round of the quarter, the company as the results page shows it.
        var engagement = director.Get<EngagementResultsService>();
        var round = (await engagement.GetRoundsAsync()).Single(r => Quarter.Contains(r.OpensOn));
        var company = await CompanyIdAsync();
        var results = await engagement.GetResultsAsync(round.RoundId, company);
        var shares = results.Selected.Shares!;
        var whole = shares.WholePercentages(); // three shares of one whole, written so they add up to 100
        Assert.Contains(ScorecardFormat.Percent(whole[0], Dutch), pages[0]);
        Assert.Contains(ScorecardFormat.Score(results.Selected.Enps!.Score, Dutch), pages[0]);
        var engagementPage = pages.Single(p => p.Contains("Betrokkenheid van medewerkers") && p.Contains("Gallup"));
        Assert.Contains(ScorecardFormat.Percent(whole[1], Dutch), engagementPage);
        Assert.Contains(ScorecardFormat.Percent(whole[2], Dutch), engagementPage);

        // Customers: the scores page's quarter view of the company.
        var view = await director.Get<CustomerScoreService>().GetViewAsync(null, Quarter, null);
        Assert.Contains(ScorecardFormat.Score(view.Current.Nps, Dutch), pages[0]);
        Assert.Contains(ScorecardFormat.Percent(view.Current.Csat, Dutch), pages[0]);
        var customerPage = pages.First(p => p.Contains("Waarom klanten vertrekken"));
        Assert.Contains(ScorecardFormat.Mean(view.Current.Ces, Dutch), customerPage);
        Assert.Contains(ScorecardFormat.Count(view.Current.Counts.Complaints, Dutch), customerPage);
        Assert.Contains(ScorecardFormat.Score(view.Current.Nps, Dutch), customerPage);

        // Standards: the RAG counts of the standards list for the quarter (those in force then), in the cover's summary sentence.
        var rows = (await director.Get<StandardsService>().ListAsync(new StandardsQuery { Quarter = Quarter, PageSize = 500 })).Items.Where(r => r.InForce).ToList();
        var summary = factory.Text<ScorecardsText>("summary.standards", "nl",
            rows.Count(r => r.Rag == RagStatus.Green), rows.Count(r => r.Rag == RagStatus.Amber), rows.Count(r => r.Rag == RagStatus.Red), rows.Count(r => r.Rag == RagStatus.NoData),
            Terms.InSentence(RagStatus.Green, Dutch), Terms.InSentence(RagStatus.Amber, Dutch), Terms.InSentence(RagStatus.Red, Dutch));
        Assert.Contains(summary, text);
        Assert.Equal(rows.Count, data.Standards.Standards.Count);
    }

    [Fact]
    public async Task The_scorecard_is_fully_English_when_asked()
    {
        var data = await BuildAsync(null);
        var pages = PagesOf(Writer.Write(data, English));
        var text = string.Join(" ", pages);

        Assert.Contains($"Page 1 of {pages.Count}", pages[0]);
        Assert.Contains("Employee engagement", text);
        Assert.Contains("The three biggest gaps", text);
        Assert.DoesNotContain("Pagina", text);
        Assert.DoesNotContain("Betrokkenheid van medewerkers", text);
        Assert.Contains(ScorecardFormat.Percent(data.Engagement.Shares!.WholePercentages()[0], English), pages[0]);
    }

    [Fact]
    public async Task Hidden_groups_carry_no_figures_in_the_data_nor_in_the_pdf()
    {
        var data = await BuildAsync(null);
        var hidden = data.Engagement.HeatMap.Where(r => !r.IsShown).ToList();
        Assert.NotEmpty(hidden); // the demo company has units of fewer than five people
        Assert.All(hidden, r => Assert.Null(r.EngagedShare));
        Assert.All(hidden, r => Assert.Empty(r.Scores));
        Assert.Contains(hidden, r => r.UnitName == "Directie");

        // The Directie (two people) alone: no engagement figure may appear on its scorecard.
        var directie = await BuildAsync(await UnitIdAsync("Directie"));
        Assert.False(directie.Engagement.IsShown);
        Assert.Null(directie.Engagement.Shares);
        Assert.Null(directie.Engagement.Enps);
        Assert.All(directie.Engagement.Trend, t => Assert.Null(t.Engaged));
        var pages = PagesOf(Writer.Write(directie, English));
        var engagementPage = pages.Single(p => p.Contains("Employee engagement"));
        Assert.Contains("Too few employees answered", engagementPage);
        // What the raw answers would give is nowhere in the document.
        await using var db = factory.NewDbContext();
        var unitId = await UnitIdAsync("Directie");
        var roundIds = await db.PulseRounds.Where(r => r.OpensOn >= Quarter.Start && r.OpensOn <= Quarter.End).Select(r => r.Id).ToListAsync();
        var means = await db.PulseResponses.Where(r => roundIds.Contains(r.RoundId) && r.UnitId == unitId).Select(r => r.EngagementMean).ToListAsync();
        Assert.NotEmpty(means); // the Directie did answer: there is something to hide
        var raw = 100.0 * means.Count(m => m >= EngagementFormulas.EngagedFrom) / means.Count;
        Assert.DoesNotContain(ScorecardFormat.Percent(raw, English), engagementPage);
        Assert.DoesNotMatch(EngagementShare(), engagementPage);
    }

    [Fact]
    public async Task A_unit_scorecard_is_scoped_to_the_unit_and_its_sub_units()
    {
        var unitId = await UnitIdAsync("Klantenservice");
        var webcare = await UnitIdAsync("Webcare");
        var data = await BuildAsync(unitId);

        Assert.Equal("Klantenservice", data.UnitName);
        Assert.NotEmpty(data.Standards.Standards);
        Assert.All(data.Standards.Standards, s => Assert.Contains(s.OwnerUnitId, new[] { unitId, webcare }));
        Assert.Equal(["Klantenservice", "Webcare"], data.Engagement.HeatMap.Select(r => r.UnitName));
        Assert.All(data.Comparison.Points, p => Assert.Contains(p.UnitId, new[] { unitId, webcare }));

        var text = string.Join(" ", PagesOf(Writer.Write(data, Dutch)));
        Assert.Contains("Klantenservice, onderdeel van Noordlicht Retail B.V.", text);
        Assert.DoesNotContain("Winkels Zuid", text);
        Assert.DoesNotContain("Logistiek", text);
    }

    [Fact]
    public async Task A_quarter_counts_only_the_standards_in_force_in_it()
    {
        // A standard adopted from the quarter after the scorecard's quarter is not part of it (issue 19: it showed as "no data").
        await using var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email);
        var standards = manager.Get<StandardsService>();
        var input = await standards.NewFromTemplateAsync("CI-02");
        input.Title = "Later in force " + Guid.NewGuid().ToString("N")[..6];
        input.EffectiveQuarter = Quarter.Next;
        var later = await standards.CreateAsync(input);

        var data = await BuildAsync(null);
        Assert.DoesNotContain(data.Standards.Standards, s => s.Id == later);
        var counted = data.Standards.Trend.Single(t => t.Quarter == Quarter);
        Assert.Equal(data.Standards.Standards.Count, counted.Green + counted.Amber + counted.Red + counted.NoData);
        Assert.Equal(data.Standards.Standards.Count, data.Strategy.Coverage.Sum(c => c.Count));

        // The demo's leaflet standard was retired during the history: in force in its first quarter, not in the last one.
        await using var db = factory.NewDbContext();
        var leaflet = await db.ServiceStandards.Where(s => s.Title == "Folder meegegeven bij elke aankoop").Select(s => s.Id).SingleAsync();
        var adopted = Quarter.FromKey(await db.ServiceStandardVersions.Where(v => v.StandardId == leaflet).MinAsync(v => v.EffectiveQuarterKey));
        Assert.DoesNotContain(data.Standards.Standards, s => s.Id == leaflet);
        await using var scope = factory.AsAnonymous();
        var early = await scope.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(adopted, null));
        Assert.Contains(early.Standards.Standards, s => s.Id == leaflet);
    }

    [Fact]
    public async Task The_data_of_a_scorecard_round_trips_through_its_json_snapshot()
    {
        var data = await BuildAsync(null);

        var json = ScorecardJson.Serialize(data);
        var back = ScorecardJson.Deserialize(json);

        Assert.Equal(json, ScorecardJson.Serialize(back));
        Assert.Contains($"\"quarter\":\"{Quarter}\"", json);
        Assert.Equal(data.Quarter, back.Quarter);
        Assert.Equal(data.Engagement.Shares, back.Engagement.Shares);
        Assert.Equal(data.Standards.Standards, back.Standards.Standards);
        Assert.Equal(data.Customers.Trend, back.Customers.Trend);
        // Drawn from the snapshot, the document is the same.
        Assert.Equal(PagesOf(Writer.Write(data, Dutch)), PagesOf(Writer.Write(back, Dutch)));
    }

    [Fact]
    public async Task Promises_are_listed_without_them_the_scorecard_says_so_and_an_unknown_unit_is_not_found()
    {
        var data = await BuildAsync(null);
        Assert.NotEmpty(data.Promises.Promises); // the demo company's campaigns
        var shortest = data.PromisesEn.Promises.MinBy(p => p.Claim.Length)!.Claim;
        Assert.Contains(shortest, string.Join(" ", PagesOf(Writer.Write(data, English))));

        var none = data with { Promises = ScorecardPromises.None, PromisesEn = ScorecardPromises.None };
        var text = string.Join(" ", PagesOf(Writer.Write(none, English)));
        Assert.Contains("No marketing promises are registered for this quarter", text);

        await Assert.ThrowsAsync<Application.Common.NotFoundException>(() => BuildAsync(987654));
    }

    private IScorecardPdfWriter Writer => factory.Services.GetRequiredService<IScorecardPdfWriter>();

    /// <summary>Built as the command line and the background issuing do: in a scope where nobody is signed in.</summary>
    private async Task<ScorecardData> BuildAsync(int? unitId)
    {
        await using var scope = factory.AsAnonymous();
        return await scope.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(Quarter, unitId));
    }

    private static List<string> PagesOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> CompanyIdAsync()
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A share with one decimal as the key figures show it ("34.7%").</summary>
    [GeneratedRegex(@"\b\d{1,3}\.\d%")]
    private static partial Regex EngagementShare();
}

public sealed class ScorecardTests_Sqlite(SqliteDemoPortal factory) : ScorecardTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ScorecardTests_PostgreSql(PostgreSqlDemoPortal factory) : ScorecardTests(factory), IClassFixture<PostgreSqlDemoPortal>;
