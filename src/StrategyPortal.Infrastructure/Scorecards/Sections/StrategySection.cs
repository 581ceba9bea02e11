using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The strategy: the value discipline and how the active standards cover its aspects and channels.</summary>
internal sealed class StrategySection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var strategy = Data.Strategy;
        Section(T("strategy.title"), strategy.Discipline is { } d ? T("strategy.intro", Terms.Of(d, Culture)) : T("strategy.intro-none"));
        if (strategy.Discipline is { } discipline)
        {
            Add(new Paragraph(T("discipline-text." + discipline), Lead));
            if (!string.IsNullOrWhiteSpace(strategy.Rationale))
                Add(new Paragraph(T("strategy.rationale", strategy.Rationale.Trim()), new TextStyle(10f, Color: Slate)) { SpaceAfter = 12f });
        }

        Add(new Heading(T("strategy.coverage"), 2));
        Add(new Paragraph(T("strategy.coverage-intro", strategy.ActiveStandards), Note));
        var channels = Enum.GetValues<ServiceChannel>();
        var columns = new List<TableColumn> { new(T("col.aspect"), 1.6f) };
        columns.AddRange(channels.Select(ch => new TableColumn(T("channel.short." + ch), 1f, CellAlign.Center)));
        columns.Add(new TableColumn(T("col.total"), 0.9f, CellAlign.Right));
        var rows = Enum.GetValues<ServiceAspect>().Select(a =>
        {
            var cells = new List<TableCell> { new(Terms.Of(a, Culture), Bold: true) };
            cells.AddRange(channels.Select(ch => strategy.Count(a, ch) is var n && n > 0
                ? new TableCell(Count(n, Culture))
                : new TableCell("0", ch == ServiceChannel.Any ? null : GreyFill, GreyInk)));
            var total = strategy.AspectTotal(a);
            cells.Add(new TableCell(Count(total, Culture), total == 0 ? RedFill : null, total == 0 ? RedInk : null, true));
            return new TableRow(cells);
        }).ToList();
        var totals = new List<TableCell> { new(T("col.total"), Bold: true) };
        totals.AddRange(channels.Select(ch => strategy.ChannelTotal(ch) is var n && n == 0 && ch != ServiceChannel.Any
            ? new TableCell("0", RedFill, RedInk, true) : new TableCell(Count(strategy.ChannelTotal(ch), Culture), Bold: true)));
        totals.Add(new TableCell(Count(strategy.ActiveStandards, Culture), Bold: true));
        rows.Add(new TableRow(totals));
        Add(new Table(columns, rows) { SpaceAfter = 6f });
        Add(new Paragraph(T("strategy.coverage-legend"), Note) { SpaceAfter = 14f });

        var gaps = channels.Where(ch => ch != ServiceChannel.Any && strategy.ChannelTotal(ch) == 0).Select(ch => Terms.Of(ch, Culture)).ToList();
        var aspectGaps = Enum.GetValues<ServiceAspect>().Where(a => strategy.AspectTotal(a) == 0).Select(a => Terms.Of(a, Culture)).ToList();
        Add(new Paragraph(gaps.Count + aspectGaps.Count == 0 ? T("strategy.no-gaps")
            : T("strategy.gaps", string.Join(", ", aspectGaps.Concat(gaps))), Lead));

        Add(new Chart(plot =>
        {
            var aspects = Enum.GetValues<ServiceAspect>();
            ScottPlot.Color[] colours = [CNavy, CTeal, CSand];
            var bars = new List<ScottPlot.Bar>();
            for (var i = 0; i < channels.Length; i++)
            {
                double bottom = 0;
                for (var a = 0; a < aspects.Length; a++)
                {
                    var n = strategy.Count(aspects[a], channels[i]);
                    if (n == 0) continue;
                    bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colours[a], LineWidth = 0, Size = 0.6 });
                    bottom += n;
                }
            }
            plot.Add.Bars(bars);
            Ticks(plot, channels.Select(ch => T("channel.short." + ch)).ToArray());
            plot.Legend.ManualItems.AddRange(aspects.Select((a, i) => new ScottPlot.LegendItem { LabelText = Terms.Of(a, Culture), FillColor = colours[i] }));
            Style(plot, T("chart.coverage"), yMin: 0);
            plot.ShowLegend(ScottPlot.Edge.Right);
        }, 210f, T("chart.coverage-caption")));
    }
}
