using System.Globalization;
using SkiaSharp;

namespace StrategyPortal.Infrastructure.Pdf;

/// <summary>
/// Lays a <see cref="PdfDocumentSpec"/> out on pages and draws it with Skia's PDF backend.
/// Two passes: measure and place every fragment (so "page X of Y" is known), then draw.
/// </summary>
public sealed class PdfRenderer(PdfFonts fonts)
{
    private const float HeaderHeight = 22f;
    private const float FooterHeight = 22f;
    private static readonly SKColor Rule = new(0xc8, 0xd0, 0xd8);
    private static readonly SKColor Muted = new(0x4a, 0x4a, 0x4a);
    private static readonly SKColor TableHeaderBackground = new(0xe6, 0xed, 0xf5);

    public byte[] Render(PdfDocumentSpec spec, DateTime? createdUtc = null)
    {
        using var stream = new MemoryStream();
        Draw(spec, stream, createdUtc);
        var pdf = stream.ToArray();
        WriteDatesAsUtc(pdf);
        return pdf;
    }

    public void Render(PdfDocumentSpec spec, Stream output, DateTime? createdUtc = null) => output.Write(Render(spec, createdUtc));

    /// <summary>
    /// Skia writes the document's creation and change dates with the offset of this process's time zone, whatever the
    /// DateTime says: a scorecard made at 09:00 UTC on an instance in Amsterdam claimed 09:00+01:00, and the same
    /// frozen snapshot drawn on instances in different zones gave different bytes (and SHA-256). Skia writes the digits
    /// it is given (the UTC ones); the offset after them is replaced by UTC's, which is just as long, so no byte moves.
    /// </summary>
    private static void WriteDatesAsUtc(byte[] pdf)
    {
        var head = pdf.AsSpan(0, Math.Min(pdf.Length, 4096));
        foreach (var key in DateKeys)
        {
            var at = head.IndexOf(key);
            if (at < 0) continue;
            var offset = at + key.Length + 14; // D:YYYYMMDDHHmmSS, then +HH'mm'
            if (offset + Utc.Length <= head.Length && head[offset] is (byte)'+' or (byte)'-' or (byte)'Z') Utc.CopyTo(pdf.AsSpan(offset));
        }
    }

    private static readonly byte[][] DateKeys = ["/CreationDate (D:"u8.ToArray(), "/ModDate (D:"u8.ToArray()];
    private static readonly byte[] Utc = "Z00'00'"u8.ToArray();

