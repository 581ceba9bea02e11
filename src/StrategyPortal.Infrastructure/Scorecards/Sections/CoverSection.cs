using SkiaSharp;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Infrastructure.Scorecards.ScorecardFormat;
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

        var discipline = Data.Strategy.Discipline is { } d ? T("discipline." + d) : T("discipline.none");
        Add(new KeyFigures([
            new KeyFigure(T("cover.discipline"), discipline, Data.Strategy.EffectiveSince is { } since ? T("cover.discipline-since", since) : null, Navy),
        ]) { SpaceAfter = 14f });

        var standards = Data.Standards;
        var previousRag = standards.Trend.Count > 1 ? standards.Trend[^2] : null;
        var engagement = Data.Engagement;
        var previousEngagement = engagement.Trend.Count > 1 ? engagement.Trend[^2] : null;
        var customers = Data.Customers;
        Add(new KeyFigures([
            new KeyFigure(T("kf.standards-green"), Percent(standards.GreenShare, Culture),
                VsLast(Delta(standards.GreenShare, previousRag?.GreenShare, Culture, T("unit.points"))), RagInk(standards.GreenShare, 80, 60)),
            new KeyFigure(T("kf.standards-red"), Count(standards.Count(RagStatus.Red), Culture),
                T("kf.turned-red", standards.TurnedRed.Count), standards.Count(RagStatus.Red) > 0 ? RedInk : GreenInk),
            new KeyFigure(T("kf.promises"), PromiseHeadline(), PromiseNote(), Navy),
        ]) { SpaceAfter = 10f });
        Add(new KeyFigures([
            new KeyFigure(T("kf.engaged"), engagement.IsShown ? Percent(engagement.Shares!.Engaged, Culture) : T("hidden.short"),
                engagement.IsShown ? VsLast(Delta(engagement.Shares!.Engaged, previousEngagement?.Engaged, Culture, T("unit.points"))) : T("hidden.note", engagement.MinGroupSize),
                Navy),
            new KeyFigure(T("kf.enps"), engagement.IsShown ? Score(engagement.Enps, Culture) : T("hidden.short"),
                engagement.IsShown ? VsLast(Delta(engagement.Enps, previousEngagement?.Enps, Culture, T("unit.points"))) : null, Navy),
            new KeyFigure(T("kf.nps"), Score(customers.Current?.Nps, Culture),
                VsLast(Delta(customers.Current?.Nps, customers.Previous?.Nps, Culture, T("unit.points"))), Navy),
            new KeyFigure(T("kf.csat"), Percent(customers.Current?.Csat, Culture),
                VsLast(Delta(customers.Current?.Csat, customers.Previous?.Csat, Culture, T("unit.points"))), Navy),
        ]) { SpaceAfter = 18f });

        Add(new Heading(T("cover.reading"), 2));
        Add(new Paragraph(T("cover.reading-text"), Lead));
        Add(new Paragraph(Summary(), Lead) { SpaceAfter = 12f });
        Add(new Paragraph(T("cover.anonymity", engagement.MinGroupSize), Note));
    }

    private string PromiseHeadline()
    {
        var promises = Data.PromisesIn(Language).Promises;
        return promises.Count == 0 ? Missing : $"{promises.Count(p => p.Verdict == PromiseVerdict.Backed)}/{promises.Count}";
    }

    private string PromiseNote()
    {
        var promises = Data.PromisesIn(Language).Promises;
        return promises.Count == 0 ? T("promises.none-short") : T("kf.promises-note", promises.Count(p => p.Verdict == PromiseVerdict.Unbacked));
    }

    private string Summary()
    {
        var parts = new List<string>();
        var s = Data.Standards;
        parts.Add(T("summary.standards", s.Count(RagStatus.Green), s.Count(RagStatus.Amber), s.Count(RagStatus.Red), s.Count(RagStatus.NoData)));
        if (Data.Engagement.IsShown)
            parts.Add(T("summary.engagement", Percent(Data.Engagement.Shares!.Engaged, Culture), Percent(EngagementFormulas.GallupEngaged, Culture)));
        if (Data.Customers.Current?.Nps is not null)
            parts.Add(T("summary.customers", Score(Data.Customers.Current.Nps, Culture), Percent(Data.Customers.Current.Csat, Culture)));
        if (Data.Gaps.Count > 0) parts.Add(T("summary.gaps", Data.Gaps.Count));
        return string.Join(" ", parts);
    }

    private static SKColor RagInk(double? value, double green, double amber) =>
        value is not { } v ? GreyInk : v >= green ? GreenInk : v >= amber ? AmberInk : RedInk;
}
