using SkiaSharp;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The scorecard's look, shared by its sections: a calm board-report palette, text styles, coloured cells and the chart style.</summary>
internal static class ScorecardLook
{
    // The band colours of the pages (one table, BandColours): green, amber and red cells look the same on screen and on paper.
    public static readonly SKColor Navy = new(0x1f, 0x4e, 0x79);
    public static readonly SKColor Slate = new(0x5b, 0x67, 0x75);
    public static readonly SKColor GreenInk = SKColor.Parse(BandColours.Of(Band.Good).Ink);
    public static readonly SKColor AmberInk = SKColor.Parse(BandColours.Of(Band.Middle).Ink);
    public static readonly SKColor RedInk = SKColor.Parse(BandColours.Of(Band.Poor).Ink);
    public static readonly SKColor GreyInk = SKColor.Parse(BandColours.Of(null).Ink);
    public static readonly SKColor GreenFill = SKColor.Parse(BandColours.Of(Band.Good).Fill);
    public static readonly SKColor AmberFill = SKColor.Parse(BandColours.Of(Band.Middle).Fill);
    public static readonly SKColor RedFill = SKColor.Parse(BandColours.Of(Band.Poor).Fill);
    public static readonly SKColor GreyFill = SKColor.Parse(BandColours.Of(null).Fill);

    public static readonly ScottPlot.Color CNavy = ScottPlot.Color.FromHex("#1f4e79");
    public static readonly ScottPlot.Color CTeal = ScottPlot.Color.FromHex("#2a9d8f");
    public static readonly ScottPlot.Color CSand = ScottPlot.Color.FromHex("#e9c46a");
    public static readonly ScottPlot.Color CCoral = ScottPlot.Color.FromHex("#d1603d");
    public static readonly ScottPlot.Color CGrey = ScottPlot.Color.FromHex("#a0a8b3");
    public static readonly ScottPlot.Color CGreen = ScottPlot.Color.FromHex("#4f9d69");
    public static readonly ScottPlot.Color CAmber = ScottPlot.Color.FromHex("#e3a72f");
    public static readonly ScottPlot.Color CRed = ScottPlot.Color.FromHex("#c8553d");
    public static readonly ScottPlot.Color CGrid = ScottPlot.Color.FromHex("#e6e9ed");

    public static readonly TextStyle Lead = new(11f, Color: new SKColor(0x33, 0x33, 0x33), LineSpacing: 1.35f);
    public static readonly TextStyle Note = new(8.5f, Color: new SKColor(0x55, 0x55, 0x55));
    public static readonly TextStyle CoverTitle = new(26f, true, Navy, 1.2f);
    public static readonly TextStyle CoverSubtitle = new(15f, false, Slate, 1.3f);

    /// <summary>Indents a unit's name by its depth in the tree.</summary>
    public static string Indent(int depth) => depth <= 0 ? string.Empty : new string('\u00A0', depth * 4);

    public static TableCell Rag(string text, RagStatus rag) => rag switch
    {
        RagStatus.Green => new TableCell(text, GreenFill, GreenInk, true),
        RagStatus.Amber => new TableCell(text, AmberFill, AmberInk, true),
        RagStatus.Red => new TableCell(text, RedFill, RedInk, true),
        _ => new TableCell(text, null, GreyInk),
    };

    public static void Line(ScottPlot.Plot plot, double[] xs, double[] ys, ScottPlot.Color colour, string label)
    {
        if (xs.Length == 0) return;
        var line = plot.Add.Scatter(xs, ys, colour);
        line.LineWidth = 2;
        line.MarkerSize = 6;
        line.LegendText = label;
    }

    public static void Ticks(ScottPlot.Plot plot, string[] labels) =>
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);

    /// <summary>The common look: small type in the document's font, light grid, no frame on top and right.</summary>
    public static void Style(ScottPlot.Plot plot, string title, double? yMin = null)
    {
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 11;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = CNavy;
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 8.5f;
            axis.Label.FontSize = 9;
            axis.Label.Bold = false;
        }
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Grid.MajorLineColor = CGrid;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Legend.FontSize = 8.5f;
        plot.Legend.OutlineColor = CGrid;
        plot.Font.Set(PdfFonts.ChartFamily);
        if (yMin is { } min) plot.Axes.Margins(bottom: 0);
    }
}
