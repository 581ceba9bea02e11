using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;

namespace StrategyPortal.Application.Tests.Common;

/// <summary>The one header reader of the import files (customer scores, people): each problem on row 1 at its column.</summary>
public sealed class CsvHeaderTests
{
    private static readonly CsvHeader Header = new(["id", "name", "unit", "note"], ["id", "name", "unit"],
        new Dictionary<string, string> { ["eenheid"] = "unit" });

    private static MessageText Text(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        return new MessageText(new StringLocalizer<Messages>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));
    }

    [Fact]
    public void A_good_header_maps_each_column_to_its_position_in_any_case_with_quotes_aliases_and_a_bom()
    {
        var errors = new ImportErrors();

        var map = Header.Map("\uFEFF\"Name\";Note;ID;Eenheid", ';', errors, Text("en"));

        Assert.False(errors.Any);
        Assert.Equal(new Dictionary<string, int> { ["name"] = 0, ["note"] = 1, ["id"] = 2, ["unit"] = 3 }, map);
    }

    [Fact]
    public void Spaces_and_dashes_count_as_underscores_and_an_optional_column_may_be_left_out()
    {
        var header = new CsvHeader(["employee_number", "first_name", "note"], ["employee_number", "first_name"]);
        var errors = new ImportErrors();

        var map = header.Map("Employee Number,first-name", ',', errors, Text("en"));

        Assert.False(errors.Any);
        Assert.Equal(new Dictionary<string, int> { ["employee_number"] = 0, ["first_name"] = 1 }, map);
    }

    [Fact]
    public void Every_problem_of_a_bad_header_is_reported_on_row_1_at_its_column()
    {
        var errors = new ImportErrors();

        var map = Header.Map("id,,Remarks,name,Name", ',', errors, Text("en"));

        Assert.Null(map);
        Assert.Equal(
        [
            (1, "#2", "Column 2 of the header has no name."),
            (1, "Remarks", "Column 'Remarks' is not known (extra column). Expected columns: id, name, unit, note."),
            (1, "Name", "Column 'Name' appears more than once in the header."),
            (1, "unit", "The header lacks the required column 'unit'."),
        ], errors.Items.Select(e => (e.Row, e.Column, e.Message)));
    }

    [Fact]
    public void The_errors_are_in_the_readers_language()
    {
        var errors = new ImportErrors();

        Header.Map("id;name", ';', errors, Text("nl"));

        Assert.Equal("De kopregel mist de verplichte kolom 'unit'.", Assert.Single(errors.Items).Message);
    }
}
