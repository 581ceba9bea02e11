using StrategyPortal.Infrastructure.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace StrategyPortal.Infrastructure.Tests.Pdf;

/// <summary>The layout engine on its own: what is drawn is read back from the PDF with PdfPig.</summary>
public sealed class PdfRendererTests : IDisposable
{
    private readonly PdfFonts _fonts = PdfFonts.Load();
    private PdfRenderer Renderer => new(_fonts);

    public void Dispose() => _fonts.Dispose();

    private static PdfDocumentSpec NewSpec() => new()
    {
        Title = "Layout test",
        HeaderLeft = "Noordlicht Retail B.V.",
        HeaderRight = "2026-Q3",
        FooterLeft = "Draft",
        PageNumberFormat = "Page {0} of {1}",
    };

    private static List<Page> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().ToList();
    }

    private static string TextOf(Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    [Fact]
    public void Long_text_wraps_inside_the_margins()
    {
        var spec = NewSpec().Add(new Paragraph(string.Join(" ", Enumerable.Repeat("servicenormen klantcontact belofte", 60))));

        var page = Pages(Renderer.Render(spec)).Single();

        var body = page.GetWords().Where(w => w.Text is "servicenormen" or "klantcontact" or "belofte").ToList();
        Assert.True(body.Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct().Count() > 5, "expected several lines");
        Assert.All(body, w => Assert.InRange(w.BoundingBox.Right, spec.Margin - 1, spec.PageSize.Width - spec.Margin + 1));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_not_overflowing()
    {
        var spec = NewSpec().Add(new Paragraph(new string('W', 400)));

        var page = Pages(Renderer.Render(spec)).Single();

        Assert.All(page.Letters.Where(l => l.Value == "W"), l => Assert.True(l.BoundingBox.Right <= spec.PageSize.Width - spec.Margin + 1));
        Assert.Equal(400, page.Letters.Count(l => l.Value == "W"));
    }

    [Fact]
    public void A_long_table_repeats_its_header_on_every_page_and_never_splits_a_row()
    {
        var rows = Enumerable.Range(1, 150).Select(i => new TableRow([$"Row{i:000}", $"value{i:000} with enough words to wrap onto a second line in a narrow column", "12,5%"])).ToList();
        var spec = NewSpec().Add(new Table([new("Standard", 2), new("Description", 3), new("Actual", 1, CellAlign.Right)], rows));

        var pages = Pages(Renderer.Render(spec));

        Assert.True(pages.Count >= 3);
        Assert.All(pages, p => Assert.Contains("Description", TextOf(p)));
        var seen = new List<string>();
        foreach (var page in pages)
        {
            var words = page.GetWords().ToList();
            foreach (var label in words.Where(w => w.Text.StartsWith("Row", StringComparison.Ordinal)))
            {
                var number = label.Text[3..];
                Assert.Contains(words, w => w.Text == "value" + number);
                seen.Add(label.Text);
            }
        }
        Assert.Equal(rows.Select(r => r.Cells[0].Text), seen);
    }

    [Fact]
    public void A_heading_moves_to_the_next_page_with_its_text_instead_of_staying_alone()
    {
        var spec = NewSpec();
        // Fill the first page to just above its bottom, leaving room for a heading but not for heading + paragraph.
        var probe = new PdfRenderer(_fonts);
        var filler = 0;
        while (probe.CountPages(NewSpec().Add(new Paragraph(Lines(filler + 1), TextStyle.Body) { SpaceAfter = 0 }).Add(new Heading("Probe") { SpaceAfter = 0 })) == 1) filler++;
        spec.Add(new Paragraph(Lines(filler - 1), TextStyle.Body) { SpaceAfter = 0 });
        spec.Add(new Heading("Engagement"));
        spec.Add(new Paragraph(Lines(3)));

        var pages = Pages(Renderer.Render(spec));

        Assert.Equal(2, pages.Count);
        Assert.DoesNotContain("Engagement", TextOf(pages[0]));
        Assert.Contains("Engagement", TextOf(pages[1]));
        Assert.Contains("line3", TextOf(pages[1]));
    }

    private static string Lines(int count) => string.Join("\n", Enumerable.Range(1, count).Select(i => $"line{i}"));

    /// <summary>How many body lines one page holds.</summary>
    private int PageOfLines()
    {
        var probe = new PdfRenderer(_fonts);
        var lines = 1;
        while (probe.CountPages(NewSpec().Add(new Paragraph(Lines(lines + 1), TextStyle.Body) { SpaceAfter = 0 })) == 1) lines++;
        return lines;
    }

    private static string Words(string prefix, int count) => string.Join("\n", Enumerable.Range(1, count).Select(i => $"{prefix}{i}"));

    [Fact]
    public void A_paragraph_never_leaves_its_last_line_alone_on_the_next_page()
    {
        var spec = NewSpec().Add(new Paragraph(Lines(PageOfLines() - 5), TextStyle.Body) { SpaceAfter = 0 });
        spec.Add(new Paragraph(Words("end", 6), TextStyle.Body)); // five fit: the sixth would stand alone

        var pages = Pages(Renderer.Render(spec));

        Assert.Equal(2, pages.Count);
        Assert.Contains("end4", TextOf(pages[0]));
        Assert.DoesNotContain("end5", TextOf(pages[0]));
        Assert.Contains("end5 end6", TextOf(pages[1]));
    }

    [Fact]
    public void A_short_paragraph_that_does_not_fit_moves_whole_to_the_next_page()
    {
        var spec = NewSpec().Add(new Paragraph(Lines(PageOfLines() - 2), TextStyle.Body) { SpaceAfter = 0 });
        spec.Add(new Paragraph(Words("note", 3), TextStyle.Body)); // two fit

        var pages = Pages(Renderer.Render(spec));

        Assert.Equal(2, pages.Count);
        Assert.DoesNotContain("note", TextOf(pages[0]));
        Assert.Contains("note1 note2 note3", TextOf(pages[1]));
    }

    [Fact]
    public void Every_page_has_the_header_and_page_x_of_y()
    {
        var spec = NewSpec().Add(new Paragraph("first")).Add(new PageBreak()).Add(new Paragraph("second")).Add(new PageBreak()).Add(new Paragraph("third"));

        var pages = Pages(Renderer.Render(spec));

        Assert.Equal(3, pages.Count);
        for (var i = 0; i < 3; i++)
        {
            var text = TextOf(pages[i]);
            Assert.Contains($"Page {i + 1} of 3", text);
            Assert.Contains("Noordlicht Retail B.V.", text);
            Assert.Contains("2026-Q3", text);
        }
    }

    [Fact]
    public void A_page_break_at_the_end_leaves_no_empty_page()
    {
        var spec = NewSpec().Add(new Paragraph("only")).Add(new PageBreak());
        Assert.Single(Pages(Renderer.Render(spec)));
    }

    [Fact]
    public void Fonts_are_embedded_subsets_of_the_configured_files()
    {
        var spec = NewSpec().Add(new Heading("Scorecard")).Add(new Paragraph("Klanttevredenheid"));

        var page = Pages(Renderer.Render(spec)).Single();

        var fontNames = page.Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.All(fontNames, name => Assert.Contains("DejaVuSans", name));
        Assert.All(fontNames, name => Assert.Matches("^[A-Z]{6}\\+", name));
    }

    [Fact]
    public void Charts_are_drawn_as_vectors_with_real_text()
    {
        var spec = NewSpec().Add(new Chart(plot =>
        {
            plot.Add.Scatter(new double[] { 1, 2, 3, 4 }, new double[] { 20, 25, 23, 31 });
            plot.Title("NPS trend");
        }, 200, "NPS per quarter"));

        var pdf = Renderer.Render(spec);
        var page = Pages(pdf).Single();

        Assert.Empty(page.GetImages());
        Assert.Contains("NPS trend", TextOf(page));
        Assert.Contains("NPS per quarter", TextOf(page));
    }

    [Fact]
    public void Key_figures_show_label_value_and_note()
    {
        var spec = NewSpec().Add(new KeyFigures([new("NPS", "+23", "+4 vs 2026-Q2"), new("CSAT", "81%", "−2 pt")]));

        var text = TextOf(Pages(Renderer.Render(spec)).Single());

        Assert.Contains("NPS", text);
        Assert.Contains("+23", text);
        Assert.Contains("+4 vs 2026-Q2", text);
        Assert.Contains("81%", text);
    }

    [Fact]
    public void The_same_spec_and_timestamp_give_the_same_bytes()
    {
        var created = new DateTime(2026, 10, 3, 9, 0, 0, DateTimeKind.Utc);
        var a = Renderer.Render(NewSpec().Add(new Paragraph("stable")), created);
        var b = Renderer.Render(NewSpec().Add(new Paragraph("stable")), created);
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_document_dates_are_the_utc_instant_whatever_the_servers_time_zone()
    {
        var created = new DateTime(2026, 10, 3, 9, 0, 0, DateTimeKind.Utc);
        var head = System.Text.Encoding.Latin1.GetString(Renderer.Render(NewSpec().Add(new Paragraph("dated")), created).AsSpan(0, 1024));
        Assert.Contains("/CreationDate (D:20261003090000Z00'00')", head);
        Assert.Contains("/ModDate (D:20261003090000Z00'00')", head);
    }

    [Fact]
    public void Embedded_fonts_are_small_subsets_not_whole_font_files()
    {
        var spec = NewSpec().Add(new Heading("Scorecard")).Add(new Paragraph("Klanttevredenheid – één belofte, geen € 10,00 korting; café Zoë")).Add(new Chart(p => p.Add.Scatter(new double[] { 1, 2 }, new double[] { 3, 4 })));

        var pdf = Renderer.Render(spec);

        var fullFonts = new FileInfo(Path.Combine(PdfFonts.DefaultFolder, PdfFonts.RegularFile)).Length + new FileInfo(Path.Combine(PdfFonts.DefaultFolder, PdfFonts.BoldFile)).Length;
        Assert.True(pdf.Length < 150_000, $"PDF is {pdf.Length} bytes");
        Assert.True(pdf.Length < fullFonts / 5, $"PDF is {pdf.Length} bytes, the font files {fullFonts}");
        var text = TextOf(Pages(pdf).Single());
        Assert.Contains("één", text);
        Assert.Contains("€", text);
        Assert.Contains("Zoë", text);
    }

    [Fact]
    public void Text_outside_the_subset_is_set_in_the_full_font_not_dropped()
    {
        var spec = NewSpec().Add(new Paragraph("Ωmega Ж"));

        var text = TextOf(Pages(Renderer.Render(spec)).Single());

        Assert.Contains("Ωmega", text);
        Assert.Contains("Ж", text);
    }

    [Fact]
    public void A_missing_font_folder_is_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => PdfFonts.Load("/nonexistent/fonts"));
        Assert.Contains("fonts-dejavu-core", e.Message);
        Assert.Contains("Pdf:FontFolder", e.Message);
    }
}
