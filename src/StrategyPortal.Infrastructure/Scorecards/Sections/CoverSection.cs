using SkiaSharp;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The cover: the value discipline, the key figures against last quarter and a summary in words.</summary>
internal sealed class CoverSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        Add(new Spacer(40f));
        Add(new Paragraph(T("cover.kicker"), new TextStyle(11f, true, Slate)) { SpaceAfter = 6f });
        Add(new Paragraph(T("cover.title", Data.Quarter), CoverTitle) { SpaceAfter = 4f });
        Add(new Paragraph(Data.UnitName is null ? Data.CompanyName : T("cover.unit", Data.UnitName, Data.CompanyName), CoverSubtitle) { SpaceAfter = 24f });

        var discipline = Data.Strategy.Discipline is { } d ? Terms.Of(d, Culture) : T("discipline.none");
        Add(new KeyFigures([
            new KeyFigure(T("cover.discipline"), discipline, Data.Strategy.EffectiveSince is { } since ? T("cover.discipline-since", since) : null, Navy),
        ]) { SpaceAfter = 14f });

        // The figures come from ScorecardKeyFigures, which the home page's "quarter at a glance" shows too.
        var k = ScorecardKeyFigures.Of(Data);
        Add(new KeyFigures([
            new KeyFigure(T("kf.standards", Word(RagStatus.Green)), Percent(k.StandardsGreen, Culture),
                VsLast(Delta(k.StandardsGreen, k.StandardsGreenBefore, Culture, T("unit.points"))), Ink(StandardBands.OnTargetShare.Of(k.StandardsGreen))),
            new KeyFigure(T("kf.standards", Word(RagStatus.Red)), Count(k.StandardsRed, Culture),
                T("kf.turned-off-target", k.StandardsTurnedRed), k.StandardsRed > 0 ? RedInk : GreenInk),
            new KeyFigure(T("kf.promises"), PromiseHeadline(k), PromiseNote(k), Navy),
        ]) { SpaceAfter = 10f });
        Add(new KeyFigures([
            new KeyFigure(T("kf.engaged"), k.EngagementShown ? Percent(k.Engaged, Culture) : T("hidden.short"),
                k.EngagementShown ? VsLast(Delta(k.Engaged, k.EngagedBefore, Culture, T("unit.points"))) : T("hidden.note", k.MinGroupSize),
                Navy),
            new KeyFigure(T("kf.enps"), k.EngagementShown ? Score(k.Enps, Culture) : T("hidden.short"),
                k.EngagementShown ? VsLast(Delta(k.Enps, k.EnpsBefore, Culture, T("unit.points"))) : null, Navy),
            new KeyFigure(T("kf.nps"), Score(k.Nps, Culture), VsLast(Delta(k.Nps, k.NpsBefore, Culture, T("unit.points"))), Navy),
            new KeyFigure(T("kf.csat"), Percent(k.Csat, Culture), VsLast(Delta(k.Csat, k.CsatBefore, Culture, T("unit.points"))), Navy),
        ]) { SpaceAfter = 18f });

        Add(new Heading(T("cover.reading"), 2));
        Add(new Paragraph(T("cover.reading-text"), Lead));
        Add(new Paragraph(Summary(), Lead) { SpaceAfter = 12f });
        Add(new Paragraph(T("cover.anonymity", k.MinGroupSize), Note));
    }

    private static string PromiseHeadline(ScorecardKeyFigures k) => k.PromisesTotal == 0 ? Missing : $"{k.PromisesBacked}/{k.PromisesTotal}";

    private string PromiseNote(ScorecardKeyFigures k) =>
        k.PromisesTotal == 0 ? T("promises.none-short") : T("kf.promises-note", k.PromisesUnbacked);

    private string Summary()
    {
        var parts = new List<string>();
        var s = Data.Standards;
        parts.Add(T("summary.standards", s.Count(RagStatus.Green), s.Count(RagStatus.Amber), s.Count(RagStatus.Red), s.Count(RagStatus.NoData),
            Word(RagStatus.Green), Word(RagStatus.Amber), Word(RagStatus.Red)));
        if (Data.Engagement.IsShown)
            parts.Add(T("summary.engagement", Percent(Data.Engagement.Shares!.WholePercentages()[0], Culture), Percent(EngagementFormulas.GallupEngaged, Culture)));
        if (Data.Customers.Current?.Nps is not null)
            parts.Add(T("summary.customers", Score(Data.Customers.Current.Nps, Culture), Percent(Data.Customers.Current.Csat, Culture)));
        if (Data.Gaps.Count > 0) parts.Add(T("summary.gaps", Data.Gaps.Count));
        return string.Join(" ", parts);
    }

    private static SKColor Ink(Band? band) => SKColor.Parse(BandColours.Of(band).Ink);
}
