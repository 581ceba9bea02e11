using SkiaSharp;

namespace StrategyPortal.Infrastructure.Pdf;

/// <summary>A style for a run of text. Sizes are in points.</summary>
public sealed record TextStyle(float Size = 10f, bool Bold = false, SKColor? Color = null, float LineSpacing = 1.25f)
{
    public SKColor Ink => Color ?? new SKColor(0x1b, 0x1b, 0x1b);
    public float LineHeight => Size * LineSpacing;

    public static TextStyle Body { get; } = new();
    public static TextStyle Small { get; } = new(8.5f, Color: new SKColor(0x44, 0x44, 0x44));
    public static TextStyle Heading1 { get; } = new(18f, true, new SKColor(0x1f, 0x4e, 0x79));
    public static TextStyle Heading2 { get; } = new(13f, true, new SKColor(0x1f, 0x4e, 0x79));
}

public enum CellAlign { Left, Right, Center }

/// <summary>The whole document: page geometry, running header/footer and the flow of blocks.</summary>
public sealed class PdfDocumentSpec
{
    /// <summary>A4 portrait in points.</summary>
    public SKSize PageSize { get; init; } = new(595.28f, 841.89f);
    public float Margin { get; init; } = 48f;
    public string Title { get; init; } = string.Empty;
    public string Author { get; init; } = string.Empty;
    public string Language { get; init; } = "en";

    /// <summary>Left part of the running header, e.g. the company.</summary>
    public string HeaderLeft { get; init; } = string.Empty;
    /// <summary>Right part of the running header, e.g. the quarter.</summary>
    public string HeaderRight { get; init; } = string.Empty;
    /// <summary>Left part of the footer, e.g. "Issued 2026-10-03".</summary>
    public string FooterLeft { get; init; } = string.Empty;
    /// <summary>Page numbering text with {0} = page and {1} = page count, e.g. "Page {0} of {1}".</summary>
    public string PageNumberFormat { get; init; } = "Page {0} of {1}";

    public List<Block> Blocks { get; } = [];

    public PdfDocumentSpec Add(Block block)
    {
        Blocks.Add(block);
        return this;
    }
}

/// <summary>Something in the flow. Blocks are measured for a width, then placed on pages, then drawn.</summary>
public abstract record Block
{
    /// <summary>Space kept free below the block.</summary>
    public float SpaceAfter { get; init; } = 8f;
}

/// <summary>Wrapped text; splits between lines across pages.</summary>
public sealed record Paragraph(string Text, TextStyle? Style = null) : Block;

/// <summary>A heading that is never left alone at the bottom of a page: it moves with what follows.</summary>
public sealed record Heading(string Text, int Level = 1) : Block
{
    public TextStyle Style => Level <= 1 ? TextStyle.Heading1 : TextStyle.Heading2;
}

/// <summary>A row of key-figure tiles (label, big value, small note). Never split.</summary>
public sealed record KeyFigures(IReadOnlyList<KeyFigure> Tiles) : Block;

public sealed record KeyFigure(string Label, string Value, string? Note = null, SKColor? Accent = null);

/// <summary>
/// A table with relative column widths. The header row repeats at the top of every page the table
/// spans; a row is never split (a row taller than a page is clipped to it).
/// </summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : Block
{
    public TextStyle HeaderStyle { get; init; } = new(9f, true);
    public TextStyle CellStyle { get; init; } = new(9f);
}

public sealed record TableColumn(string Header, float Weight = 1f, CellAlign Align = CellAlign.Left);

public sealed record TableRow(IReadOnlyList<TableCell> Cells);

public sealed record TableCell(string Text, SKColor? Background = null, SKColor? Ink = null, bool Bold = false)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>A ScottPlot chart drawn as vectors into a box of the given height. Never split.</summary>
public sealed record Chart(Action<ScottPlot.Plot> Build, float Height = 220f, string? Caption = null) : Block;

/// <summary>Vertical space.</summary>
public sealed record Spacer(float Height) : Block
{
    public Spacer() : this(12f) { }
}

/// <summary>Starts a new page (unless the current page is still empty).</summary>
public sealed record PageBreak : Block;
