using SkiaSharp;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
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
                new KeyFigure(Terms.Of(EngagementClass.Engaged, Culture), Figures.Shares(Culture, shares.Engaged, shares.NotEngaged, shares.ActivelyDisengaged)[0], T("eng.gallup", Percent(EngagementFormulas.GallupEngaged, Culture)), GreenInk),
                new KeyFigure(Terms.Of(EngagementClass.NotEngaged, Culture), Figures.Shares(Culture, shares.Engaged, shares.NotEngaged, shares.ActivelyDisengaged)[1], T("eng.gallup", Percent(EngagementFormulas.GallupNotEngaged, Culture)), AmberInk),
                new KeyFigure(Terms.Of(EngagementClass.ActivelyDisengaged, Culture), Figures.Shares(Culture, shares.Engaged, shares.NotEngaged, shares.ActivelyDisengaged)[2], T("eng.gallup", Percent(EngagementFormulas.GallupActivelyDisengaged, Culture)), RedInk),
                new KeyFigure(T("kf.enps"), Score(e.Enps, Culture), e.ResponseRate is { } rate ? T("eng.response-rate", Percent(rate, Culture)) : null, Navy),
            ]) { SpaceAfter = 10f });
            Add(new Chart(plot =>
            {
                string[] labels = [Terms.Of(EngagementClass.Engaged, Culture), Terms.Of(EngagementClass.NotEngaged, Culture), Terms.Of(EngagementClass.ActivelyDisengaged, Culture)];
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
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.Engaged!.Value).ToArray(), CGreen, Terms.Of(EngagementClass.Engaged, Culture));
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.NotEngaged!.Value).ToArray(), CAmber, Terms.Of(EngagementClass.NotEngaged, Culture));
                Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.ActivelyDisengaged!.Value).ToArray(), CRed, Terms.Of(EngagementClass.ActivelyDisengaged, Culture));
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
        var columns = new List<TableColumn> { new(T("col.unit"), 3f), new(Terms.Of(EngagementClass.Engaged, Culture), 2f, CellAlign.Center) };
        var labels = Terms.ItemLabels(e.Items.Select(i => i.Kind), Culture);
        columns.AddRange(e.Items.Select((item, i) => new TableColumn(labels[i], item.Kind == QuestionKind.Enps ? 1.3f : 1f, CellAlign.Center)));
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
                // The engaged share as the results page writes it: one of three shares that add up to 100.
                cells.Add(Heat(row.Shares?.WholePercentages()[0] ?? row.EngagedShare, EngagementMeasure.EngagedShare));
                cells.AddRange(e.Items.Select((item, i) => i < row.Scores.Count
                    ? Heat(row.Scores[i], item.Kind == QuestionKind.Enps ? EngagementMeasure.Enps : EngagementMeasure.Favourable)
                    : new TableCell(Missing)));
            }
            return new TableRow(cells);
        }).ToList();
        Add(new Table(columns, rows) { CellStyle = new TextStyle(8f), HeaderStyle = new TextStyle(8f, true), SpaceAfter = 6f });
        Add(new Paragraph(string.Join("   ", e.Items.Select((item, i) => $"{labels[i]}: {item.Text(Language)}")), Note) { SpaceAfter = 4f });
        Add(new Paragraph(Terms.EngagementLegend([EngagementMeasure.Favourable, EngagementMeasure.EngagedShare, EngagementMeasure.Enps], Culture), Note));
    }

    /// <summary>A heat-map cell: the figure as the results page writes it, in its band's colours from the one band table.</summary>
    private TableCell Heat(double? value, EngagementMeasure measure)
    {
        if (value is not { } v) return new TableCell(Missing, null, GreyInk);
        var (fill, ink) = BandColours.Of(EngagementBands.For(measure).Of(v));
        var text = measure == EngagementMeasure.Enps ? Figures.Score(v, Culture) : Figures.Percent(v, Culture);
        return new TableCell(text, SKColor.Parse(fill), SKColor.Parse(ink));
    }
}
