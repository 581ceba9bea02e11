using StrategyPortal.Application.Localization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Scorecards;
using StrategyPortal.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Page = UglyToad.PdfPig.Content.Page;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// The actions in the demo company's scorecard of the last closed quarter, read back from the PDF: the section of the
/// quarter's actions (completed with their impact, overdue, open) and the action (or "no action") of each biggest gap.
/// </summary>
public abstract class ScorecardActionsTests(PortalFactory factory)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");

    private Quarter Quarter => Quarter.Of(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).Previous;

    [Fact]
    public async Task The_company_scorecard_lists_the_quarters_actions_with_their_impact_and_each_gaps_action()
    {
        var data = await BuildAsync(null);
        var actions = data.Actions!;
        var completed = actions.In(ScorecardActionState.Completed);
        Assert.Contains(completed, a => a.Verdict == ImpactVerdict.Improved);
        Assert.Contains(completed, a => a.Verdict is ImpactVerdict.Worsened or ImpactVerdict.Unchanged);
        Assert.NotEmpty(actions.In(ScorecardActionState.Overdue));
        Assert.NotEmpty(actions.In(ScorecardActionState.Open));
        // An action done after the quarter still counts as open at its end; one dropped before it is not in it.
        Assert.All(completed, a => Assert.InRange(a.ClosedOn!.Value, Quarter.Start, Quarter.End));
        Assert.DoesNotContain(actions.Items, a => a.Status == ActionStatus.Dropped);

        foreach (var (culture, language) in new[] { (English, "en"), (Dutch, "nl") })
        {
            var pages = Pages(Writer.Write(data, culture));
            // The actions section runs from its title to the closing section (the last one).
            var first = pages.FindIndex(p => Text(p).Contains(factory.Text<ScorecardsText>("actions.title", language)));
            var closingAt = pages.FindLastIndex(p => Text(p).Contains(factory.Text<ScorecardsText>("gaps.title", language)));
            Assert.InRange(first, 1, closingAt - 1);
            var actionPages = pages.Skip(first).Take(closingAt - first).ToList();
            var titles = string.Join(" ", actionPages.Select(p => Column(p, factory.Text<ScorecardsText>("col.action", language), factory.Text<ScorecardsText>("col.unit", language))));
            var impacts = string.Join(" ", actionPages.Select(p => Column(p, factory.Text<ScorecardsText>("col.impact", language), null)));
            foreach (var action in actions.Items)
            {
                // Without spaces: PdfPig may split a word whose letters the layout kerned apart ("Co a ching").
                Assert.True(Squeezed(titles).Contains(Squeezed(action.Title), StringComparison.Ordinal), $"'{action.Title}' not in: {titles}");
                Assert.True(Squeezed(titles).Contains(Squeezed(action.CauseSubject(language)), StringComparison.Ordinal), $"'{action.CauseSubject(language)}' not in: {titles}");
            }
            foreach (var action in completed.Where(a => a.FiguresShown && a.Verdict != ImpactVerdict.NotYetMeasured))
                Assert.Contains(Terms.Of(action.Verdict, culture).ToLower(culture), impacts);
            var improved = completed.First(a => a.Verdict == ImpactVerdict.Improved && a.ValueKind == CauseValueKind.Metric);
            Assert.Contains(ScorecardFormat.Metric(improved.Baseline, improved.MetricUnit!.Value, culture), impacts);
            Assert.Contains(ScorecardFormat.Metric(improved.Now, improved.MetricUnit!.Value, culture), impacts);

            // The closing page: each gap with its action or, plainly, "no action".
            var closing = string.Join(" ", pages.Skip(closingAt).Select(Text));
            foreach (var gap in data.Gaps)
            {
                if (actions.Find(gap.ActionId) is { } action)
                    Assert.Contains(action.Title, closing);
                else
                    Assert.Contains(factory.Text<ScorecardsText>("gaps.no-action", language), closing);
            }
        }
        Assert.Contains(data.Gaps, g => g.ActionId is not null);
        Assert.Contains(data.Gaps, g => g.ActionId is null);
    }

    [Fact]
    public async Task A_unit_scorecard_lists_only_the_actions_of_the_unit_and_its_sub_units()
    {
        await using var db = factory.NewDbContext();
        var units = await db.OrgUnits.Where(u => u.Name == "Klantenservice" || u.Name == "Webcare").ToDictionaryAsync(u => u.Name, u => u.Id);
        var data = await BuildAsync(units["Klantenservice"]);

        Assert.NotEmpty(data.Actions!.Items);
        Assert.All(data.Actions.Items, a => Assert.Contains(a.UnitId, units.Values));
        var text = string.Join(" ", Pages(Writer.Write(data, English)).Select(Text));
        Assert.DoesNotContain("Coaching op advies aan de kassa", text); // Winkels Zuid's
    }

    [Fact]
    public async Task An_issued_scorecard_keeps_its_actions_as_they_were()
    {
        var data = await BuildAsync(null);
        var snapshot = ScorecardJson.Serialize(data);
        var open = data.Actions!.In(ScorecardActionState.Open).First();

        // Later the action is done; the scorecard drawn from the snapshot still shows it as it stood.
        await using (var manager = await factory.AsAsync(await OwnerEmailAsync(open.Id)))
        {
            var service = manager.Get<ActionService>();
            var detail = await service.GetAsync(open.Id);
            await service.CheckInAsync(new CheckInInput { ActionId = open.Id, On = service.Today, Note = "Klaar", NewStatus = ActionStatus.Done, Version = detail.Version });
        }
        var frozen = ScorecardJson.Deserialize(snapshot);
        Assert.Equal(open, frozen.Actions!.Find(open.Id));
        Assert.Equal(Pages(Writer.Write(data, English)).Select(Text), Pages(Writer.Write(frozen, English)).Select(Text));
    }

    private IScorecardPdfWriter Writer => factory.Services.GetRequiredService<IScorecardPdfWriter>();

    private async Task<ScorecardData> BuildAsync(int? unitId)
    {
        await using var scope = factory.AsAnonymous();
        return await scope.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(Quarter, unitId));
    }

    private async Task<string> OwnerEmailAsync(int actionId)
    {
        await using var db = factory.NewDbContext();
        return await db.ImprovementActions.Where(a => a.Id == actionId).Join(db.People, a => a.OwnerPersonId, p => p.Id, (a, p) => p.Email).SingleAsync();
    }

    private static List<Page> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().ToList();
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Text(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    /// <summary>
    /// The text of one table column, line by line: the words between the left edge of the header <paramref name="header"/>
    /// and that of <paramref name="next"/> (null: the page's right edge), so a title wrapped inside its cell reads whole.
    /// </summary>
    private static string Column(Page page, string header, string? next)
    {
        var words = page.GetWords().ToList();
        var start = StartOf(words, header);
        if (start is null) return string.Empty;
        var end = next is null ? double.MaxValue : StartOf(words, next) ?? double.MaxValue;
        return string.Join(" ", Lines(words).Select(l => string.Join(" ", l.Where(w => w.BoundingBox.Left >= start - 1 && w.BoundingBox.Left < end - 1).Select(w => w.Text))));
    }

    /// <summary>The left edge of the first line that starts with the phrase (a table header).</summary>
    private static double? StartOf(List<Word> words, string phrase)
    {
        var first = phrase.Split(' ')[0];
        foreach (var line in Lines(words))
            for (var i = 0; i < line.Count; i++)
                if (line[i].Text == first && string.Join(" ", line.Skip(i).Take(phrase.Split(' ').Length).Select(w => w.Text)) == phrase)
                    return line[i].BoundingBox.Left;
        return null;
    }

    private static IEnumerable<List<Word>> Lines(List<Word> words) =>
        words.GroupBy(w => Math.Round(w.BoundingBox.Bottom, 0)).OrderByDescending(g => g.Key).Select(g => g.OrderBy(w => w.BoundingBox.Left).ToList());
}

public sealed class ScorecardActionsTests_Sqlite(SqliteDemoPortal factory) : ScorecardActionsTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ScorecardActionsTests_PostgreSql(PostgreSqlDemoPortal factory) : ScorecardActionsTests(factory), IClassFixture<PostgreSqlDemoPortal>;
