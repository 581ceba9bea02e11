using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Infrastructure.Pdf;
using StrategyPortal.Infrastructure.Scorecards.Sections;

namespace StrategyPortal.Infrastructure.Scorecards;

/// <summary>
/// Draws a scorecard from its frozen <see cref="ScorecardData"/> with the general document model: a cover with
/// key figures, then strategy, standards, promises, engagement, customers, engagement × customers, the quarter's actions and the gaps,
/// each a section of its own (<c>Sections/</c>) starting on a new page. All text comes from <c>ScorecardsText</c>
/// in the requested culture.
/// </summary>
public sealed class ScorecardPdfWriter(PdfRenderer renderer, IStringLocalizer<ScorecardsText> localizer) : IScorecardPdfWriter
{
    public byte[] Write(ScorecardData data, CultureInfo culture)
    {
        var savedUi = CultureInfo.CurrentUICulture;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return renderer.Render(Compose(data, culture), data.GeneratedAtUtc);
        }
        finally
        {
            CultureInfo.CurrentUICulture = savedUi;
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>The document of a scorecard (the layout without drawing; tests count its pages and charts).</summary>
    public PdfDocumentSpec Compose(ScorecardData data, CultureInfo culture)
    {
        string T(string key, params object[] args) => string.Format(culture, localizer[key].Value, args);
        var document = new PdfDocumentSpec
        {
            Title = T("doc.title", data.UnitName ?? data.CompanyName, data.Quarter),
            Author = data.CompanyName,
            Language = culture.TwoLetterISOLanguageName == "nl" ? "nl" : "en",
            HeaderLeft = data.UnitName is null ? data.CompanyName : $"{data.CompanyName} · {data.UnitName}",
            HeaderRight = T("doc.header-right", data.Quarter),
            FooterLeft = T("doc.footer", data.GeneratedAtUtc.ToString("d MMMM yyyy", culture)),
            PageNumberFormat = localizer["doc.page-format"].Value,
        };
        var composition = new ScorecardComposition(data, culture, localizer, document);
        ScorecardSection[] sections =
        [
            new CoverSection(composition), new StrategySection(composition), new StandardsSection(composition),
            new PromisesSection(composition), new EngagementSection(composition), new CustomersSection(composition),
            new ComparisonSection(composition), new ActionsSection(composition), new ClosingSection(composition),
        ];
        foreach (var section in sections) section.Compose();
        return document;
    }
}
