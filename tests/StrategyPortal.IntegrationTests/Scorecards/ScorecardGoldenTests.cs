using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Infrastructure.Pdf;
using StrategyPortal.Infrastructure.Scorecards;
using UglyToad.PdfPig;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// The demo company's scorecard frozen as its snapshot (<c>Golden/*.json</c>, as issuing stores it), drawn and read
/// back page by page: every page's text must equal the recorded text (<c>Golden/*.txt</c>). A change to the drawing
/// that changes what a scorecard says fails here. After an intended change, run these tests with
/// <c>UPDATE_SCORECARD_GOLDEN=1</c> and review the diff of the .txt files. Old snapshots must keep drawing, so the
/// .json files are not re-recorded when the scorecard gains something.
/// </summary>
public sealed class ScorecardGoldenTests
{
    private static readonly ScorecardPdfWriter Writer = new(new PdfRenderer(PdfFonts.Shared()),
        new StringLocalizer<ScorecardsText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData("company", "nl")]
    [InlineData("company", "en")]
    [InlineData("klantenservice", "en")]
    public void The_demo_scorecard_draws_the_recorded_pages(string snapshot, string language)
    {
        var data = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(Folder(), snapshot + ".json")));

        var pdf = Writer.Write(data, PortalCultures.Of(language));
        var actual = PagesText(pdf);

        var artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults", "scorecard-golden");
        Directory.CreateDirectory(artifacts);
        File.WriteAllBytes(Path.Combine(artifacts, $"{snapshot}.{language}.pdf"), pdf);
        var expectedFile = Path.Combine(Folder(), $"{snapshot}.{language}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_SCORECARD_GOLDEN") == "1") File.WriteAllText(expectedFile, actual);
        Assert.Equal(File.ReadAllText(expectedFile), actual);
    }

    /// <summary>One block per page ("--- page N ---"), one line per text line as PdfPig reads it.</summary>
    private static string PagesText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append("--- page ").Append(page.Number).Append(" ---\n");
            foreach (var line in page.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom, 1)).OrderByDescending(g => g.Key))
                text.Append(string.Join(" ", line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))).Append('\n');
        }
        return text.ToString();
    }

    private static string Folder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Golden");
}
