using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The marketing promises: verdicts, changes since last quarter, the most common reasons and the verdict trend.</summary>
internal sealed class PromisesSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var promises = Data.PromisesIn(Language);
        Section(T("promises.title"), T("promises.intro"));
        if (promises.Promises.Count == 0)
        {
            Add(new KeyFigures([new KeyFigure(T("promises.none-title"), Missing, T("promises.none-short"), GreyInk)]) { SpaceAfter = 12f });
            Add(new Paragraph(T("promises.none"), Lead));
            return;
        }
        var list = promises.Promises;
        int Verdicts(PromiseVerdict v) => list.Count(p => p.Verdict == v);
        Add(new KeyFigures([
            new KeyFigure(Terms.Of(PromiseVerdict.Backed, Culture), Count(Verdicts(PromiseVerdict.Backed), Culture), null, GreenInk),
            new KeyFigure(Terms.Of(PromiseVerdict.AtRisk, Culture), Count(Verdicts(PromiseVerdict.AtRisk), Culture), null, AmberInk),
            new KeyFigure(Terms.Of(PromiseVerdict.Unbacked, Culture), Count(Verdicts(PromiseVerdict.Unbacked), Culture), null, RedInk),
            new KeyFigure(T("promises.complaints"), Count(list.Sum(p => p.LinkedComplaints), Culture), T("promises.complaints-note"), Navy),
        ]) { SpaceAfter = 12f });

        Add(new Table(
            [new(T("col.promise"), 2.6f), new(T("col.owner"), 1.4f), new(T("col.verdict"), 1.6f, CellAlign.Center),
             new(T("col.previous-verdict"), 1.6f, CellAlign.Center), new(T("col.complaints"), 1.2f, CellAlign.Right)],
            list.OrderByDescending(p => p.Verdict).ThenByDescending(p => p.LinkedComplaints).Select(p => new TableRow([
                new TableCell(string.IsNullOrWhiteSpace(p.Campaign) ? p.Claim : $"{p.Claim} ({p.Campaign})"),
                p.OwnerName,
                Verdict(p.Verdict),
                p.PreviousQuarterVerdict is { } before ? Verdict(before) : new TableCell(T("promises.new"), null, GreyInk),
                Count(p.LinkedComplaints, Culture),
            ])).ToList()) { CellStyle = new TextStyle(8.5f), HeaderStyle = new TextStyle(8.5f, true), SpaceAfter = 14f });

        Add(new Heading(T("promises.changed"), 2));
        var changed = list.Where(p => p.PreviousQuarterVerdict is { } b && b != p.Verdict).ToList();
        var added = list.Count(p => p.PreviousQuarterVerdict is null);
        if (changed.Count == 0 && added == 0) Add(new Paragraph(T("promises.changed-none"), Lead));
        foreach (var p in changed)
            Add(new Paragraph(T(p.Verdict > p.PreviousQuarterVerdict ? "promises.worse" : "promises.better", p.Claim,
                Terms.Of(p.PreviousQuarterVerdict, Culture), Terms.Of(p.Verdict, Culture)), Lead) { SpaceAfter = 3f });
        if (added > 0) Add(new Paragraph(added == 1 ? T("promises.added-one") : T("promises.added", added), Lead));

        Add(new Heading(T("promises.reasons"), 2));
        var reasons = list.Where(p => p.Verdict != PromiseVerdict.Backed).SelectMany(p => p.Reasons)
            .GroupBy(r => r, StringComparer.CurrentCulture).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture).Take(5).ToList();
        if (reasons.Count == 0) Add(new Paragraph(T("promises.reasons-none"), Lead));
        else
            Add(new Table([new(T("col.reason"), 5f), new(T("col.promises"), 1f, CellAlign.Right)],
                reasons.Select(g => new TableRow([g.Key, Count(g.Count(), Culture)])).ToList()) { SpaceAfter = 14f });

        if (promises.History.Count > 0)
            Add(new Chart(plot =>
            {
                var bars = new List<ScottPlot.Bar>();
                for (var i = 0; i < promises.History.Count; i++)
                {
                    var h = promises.History[i];
                    double bottom = 0;
                    foreach (var (n, colour) in new[] { (h.Backed, CGreen), (h.AtRisk, CAmber), (h.Unbacked, CRed) })
                    {
                        if (n == 0) continue;
                        bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colour, LineWidth = 0, Size = 0.6 });
                        bottom += n;
                    }
                }
                plot.Add.Bars(bars);
                Ticks(plot, promises.History.Select(h => QuarterLabel(h.Quarter)).ToArray());
                plot.Legend.ManualItems.AddRange(new[] { (PromiseVerdict.Backed, CGreen), (PromiseVerdict.AtRisk, CAmber), (PromiseVerdict.Unbacked, CRed) }
                    .Select(x => new ScottPlot.LegendItem { LabelText = Terms.Of(x.Item1, Culture), FillColor = x.Item2 }));
                Style(plot, T("chart.verdict-trend"), yMin: 0);
                plot.ShowLegend(ScottPlot.Edge.Bottom);
                plot.Axes.SetLimitsY(0, Math.Max(1, promises.History.Max(h => h.Backed + h.AtRisk + h.Unbacked)) * 1.1);
            }, 190f, T("chart.verdict-trend-caption")));
    }

    private TableCell Verdict(PromiseVerdict verdict) => Rag(Terms.Of(verdict, Culture), verdict switch
    {
        PromiseVerdict.Backed => RagStatus.Green,
        PromiseVerdict.AtRisk => RagStatus.Amber,
        _ => RagStatus.Red,
    });
}
