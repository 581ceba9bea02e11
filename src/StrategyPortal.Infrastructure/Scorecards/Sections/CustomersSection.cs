using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>Customer scores: NPS, CSAT, CES, complaints, churn reasons and the channels.</summary>
internal sealed class CustomersSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var c = Data.Customers;
        Section(T("customers.title"), T("customers.intro"));
        if (!c.HasData)
        {
            Add(new Paragraph(T("customers.none"), Lead));
            return;
        }
        var now = c.Current!;
        var before = c.Previous;
        Add(new KeyFigures([
            new KeyFigure(T("kf.nps"), Score(now.Nps, Culture), now.NpsMargin is { } m ? T("cust.margin", Figures.Margin(m, Culture), Count(now.NpsResponses, Culture)) : null, Navy),
            new KeyFigure(T("kf.csat"), Percent(now.Csat, Culture), VsLast(Delta(now.Csat, before?.Csat, Culture, T("unit.points"))), Navy),
            new KeyFigure(T("kf.ces"), Mean(now.Ces, Culture), T("cust.ces-scale"), Navy),
            new KeyFigure(T("kf.complaints"), Count(now.Complaints, Culture), before is null ? null : T("kf.vs-last-count", Count(before.Complaints, Culture)), Navy),
        ]) { SpaceAfter = 10f });

        Add(new Chart(plot =>
        {
            var nps = c.Trend.Select((t, i) => (t, i)).Where(x => x.t.Nps is not null).ToList();
            var csat = c.Trend.Select((t, i) => (t, i)).Where(x => x.t.Csat is not null).ToList();
            Line(plot, nps.Select(x => (double)x.i).ToArray(), nps.Select(x => x.t.Nps!.Value).ToArray(), CNavy, T("kf.nps"));
            Line(plot, csat.Select(x => (double)x.i).ToArray(), csat.Select(x => x.t.Csat!.Value).ToArray(), CTeal, T("kf.csat"));
            Ticks(plot, c.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
            Style(plot, T("chart.customer-trend"));
            var lowest = nps.Select(x => x.t.Nps!.Value).Concat(csat.Select(x => x.t.Csat!.Value)).DefaultIfEmpty(0).Min();
            plot.Axes.SetLimitsY(Math.Min(0, Math.Floor(lowest / 10) * 10 - 10), 100);
            plot.ShowLegend(ScottPlot.Edge.Bottom);
        }, 215f, T("chart.customer-trend-caption")));

        Add(new Chart(plot =>
        {
            ChurnReason[] reasons = [ChurnReason.Service, ChurnReason.Price, ChurnReason.Need];
            var bars = new List<ScottPlot.Bar>();
            for (var i = 0; i < reasons.Length; i++)
            {
                var ours = now.ChurnShare(reasons[i]) ?? 0;
                bars.Add(new ScottPlot.Bar { Position = i * 4, Value = ours, FillColor = CNavy, LineWidth = 0, Size = 0.9, Label = Percent(now.ChurnShare(reasons[i]), Culture) });
                bars.Add(new ScottPlot.Bar { Position = i * 4 + 1, Value = Application.CustomerScores.ChurnReference.CustomersSay[reasons[i]], FillColor = CTeal, LineWidth = 0, Size = 0.9 });
                bars.Add(new ScottPlot.Bar { Position = i * 4 + 2, Value = Application.CustomerScores.ChurnReference.CompanyBelieves[reasons[i]], FillColor = CSand, LineWidth = 0, Size = 0.9 });
            }
            var plotted = plot.Add.Bars(bars);
            plotted.ValueLabelStyle.FontSize = 9;
            plotted.ValueLabelStyle.FontName = PdfFonts.ChartFamily;
            plot.Axes.Bottom.SetTicks([1, 5, 9], reasons.Select(r => Terms.Of(r, Culture)).ToArray());
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.ours"), FillColor = CNavy });
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.customers-say"), FillColor = CTeal });
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.company-believes"), FillColor = CSand });
            Style(plot, T("chart.churn"), yMin: 0);
            plot.Axes.SetLimitsY(0, 100);
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }, 190f));
        Add(new Paragraph(T("chart.churn-caption", Count(now.ChurnTotal, Culture)), Note) { SpaceAfter = 10f });

        Add(new Chart(plot =>
        {
            var bars = c.Trend.Select((t, i) => new ScottPlot.Bar { Position = i, Value = t.Complaints, FillColor = i == c.Trend.Count - 1 ? CCoral : CGrey, LineWidth = 0, Size = 0.6 }).ToList();
            plot.Add.Bars(bars);
            Ticks(plot, c.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
            Style(plot, T("chart.complaints"), yMin: 0);
        }, 150f, T("chart.complaints-caption")));

        if (c.Channels.Count > 0)
        {
            Add(new Heading(T("customers.channels"), 2));
            Add(new Table(
                [new(T("col.channel"), 2f), new(T("kf.nps"), 1f, CellAlign.Right), new(T("col.answers"), 1f, CellAlign.Right),
                 new(T("kf.csat"), 1f, CellAlign.Right), new(T("kf.ces"), 1f, CellAlign.Right), new(T("kf.complaints"), 1f, CellAlign.Right)],
                c.Channels.Select(ch => new TableRow([
                    Terms.Of(ch.Channel, Culture), new TableCell(Score(ch.Nps, Culture), Bold: true), Count(ch.NpsResponses, Culture),
                    Percent(ch.Csat, Culture), Mean(ch.Ces, Culture), Count(ch.Complaints, Culture),
                ])).ToList()) { SpaceAfter = 8f });
        }
        Add(new Paragraph(T("customers.reading", Percent(now.ChurnShare(ChurnReason.Service), Culture)), Lead));
    }
}
