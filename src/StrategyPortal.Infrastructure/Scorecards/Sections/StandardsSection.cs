using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The service standards: counts per status, their trend, per unit, newly off target and all standards.</summary>
internal sealed class StandardsSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var s = Data.Standards;
        Section(T("standards.title"), T("standards.intro", Word(RagStatus.Green), Word(RagStatus.Amber), Word(RagStatus.Red), Word(RagStatus.NoData)));
        Add(new KeyFigures([
            new KeyFigure(Terms.Of(RagStatus.Green, Culture), Count(s.Count(RagStatus.Green), Culture), null, GreenInk),
            new KeyFigure(Terms.Of(RagStatus.Amber, Culture), Count(s.Count(RagStatus.Amber), Culture), null, AmberInk),
            new KeyFigure(Terms.Of(RagStatus.Red, Culture), Count(s.Count(RagStatus.Red), Culture), T("kf.turned-off-target", s.TurnedRed.Count), RedInk),
            new KeyFigure(Terms.Of(RagStatus.NoData, Culture), Count(s.Count(RagStatus.NoData), Culture), null, GreyInk),
        ]) { SpaceAfter = 12f });

        Add(new Chart(plot =>
        {
            var bars = new List<ScottPlot.Bar>();
            for (var i = 0; i < s.Trend.Count; i++)
            {
                var t = s.Trend[i];
                double bottom = 0;
                foreach (var (n, colour) in new[] { (t.Green, CGreen), (t.Amber, CAmber), (t.Red, CRed), (t.NoData, CGrey) })
                {
                    if (n == 0) continue;
                    bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colour, LineWidth = 0, Size = 0.6 });
                    bottom += n;
                }
            }
            plot.Add.Bars(bars);
            Ticks(plot, s.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
            plot.Legend.ManualItems.AddRange(new[] { (RagStatus.Green, CGreen), (RagStatus.Amber, CAmber), (RagStatus.Red, CRed), (RagStatus.NoData, CGrey) }
                .Select(x => new ScottPlot.LegendItem { LabelText = Terms.Of(x.Item1, Culture), FillColor = x.Item2 }));
            Style(plot, T("chart.rag-trend"), yMin: 0);
            plot.ShowLegend(ScottPlot.Edge.Bottom);
            plot.Axes.SetLimitsY(0, Math.Max(1, s.Trend.Count == 0 ? 1 : s.Trend.Max(t => t.Green + t.Amber + t.Red + t.NoData)) * 1.1);
        }, 215f, T("chart.rag-trend-caption")));

        Add(new Heading(T("standards.per-unit"), 2));
        if (s.Units.Count == 0) Add(new Paragraph(T("standards.none"), Lead));
        else
            Add(new Table(
                [new(T("col.unit"), 3f), new(Terms.Of(RagStatus.Green, Culture), 1f, CellAlign.Right), new(Terms.Of(RagStatus.Amber, Culture), 1f, CellAlign.Right),
                 new(Terms.Of(RagStatus.Red, Culture), 1f, CellAlign.Right), new(Terms.Of(RagStatus.NoData, Culture), 1.2f, CellAlign.Right), new(T("col.on-target-share", Word(RagStatus.Green)), 1.3f, CellAlign.Right)],
                s.Units.Select(u => new TableRow([
                    new TableCell(Indent(u.Depth) + u.UnitName, Bold: u.Depth == 0),
                    Rag(Count(u.Green, Culture), u.Green > 0 ? RagStatus.Green : RagStatus.NoData),
                    Rag(Count(u.Amber, Culture), u.Amber > 0 ? RagStatus.Amber : RagStatus.NoData),
                    Rag(Count(u.Red, Culture), u.Red > 0 ? RagStatus.Red : RagStatus.NoData),
                    new TableCell(Count(u.NoData, Culture)),
                    new TableCell(Percent(RagCount.GreenShareOf(u.Green, u.Amber, u.Red), Culture), Bold: true),
                ])).ToList()) { SpaceAfter = 14f });

        Add(new Heading(T("standards.turned-off-target", Word(RagStatus.Red)), 2));
        if (s.TurnedRed.Count == 0) Add(new Paragraph(T("standards.turned-off-target-none", Word(RagStatus.Red)), Lead));
        else Add(StandardsTable(s.TurnedRed, withPrevious: true));

        Add(new Heading(T("standards.all"), 2));
        if (s.Standards.Count == 0) Add(new Paragraph(T("standards.none"), Lead));
        else Add(StandardsTable(s.Standards, withPrevious: false));
    }

    private Table StandardsTable(IReadOnlyList<ScorecardStandard> standards, bool withPrevious)
    {
        var columns = new List<TableColumn>
        {
            new(T("col.standard"), withPrevious ? 2.6f : 3.2f), new(T("col.unit"), 1.7f), new(T("col.aspect-channel"), 1.7f),
            new(T("col.target"), 1f, CellAlign.Right), new(T("col.actual"), 1.1f, CellAlign.Right),
        };
        if (withPrevious) columns.Add(new TableColumn(T("col.previous"), 1.1f, CellAlign.Right));
        columns.Add(new TableColumn(T("col.rag"), 1.1f, CellAlign.Center));
        return new Table(columns, standards.Select(st =>
        {
            var cells = new List<TableCell>
            {
                st.Title, st.OwnerUnitName, $"{Terms.Of(st.Aspect, Culture)} · {T("channel.short." + st.Channel)}",
                new TableCell(Metric(st.Target, st.Unit, Culture)), new TableCell(Metric(st.Actual, st.Unit, Culture), Bold: true),
            };
            if (withPrevious) cells.Add(Metric(st.PreviousActual, st.Unit, Culture));
            cells.Add(Rag(Terms.Of(st.Rag, Culture), st.Rag));
            return new TableRow(cells);
        }).ToList()) { CellStyle = new TextStyle(8.5f), HeaderStyle = new TextStyle(8.5f, true), SpaceAfter = 14f };
    }
}
