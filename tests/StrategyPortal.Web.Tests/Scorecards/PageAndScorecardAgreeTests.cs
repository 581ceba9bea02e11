using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace StrategyPortal.Web.Tests.Scorecards;

/// <summary>
/// The results page and the scorecard PDF show the same thing the same way (issue 19): for the demo company's round of last
/// quarter, every heat-map figure the page writes is written identically in the PDF, in the same colour band, under the same
/// column label; the legend and the words for the engagement classes are the same. The PDF is read back with PdfPig; a cell's
/// band is recognised by the ink its figure is drawn in.
/// </summary>
public partial class PageAndScorecardAgreeTests
{
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_results_page_and_the_scorecard_show_each_heat_map_figure_with_the_same_value_colour_and_words(string language)
    {
        await using var ctx = new PortalBunitContext(language);
        ctx.SignInAs(DemoAccounts.Director);
        var culture = CultureInfo.GetCultureInfo(language);
        var quarter = Quarter.Of(DateTime.UtcNow).Previous;
        var engagement = ctx.Services.GetRequiredService<EngagementResultsService>();
        var round = (await engagement.GetRoundsAsync()).Single(r => quarter.Contains(r.OpensOn));

        // The page: the results of the round for the whole company, as the director sees them.
        var company = (await engagement.GetResultsAsync(round.RoundId)).Units.Single(u => u.Depth == 0).UnitId;
        var results = await engagement.GetResultsAsync(round.RoundId, company);
        var page = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, b =>
        {
            b.OpenComponent<ClosedRoundResults>(0);
            b.AddAttribute(1, nameof(ClosedRoundResults.Results), results);
            b.CloseComponent();
        }));
        var pageRows = PageRows(page);
        Assert.True(pageRows.Count >= 3, $"the demo heat map shows figures for several units, found {pageRows.Count}");

        // The PDF: the company's scorecard of the same quarter, in the same language.
        var pdf = await ctx.Services.GetRequiredService<ScorecardService>().RenderDraftAsync(quarter, null, language);
        using var document = PdfDocument.Open(pdf.Bytes);
        var lines = document.GetPages().SelectMany(Lines).ToList();

        // The same column labels, in the same order: the engaged share, then one short label per item.
        var labels = Terms.ItemLabels(results.Items.Select(i => i.Kind), culture);
        var headerAt = lines.FindIndex(l => labels.All(label => l.Words.Any(w => w.Text == label)));
        Assert.True(headerAt >= 0, "the PDF has a heat map headed by the item labels");
        var header = lines[headerAt];
        // The heat map's rows run until the list of item texts under it ("V1: …").
        var heatMap = lines.Skip(headerAt + 1).TakeWhile(l => !l.Text.StartsWith(labels[0] + ":", StringComparison.Ordinal)).ToList();
        Assert.Equal(labels, header.Words.Select(w => w.Text).Where(labels.Contains));
        var pageLabels = page.FindAll("[data-testid=heatmap] thead th").Skip(3).Select(th => th.TextContent.Trim());
        Assert.Equal(labels, pageLabels);
        Assert.Contains(Terms.Of(EngagementClass.Engaged, culture), header.Text);

        var compared = 0;
        foreach (var row in pageRows)
        {
            // A long unit name wraps in the PDF's narrow column: the row's line starts with the name's first word.
            // The PDF's row: its unit name, then the figures; a long name wraps in the narrow column onto the next line.
            var matches = heatMap.Select((l, i) => (Line: l, Name: string.Join(" ", l.Words.TakeWhile(w => !IsFigure(w)).Select(w => w.Text)), Next: i + 1 < heatMap.Count ? heatMap[i + 1].Text : ""))
                .Where(x => x.Line.Words.Count(IsFigure) == row.Cells.Count && (x.Name == row.Unit || x.Name + " " + x.Next == row.Unit))
                .Select(x => x.Line).ToList();
            Assert.True(matches.Count == 1, $"{matches.Count} heat-map rows for {row.Unit} with {row.Cells.Count} figures in the PDF; page: {string.Join(" ", row.Cells.Select(c => c.Text))}; PDF:\n{string.Join("\n", heatMap.Select(l => l.Text))}");
            var line = matches[0];
            var figures = line.Words.Where(IsFigure).ToList();
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var (text, band) = row.Cells[i];
                var what = $"{row.Unit}, column {i} ({language})";
                Assert.True(text == figures[i].Text, $"{what}: the page writes {text}, the PDF {figures[i].Text}");
                Assert.True(band == BandOfInk(figures[i]), $"{what}: the page colours {text} {band}, the PDF {BandOfInk(figures[i])}");
                compared++;
            }
        }
        Assert.True(compared >= 3 * (labels.Count + 1), $"compared {compared} cells");

        // One legend, drawn from the one band table, on both.
        var legend = page.Find("[data-testid=heatmap-legend]").TextContent.Trim();
        Assert.Equal(Terms.EngagementLegend([EngagementMeasure.Favourable, EngagementMeasure.EngagedShare, EngagementMeasure.Enps], culture), legend);
        Assert.Contains(Spaces().Replace(legend, " "), string.Join(" ", lines.Select(l => l.Text)));

        // The company's shares: three whole percentages that add up to 100, the same on both.
        var shares = page.FindAll("[data-testid=shares] tbody td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(100, shares.Sum(s => int.Parse(s.TrimEnd('%'), culture)));
        var all = string.Join(" ", lines.Select(l => l.Text));
        Assert.Contains(string.Join(" ", shares), all); // the key figures side by side, in the page's order
        foreach (var term in new[] { EngagementClass.Engaged, EngagementClass.NotEngaged, EngagementClass.ActivelyDisengaged })
            Assert.Contains(Terms.Of(term, culture), all);
        Assert.Contains(page.Find("[data-testid=enps]").TextContent.Trim(), all);
    }

    private sealed record PageRow(string Unit, IReadOnlyList<(string Text, Band? Band)> Cells);

    /// <summary>The page's heat-map rows that show figures: unit name, then each figure with the band of its cell's colours.</summary>
    private static List<PageRow> PageRows(IRenderedComponent<ProviderHost> page) =>
        page.FindAll("[data-testid=heatmap] tbody tr")
            .Where(tr => tr.QuerySelector(".heatmap-hidden") is null)
            .Select(tr => new PageRow(tr.QuerySelector("th")!.TextContent.Trim(),
                tr.QuerySelectorAll("td").Skip(1) // the response rate is not in the PDF's heat map
                    .Select(td => (td.TextContent.Trim(), BandOfStyle(td.GetAttribute("style") ?? ""))).ToList()))
            .ToList();

    private static Band? BandOfStyle(string style)
    {
        var ink = InkColour().Match(style);
        return ink.Success ? BandOfHex(ink.Groups[1].Value) : null;
    }

    private static Band? BandOfHex(string hex) =>
        new Band?[] { Band.Good, Band.Middle, Band.Poor }.FirstOrDefault(b => string.Equals(BandColours.Of(b).Ink, hex, StringComparison.OrdinalIgnoreCase));

    private static Band? BandOfInk(Word word)
    {
        var (r, g, b) = word.Letters[0].Color.ToRGBValues();
        return BandOfHex($"#{(int)Math.Round(r * 255):x2}{(int)Math.Round(g * 255):x2}{(int)Math.Round(b * 255):x2}");
    }

    private static bool IsFigure(Word word) => Figure().IsMatch(word.Text);

    private sealed record Line(IReadOnlyList<Word> Words)
    {
        public string Text => string.Join(" ", Words.Select(w => w.Text));
    }

    /// <summary>
    /// The words of a page grouped into lines, each read left to right: a word joins the line above when its vertical middle is
    /// within 3 pt of that line's first word (a bold unit name and the figures beside it sit a little apart).
    /// </summary>
    private static IEnumerable<Line> Lines(Page page)
    {
        var lines = new List<List<Word>>();
        foreach (var word in page.GetWords().OrderByDescending(w => w.BoundingBox.Centroid.Y))
        {
            if (lines.Count > 0 && Math.Abs(lines[^1][0].BoundingBox.Centroid.Y - word.BoundingBox.Centroid.Y) <= 3) lines[^1].Add(word);
            else lines.Add([word]);
        }
        return lines.Select(l => new Line(l.OrderBy(w => w.BoundingBox.Left).ToList()));
    }

    [GeneratedRegex(@"^([+\u2212]?\d+%?|\u2013)$")]
    private static partial Regex Figure();

    [GeneratedRegex(@"color:\s*(#[0-9a-fA-F]{6})")]
    private static partial Regex InkColour();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