    private void Draw(PdfDocumentSpec spec, Stream output, DateTime? createdUtc)
    {
        var pages = Paginate(spec);
        var created = createdUtc ?? DateTime.UtcNow;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = spec.Title,
            Author = spec.Author,
            Creator = "StrategyPortal",
            Producer = "StrategyPortal (SkiaSharp)",
            Creation = created,
            Modified = created,
            RasterDpi = 150,
        };
        using var document = SKDocument.CreatePdf(output, metadata) ?? throw new InvalidOperationException("Skia could not create a PDF document.");
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(spec.PageSize.Width, spec.PageSize.Height);
            DrawRunningParts(canvas, spec, i + 1, pages.Count);
            foreach (var (fragment, y) in pages[i])
                fragment.Draw(canvas, spec.Margin, y, ContentWidth(spec));
            document.EndPage();
        }
        document.Close();
    }

    /// <summary>How many pages the spec takes; the layout without drawing.</summary>
    public int CountPages(PdfDocumentSpec spec) => Paginate(spec).Count;

    private static float ContentWidth(PdfDocumentSpec spec) => spec.PageSize.Width - 2 * spec.Margin;

    private List<List<(Fragment Fragment, float Y)>> Paginate(PdfDocumentSpec spec)
    {
        var width = ContentWidth(spec);
        var top = spec.Margin + HeaderHeight;
        var bottom = spec.PageSize.Height - spec.Margin - FooterHeight;
        var pages = new List<List<(Fragment, float)>> { new() };
        var y = top;

        void NewPage()
        {
            pages.Add([]);
            y = top;
        }

        var measured = spec.Blocks.Select(b => (Block: b, Units: Measure(b, width))).ToList();
        for (var i = 0; i < measured.Count; i++)
        {
            var (block, units) = measured[i];
            switch (block)
            {
                case PageBreak:
                    if (pages[^1].Count > 0) NewPage();
                    continue;
                case Spacer spacer:
                    if (y + spacer.Height > bottom) NewPage();
                    else if (pages[^1].Count > 0) y += spacer.Height;
                    continue;
            }

            if (block is Heading && pages[^1].Count > 0)
            {
                // Keep with next: the heading must share its page with the start of what follows.
                var needed = units.Sum(u => u.Height) + block.SpaceAfter + FirstUnitsHeight(measured, i + 1);
                if (y + needed > bottom) NewPage();
            }

            var breakAt = block is Paragraph && y > top ? ParagraphBreak(units, bottom - y) : -1;
            if (breakAt == 0) NewPage();

            var repeatHeader = units.FirstOrDefault(u => u.RepeatsOnNewPage);
            for (var u = 0; u < units.Count; u++)
            {
                var unit = units[u];
                if ((y + unit.Height > bottom || u == breakAt) && y > top)
                {
                    NewPage();
                    if (repeatHeader is not null && !ReferenceEquals(unit, repeatHeader))
                    {
                        pages[^1].Add((repeatHeader, y));
                        y += repeatHeader.Height;
                    }
                }
                pages[^1].Add((unit, y));
                y += Math.Min(unit.Height, bottom - top);
            }
            y += block.SpaceAfter;
        }
        if (pages.Count > 1 && pages[^1].Count == 0) pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>
    /// Where a paragraph that does not fit in <paramref name="room"/> starts its next page: never one line alone on either
    /// side (a short paragraph moves whole; a long one takes a second line along), -1 when it fits or is split anyway.
    /// </summary>
    private static int ParagraphBreak(List<Fragment> lines, float room)
    {
        var fits = 0;
        for (var used = 0f; fits < lines.Count && used + lines[fits].Height <= room; fits++) used += lines[fits].Height;
        if (fits == lines.Count) return -1;
        if (fits < 2 || lines.Count < 4) return 0;
        return lines.Count - fits < 2 ? lines.Count - 2 : -1;
    }

    /// <summary>The height of the first unbreakable piece of the next block (a table's header plus one row).</summary>
    private static float FirstUnitsHeight(List<(Block Block, List<Fragment> Units)> measured, int index)
    {
        if (index >= measured.Count) return 0;
        var units = measured[index].Units;
        if (units.Count == 0) return 0;
        return units[0].RepeatsOnNewPage && units.Count > 1 ? units[0].Height + units[1].Height : units[0].Height;
    }

    private List<Fragment> Measure(Block block, float width) => block switch
    {
        Heading h => TextLines(h.Text, h.Style, width),
        Paragraph p => TextLines(p.Text, p.Style ?? TextStyle.Body, width),
        KeyFigures k => [new TilesFragment(this, k)],
        Table t => MeasureTable(t, width),
        Chart c => [new ChartFragment(this, c)],
        PageBreak or Spacer => [],
        _ => throw new NotSupportedException($"Unknown block {block.GetType().Name}"),
    };

    private List<Fragment> TextLines(string text, TextStyle style, float width)
    {
        using var font = Font(style, text);
        return Wrap(text, font, width).Select(line => (Fragment)new LineFragment(this, line, style)).ToList();
    }

    private List<Fragment> MeasureTable(Table table, float width)
    {
        var total = table.Columns.Sum(c => c.Weight);
        var widths = table.Columns.Select(c => width * c.Weight / total).ToArray();
        var units = new List<Fragment>
        {
            new TableRowFragment(this, table.Columns.Select(c => new TableCell(c.Header, TableHeaderBackground, null, true)).ToList(), table, widths, isHeader: true),
        };
        units.AddRange(table.Rows.Select(r => new TableRowFragment(this, r.Cells, table, widths, isHeader: false)));
        return units;
    }

    /// <summary>A font for <paramref name="text"/>: the subset typeface unless the text needs a glyph outside it.</summary>
    internal SKFont Font(TextStyle style, string? text = null) => new(fonts.For(style.Bold, text), style.Size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    internal SKFont Font(float size, bool bold, string? text = null) => new(fonts.For(bold, text), size) { Subpixel = true };

    /// <summary>Greedy word wrap; a word wider than the line is broken between characters.</summary>
    internal static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? string.Empty).Replace("\r\n", "\n").Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (font.MeasureText(current) > width && current.Length > 1)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && font.MeasureText(current[..fit]) > width) fit--;
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    private void DrawRunningParts(SKCanvas canvas, PdfDocumentSpec spec, int page, int pageCount)
    {
        var left = spec.Margin;
        var right = spec.PageSize.Width - spec.Margin;
        using var font = Font(8.5f, bold: false, spec.HeaderLeft + spec.HeaderRight + spec.FooterLeft);
        using var ink = new SKPaint { Color = Muted, IsAntialias = true };
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.6f, IsStroke = true };

        var headerBaseline = spec.Margin + 10f;
        canvas.DrawText(spec.HeaderLeft, left, headerBaseline, SKTextAlign.Left, font, ink);
        canvas.DrawText(spec.HeaderRight, right, headerBaseline, SKTextAlign.Right, font, ink);
        canvas.DrawLine(left, headerBaseline + 5f, right, headerBaseline + 5f, rule);

        var footerBaseline = spec.PageSize.Height - spec.Margin;
        canvas.DrawLine(left, footerBaseline - 12f, right, footerBaseline - 12f, rule);
        canvas.DrawText(spec.FooterLeft, left, footerBaseline, SKTextAlign.Left, font, ink);
        canvas.DrawText(string.Format(CultureInfo.InvariantCulture, spec.PageNumberFormat, page, pageCount), right, footerBaseline, SKTextAlign.Right, font, ink);
    }

    /// <summary>A piece of a block that is placed whole on one page.</summary>
    private abstract class Fragment
    {
        public abstract float Height { get; }
        public virtual bool RepeatsOnNewPage => false;
        public abstract void Draw(SKCanvas canvas, float x, float y, float width);
    }

    private sealed class LineFragment(PdfRenderer renderer, string text, TextStyle style) : Fragment
    {
        public override float Height => style.LineHeight;

        public override void Draw(SKCanvas canvas, float x, float y, float width)
        {
            using var font = renderer.Font(style, text);
            using var paint = new SKPaint { Color = style.Ink, IsAntialias = true };
            canvas.DrawText(text, x, y + style.Size, SKTextAlign.Left, font, paint);
        }
    }

    private sealed class TilesFragment(PdfRenderer renderer, KeyFigures figures) : Fragment
    {
        private const float Gap = 8f;
        public override float Height => 70f;

        public override void Draw(SKCanvas canvas, float x, float y, float width)
        {
            var count = Math.Max(1, figures.Tiles.Count);
            var tileWidth = (width - Gap * (count - 1)) / count;
            using var background = new SKPaint { Color = new SKColor(0xf3, 0xf6, 0xfa), IsAntialias = true };
            var allText = string.Concat(figures.Tiles.Select(t => t.Label + t.Value + t.Note));
            using var labelFont = renderer.Font(8f, false, allText);
            using var valueFont = renderer.Font(17f, true, allText);
            using var noteFont = renderer.Font(7.5f, false, allText);
            using var muted = new SKPaint { Color = Muted, IsAntialias = true };
            using var ink = new SKPaint { Color = new SKColor(0x1b, 0x1b, 0x1b), IsAntialias = true };
            for (var i = 0; i < figures.Tiles.Count; i++)
            {
                var tile = figures.Tiles[i];
                var left = x + i * (tileWidth + Gap);
                canvas.DrawRoundRect(new SKRect(left, y, left + tileWidth, y + Height), 4f, 4f, background);
                using var accent = new SKPaint { Color = tile.Accent ?? new SKColor(0x1f, 0x4e, 0x79) };
                canvas.DrawRect(new SKRect(left, y, left + 3f, y + Height), accent);
                var labelLine = Wrap(tile.Label, labelFont, tileWidth - 14f).FirstOrDefault() ?? string.Empty;
                canvas.DrawText(labelLine, left + 9f, y + 15f, SKTextAlign.Left, labelFont, muted);
                canvas.DrawText(tile.Value, left + 9f, y + 40f, SKTextAlign.Left, valueFont, ink);
                if (tile.Note is not null)
                {
                    var noteLine = Wrap(tile.Note, noteFont, tileWidth - 14f).FirstOrDefault() ?? string.Empty;
                    using var notePaint = new SKPaint { Color = tile.Accent ?? Muted, IsAntialias = true };
                    canvas.DrawText(noteLine, left + 9f, y + 58f, SKTextAlign.Left, noteFont, notePaint);
                }
            }
        }
    }

    private sealed class TableRowFragment : Fragment
    {
        private const float Padding = 4f;
        private readonly PdfRenderer _renderer;
        private readonly IReadOnlyList<TableCell> _cells;
        private readonly Table _table;
        private readonly float[] _widths;
        private readonly bool _isHeader;
        private readonly List<string>[] _lines;
        private readonly float _height;

        public TableRowFragment(PdfRenderer renderer, IReadOnlyList<TableCell> cells, Table table, float[] widths, bool isHeader)
        {
            _renderer = renderer;
            _cells = cells;
            _table = table;
            _widths = widths;
            _isHeader = isHeader;
            _lines = new List<string>[widths.Length];
            var maxLines = 1;
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = c < cells.Count ? cells[c] : new TableCell(string.Empty);
                using var font = renderer.Font(Style(cell), cell.Text);
                _lines[c] = Wrap(cell.Text, font, widths[c] - 2 * Padding);
                maxLines = Math.Max(maxLines, _lines[c].Count);
            }
            _height = maxLines * table.CellStyle.LineHeight + 2 * Padding;
        }

        public override float Height => _height;
        public override bool RepeatsOnNewPage => _isHeader;

        private TextStyle Style(TableCell cell) =>
            (_isHeader ? _table.HeaderStyle : _table.CellStyle) with { Bold = _isHeader || cell.Bold };

        public override void Draw(SKCanvas canvas, float x, float y, float width)
        {
            var left = x;
            using var rule = new SKPaint { Color = Rule, StrokeWidth = _isHeader ? 0.9f : 0.5f, IsStroke = true };
            for (var c = 0; c < _widths.Length; c++)
            {
                var cell = c < _cells.Count ? _cells[c] : new TableCell(string.Empty);
                if (cell.Background is { } background)
                {
                    using var fill = new SKPaint { Color = background };
                    canvas.DrawRect(new SKRect(left, y, left + _widths[c], y + _height), fill);
                }
                var style = Style(cell);
                using var font = _renderer.Font(style, cell.Text);
                using var ink = new SKPaint { Color = cell.Ink ?? style.Ink, IsAntialias = true };
                var column = _table.Columns[c];
                for (var l = 0; l < _lines[c].Count; l++)
                {
                    var baseline = y + Padding + style.Size + l * _table.CellStyle.LineHeight;
                    var (textX, align) = column.Align switch
                    {
                        CellAlign.Right => (left + _widths[c] - Padding, SKTextAlign.Right),
                        CellAlign.Center => (left + _widths[c] / 2, SKTextAlign.Center),
                        _ => (left + Padding, SKTextAlign.Left),
                    };
                    canvas.DrawText(_lines[c][l], textX, baseline, align, font, ink);
                }
                left += _widths[c];
            }
            canvas.DrawLine(x, y + _height, x + width, y + _height, rule);
        }
    }

    private sealed class ChartFragment(PdfRenderer renderer, Chart chart) : Fragment
    {
        private const float CaptionHeight = 14f;
        public override float Height => chart.Height + (chart.Caption is null ? 0 : CaptionHeight);

        public override void Draw(SKCanvas canvas, float x, float y, float width)
        {
            var plot = new ScottPlot.Plot();
            plot.Font.Set(PdfFonts.ChartFamily);
            chart.Build(plot);
            canvas.Save();
            canvas.ClipRect(new SKRect(x, y, x + width, y + chart.Height));
            plot.Render(canvas, new ScottPlot.PixelRect(x, x + width, y + chart.Height, y));
            canvas.Restore();
            if (chart.Caption is not null)
            {
                using var font = renderer.Font(TextStyle.Small, chart.Caption);
                using var ink = new SKPaint { Color = TextStyle.Small.Ink, IsAntialias = true };
                canvas.DrawText(chart.Caption, x, y + chart.Height + 11f, SKTextAlign.Left, font, ink);
            }
        }
    }
}
