using System.Text;
using StrategyPortal.Application.Common;

namespace StrategyPortal.Application.Tests.Common;

/// <summary>The shared CSV writer: cells a spreadsheet would run as a formula are written as text; numbers stay numbers.</summary>
public class CsvTextTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+Team", "'+Team")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("- 5", "'- 5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("=HYPERLINK(\"https://example.invalid\";\"klik\")", "\"'=HYPERLINK(\"\"https://example.invalid\"\";\"\"klik\"\")\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-", "'-")]
    [InlineData("-.5", "'-.5")]
    [InlineData("12.", "12.")]
    public void A_cell_that_starts_like_a_formula_gets_a_leading_quote(string value, string written) =>
        Assert.Equal(written, CsvText.Field(value));

    [Theory]
    [InlineData("-12.5")]
    [InlineData("-12,5")]
    [InlineData("+100")]
    [InlineData("-100")]
    [InlineData("0")]
    [InlineData("46.2")]
    [InlineData("Klantenservice")]
    [InlineData("hidden: fewer than 5 answers")]
    [InlineData("")]
    [InlineData("a=b")]
    public void Numbers_and_ordinary_text_are_written_as_they_are(string value) =>
        Assert.Equal(value, CsvText.Field(value));

    [Theory]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded ", "\" padded \"")]
    public void Separators_quotes_line_breaks_and_edge_spaces_are_quoted(string value, string written) =>
        Assert.Equal(written, CsvText.Field(value));

    [Fact]
    public void A_line_joins_its_cells_with_semicolons_and_ends_with_crlf()
    {
        var csv = new StringBuilder();
        CsvText.AppendLine(csv, ["=cmd", "-33.3", "Webcare"]);
        CsvText.AppendLine(csv, [null!, "x"]);
        Assert.Equal("'=cmd;-33.3;Webcare\r\n;x\r\n", csv.ToString());
    }
}
