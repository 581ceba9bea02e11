using System.Globalization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>Employee engagement: shares beside Gallup, trends and the heat map of shown groups (hidden groups carry no figures).</summary>
internal sealed class EngagementSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var e = Data.Engagement;
        Section(T("engagement.title"), T("engagement.intro"));
        if (!e.HasPulse)
        {
            Add(new Paragraph(T("engagement.no-pulse"), Lead));
            return;
        }
        if (e.IsShown)
        {
            var shares = e.Shares!;
            Add(new KeyFigures([
                new KeyFigure(T("eng.engaged"), Percent(shares.Engaged, Culture), T("eng.gallup", Percent(EngagementFormulas.GallupEngaged, Culture)), GreenInk),
                new KeyFigure(T("eng.not-engaged"), Percent(shares.NotEngaged, Culture), T("eng.gallup", Percent(EngagementFormulas.GallupNotEngaged, Culture)), AmberInk),
                new KeyFigure(T("eng.disengaged"), Percent(shares.ActivelyDisengaged, Culture), T("eng.gallup", Percent(EngagementFormulas.GallupActivelyDisengaged, Culture)), RedInk),
                new KeyFigure(T("kf.enps"), Score(e.Enps, Culture), e.ResponseRate is { } rate ? T("eng.response-rate", Percent(rate, Culture)) : null, Navy),
            ]) { SpaceAfter = 10f });
            Add(new Chart(plot =>
            {
                string[] labels = [T("eng.engaged"), T("eng.not-engaged"), T("eng.disengaged")];
                double[] ours = [shares.Engaged, shares.NotEngaged, shares.ActivelyDisengaged];
                double[] gallup = [EngagementFormulas.GallupEngaged, EngagementFormulas.GallupNotEngaged, EngagementFormulas.GallupActivelyDisengaged];
                var bars = new List<ScottPlot.Bar>();
                for (var i = 0; i < 3; i++)
                {
                    bars.Add(new ScottPlot.Bar { Position = i * 3, Value = ours[i], FillColor = CNavy, LineWidth = 0, Size = 0.9, Label = Percent(ours[i], Culture) });
                    bars.Add(new ScottPlot.Bar { Position = i * 3 + 1, Value = gallup[i], FillColor = CGrey, LineWidth = 0, Size = 0.9, Label = Percent(gallup[i], Culture) });
                }
                var plotted = plot.Add.Bars(bars);
                plotted.ValueLabelStyle.FontSize = 9;
                plotted.ValueLabelStyle.FontName = PdfFonts.ChartFamily;
                plot.Axes.Bottom.SetTicks([0.5, 3.5, 6.5], labels);
                plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = Scope, FillColor = CNavy });
                plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("eng.gallup-legend"), FillColor = CGrey });
                Style(plot, T("chart.gallup"), yMin: 0);
                plot.Axes.SetLimitsY(0, 100);
                plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            }, 190f, T("chart.gallup-caption")));
        }
        else Add(new Paragraph(T("engagement.scope-hidden", e.MinGroupSize), Lead));

        if (e.Trend.Count > 0)
        {
            Add(new Chart(plot =>
            {
                var shown = e.Trend.Select((t, i) => (t, i)).Where(x => x.t.Engaged is not null).ToList();
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.Engaged!.Value).ToArray(), CGreen, T("eng.engaged"));
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.NotEngaged!.Value).ToArray(), CAmber, T("eng.not-engaged"));
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.ActivelyDisengaged!.Value).ToArray(), CRed, T("eng.disengaged"));
                Ticks(plot, e.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                Style(plot, T("chart.engagement-trend"), yMin: 0);
                plot.Axes.SetLimitsY(0, 100);
                plot.ShowLegend(ScottPlot.Edge.Bottom);
            }, 200f, T("chart.engagement-trend-caption")));
            Add(new Chart(plot =>
            {
                var shown = e.Trend.Select((t, i) => (t, i)).Where(x => x.t.Enps is not null).ToList();
                var zero = plot.Add.HorizontalLine(0, 1, CGrey);
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.Enps!.Value).ToArray(), CNavy, T("kf.enps"));
                Ticks(plot, e.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                Style(plot, T("chart.enps-trend"));
                var values = shown.Select(x => x.t.Enps!.Value).DefaultIfEmpty(0).ToList();
                plot.Axes.SetLimitsY(Math.Min(-10, values.Min() - 10), Math.Max(10, values.Max() + 10));
            }, 150f, T("chart.enps-trend-caption")));
        }

        Add(new Heading(T("engagement.heatmap"), 2));
        Add(new Paragraph(T("engagement.heatmap-intro", e.MinGroupSize), Note));
        var columns = new List<TableColumn> { new(T("col.unit"), 3f), new(T("eng.engaged-short"), 2f, CellAlign.Center) };
        columns.AddRange(e.Items.Select((item, i) => new TableColumn(item.Kind == QuestionKind.Enps ? "eNPS" : T("eng.item-prefix") + (i + 1).ToString(Culture), item.Kind == QuestionKind.Enps ? 1.3f : 1f, CellAlign.Center)));
        var rows = e.HeatMap.Select(row =>
        {
            if (!row.IsShown)
            {
                var hidden = new List<TableCell> { new(Indent(row.Depth) + row.UnitName, GreyFill, GreyInk), new(T("hidden.cell"), GreyFill, GreyInk) };
                hidden.AddRange(e.Items.Select(_ => new TableCell(string.Empty, GreyFill)));
                return new TableRow(hidden);
            }
            var cells = new List<TableCell> { new(Indent(row.Depth) + row.UnitName, Bold: row.Depth == 0) };
            {
                cells.Add(Heat(row.EngagedShare, 35, 25, Percent));
                cells.AddRange(e.Items.Select((item, i) => i < row.Scores.Count
                    ? item.Kind == QuestionKind.Enps ? Heat(row.Scores[i], 10, -10, WholeScore) : Heat(row.Scores[i], 70, 50, (v, c) => v is { } x ? x.ToString("0", c) : Missing)
                    : new TableCell(Missing)));
            }
            return new TableRow(cells);
        }).ToList();
        Add(new Table(columns, rows) { CellStyle = new TextStyle(8f), HeaderStyle = new TextStyle(8f, true), SpaceAfter = 6f });
        Add(new Paragraph(string.Join("   ", e.Items.Select((item, i) => item.Kind == QuestionKind.Enps ? $"eNPS: {item.Text(Language)}" : $"{T("eng.item-prefix")}{i + 1}: {item.Text(Language)}")), Note) { SpaceAfter = 4f });
        Add(new Paragraph(T("engagement.heatmap-legend"), Note));
    }

    private TableCell Heat(double? value, double green, double amber, Func<double?, CultureInfo, string> format) => value is not { } v
        ? new TableCell(Missing, null, GreyInk)
        : v >= green ? new TableCell(format(v, Culture), GreenFill, GreenInk)
        : v >= amber ? new TableCell(format(v, Culture), AmberFill, AmberInk)
        : new TableCell(format(v, Culture), RedFill, RedInk);

    private static string WholeScore(double? value, CultureInfo culture) => value is { } v
        ? Math.Round(v) switch { > 0 => "+" + Math.Round(v).ToString("0", culture), < 0 => "\u2212" + Math.Round(-v).ToString("0", culture), _ => "0" }
        : Missing;
}
