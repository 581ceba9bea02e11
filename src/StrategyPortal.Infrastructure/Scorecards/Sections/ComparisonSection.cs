using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>Engagement × customers: units plotted by engaged share against NPS, with the correlation.</summary>
internal sealed class ComparisonSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        var cmp = Data.Comparison;
        Section(T("comparison.title"), T("comparison.intro"));
        if (!cmp.EngagementAvailable || cmp.Points.Count == 0)
        {
            Add(new Paragraph(T("comparison.none"), Lead));
            return;
        }
        Add(new Chart(plot =>
        {
            var xs = cmp.Points.Select(p => p.EngagedShare).ToArray();
            var ys = cmp.Points.Select(p => p.Nps).ToArray();
            var current = cmp.Points.Where(p => p.Quarter == Data.Quarter).ToList();
            var earlier = cmp.Points.Where(p => p.Quarter != Data.Quarter).ToList();
            if (earlier.Count > 0)
            {
                var m = plot.Add.Markers(earlier.Select(p => p.EngagedShare).ToArray(), earlier.Select(p => p.Nps).ToArray(), ScottPlot.MarkerShape.FilledCircle, 6, CGrey.WithAlpha(0.8));
                m.LegendText = T("comparison.earlier");
            }
            if (current.Count > 0)
            {
                var m = plot.Add.Markers(current.Select(p => p.EngagedShare).ToArray(), current.Select(p => p.Nps).ToArray(), ScottPlot.MarkerShape.FilledCircle, 8, CNavy);
                m.LegendText = T("comparison.this-quarter", Data.Quarter);
                foreach (var p in current)
                {
                    var label = plot.Add.Text(p.UnitName, p.EngagedShare, p.Nps);
                    label.LabelFontSize = 8;
                    label.LabelFontName = PdfFonts.ChartFamily;
                    label.LabelFontColor = CNavy;
                    label.OffsetX = 5;
                    label.OffsetY = -4;
                }
            }
            if (xs.Length >= 2 && xs.Max() > xs.Min())
            {
                var (slope, intercept) = Fit(xs, ys);
                var fit = plot.Add.Line(xs.Min(), intercept + slope * xs.Min(), xs.Max(), intercept + slope * xs.Max());
                fit.Color = CCoral;
                fit.LineWidth = 1.5f;
                fit.LinePattern = ScottPlot.LinePattern.Dashed;
            }
            var spanX = Math.Max(5, xs.Max() - xs.Min());
            var spanY = Math.Max(5, ys.Max() - ys.Min());
            plot.Axes.SetLimits(xs.Min() - spanX * 0.08, xs.Max() + spanX * 0.3, ys.Min() - spanY * 0.15, ys.Max() + spanY * 0.15);
            plot.XLabel(T("comparison.x"));
            plot.YLabel(T("comparison.y"));
            Style(plot, T("chart.scatter"));
            plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        }, 300f, T("chart.scatter-caption", cmp.Points.Count, cmp.SuppressedCount)));

        Add(new KeyFigures([
            new KeyFigure(T("comparison.r"), Figures.Correlation(cmp.R, Culture), cmp.Strength is { } s ? Terms.Of(s, Culture) : T("comparison.too-few"), Navy),
            new KeyFigure(T("comparison.points"), Count(cmp.Points.Count, Culture), T("comparison.suppressed", cmp.SuppressedCount), Navy),
        ]) { SpaceAfter = 10f });
        Add(new Paragraph(cmp.R is not { } rv ? T("comparison.reading-none")
            : cmp.Strength == CorrelationStrength.None ? T("comparison.reading-unrelated")
            : T(rv >= 0 ? "comparison.reading-positive" : "comparison.reading-negative", Terms.Of(cmp.Strength, Culture)), Lead));
        Add(new Paragraph(T("comparison.caveat"), Note));
    }

    private static (double Slope, double Intercept) Fit(double[] xs, double[] ys)
    {
        var mx = xs.Average();
        var my = ys.Average();
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        var slope = sxx == 0 ? 0 : xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
        return (slope, my - slope * mx);
    }
}
