using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using static StrategyPortal.Domain.Tests.Standards.RagJudgementTests;

namespace StrategyPortal.Domain.Tests.Standards;

public class ResultImportTests
{
    private static readonly Editor Who = new(3, "Fatima", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

    private static ImportTarget Target(int id, int unitId, string unit, string title, Quarter from, StandardStatus status = StandardStatus.Active)
    {
        var standard = new ServiceStandard(unitId, null, Definition(title: title), status, from, Who);
        return new ImportTarget(id, unitId, unit, title, standard.Versions);
    }

    private static readonly ImportTarget[] Targets =
    [
        Target(1, 10, "Klantenservice", "Complaints followed up", new Quarter(2025, 1)),
        Target(2, 11, "Webcare", "Complaints followed up", new Quarter(2025, 1)),
        Target(3, 10, "Klantenservice", "Draft standard", new Quarter(2025, 1), StandardStatus.Draft),
        Target(4, 12, "Winkels Noord", "Twice", new Quarter(2025, 1)),
        Target(5, 12, "Winkels Noord", "twice", new Quarter(2025, 1)),
        Target(6, 13, "Marketing", "Not mine", new Quarter(2025, 1)),
    ];

    private static (IReadOnlyList<ValidResultRow> Rows, IReadOnlyList<ImportError> Errors) Check(params RawResultRow[] rows) =>
        ResultImport.Check(rows, Targets, unitId => unitId != 13);

    [Fact]
    public void A_good_file_yields_every_row_with_dutch_or_english_decimals()
    {
        var (rows, errors) = Check(
            new RawResultRow(2, "Klantenservice", "Complaints followed up", "2025-Q3", "87,5"),
            new RawResultRow(3, " webcare ", "complaints  followed up", "2025Q4", "91.25"));
        Assert.Empty(errors);
        Assert.Equal([new ValidResultRow(2, 1, new Quarter(2025, 3), 87.5), new ValidResultRow(3, 2, new Quarter(2025, 4), 91.25)], rows);
    }

    [Theory]
    [InlineData("", "Complaints followed up", "2025-Q3", "80", ResultColumn.Unit, "import.unit-missing")]
    [InlineData("Logistiek", "Complaints followed up", "2025-Q3", "80", ResultColumn.Unit, "import.unit-unknown")]
    [InlineData("Marketing", "Not mine", "2025-Q3", "80", ResultColumn.Unit, "import.unit-forbidden")]
    [InlineData("Klantenservice", "", "2025-Q3", "80", ResultColumn.Standard, "import.standard-missing")]
    [InlineData("Klantenservice", "No such standard", "2025-Q3", "80", ResultColumn.Standard, "import.standard-unknown")]
    [InlineData("Winkels Noord", "TWICE", "2025-Q3", "80", ResultColumn.Standard, "import.standard-ambiguous")]
    [InlineData("Klantenservice", "Complaints followed up", "", "80", ResultColumn.Quarter, "import.quarter-missing")]
    [InlineData("Klantenservice", "Complaints followed up", "Q3 2025", "80", ResultColumn.Quarter, "import.quarter-invalid")]
    [InlineData("Klantenservice", "Complaints followed up", "2024-Q4", "80", ResultColumn.Quarter, "import.not-active")]
    [InlineData("Klantenservice", "Draft standard", "2025-Q3", "80", ResultColumn.Quarter, "import.not-active")]
    [InlineData("Klantenservice", "Complaints followed up", "2025-Q3", "", ResultColumn.Value, "import.value-missing")]
    [InlineData("Klantenservice", "Complaints followed up", "2025-Q3", "abc", ResultColumn.Value, "import.value-invalid")]
    [InlineData("Klantenservice", "Complaints followed up", "2025-Q3", "1,2,3", ResultColumn.Value, "import.value-invalid")]
    [InlineData("Klantenservice", "Complaints followed up", "2025-Q3", "101", ResultColumn.Value, "import.value-out-of-range")]
    [InlineData("Klantenservice", "Complaints followed up", "2025-Q3", "-0,5", ResultColumn.Value, "import.value-out-of-range")]
    public void Each_bad_row_kind_is_reported_with_row_and_column_and_nothing_is_imported(
        string unit, string standard, string quarter, string value, ResultColumn column, string code)
    {
        var (rows, errors) = Check(
            new RawResultRow(2, "Klantenservice", "Complaints followed up", "2025-Q2", "80"),
            new RawResultRow(3, unit, standard, quarter, value));
        Assert.Empty(rows);
        var error = Assert.Single(errors);
        Assert.Equal(3, error.RowNumber);
        Assert.Equal(column, error.Column);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void The_same_standard_and_quarter_twice_is_a_duplicate_naming_the_first_row()
    {
        var (rows, errors) = Check(
            new RawResultRow(2, "Klantenservice", "Complaints followed up", "2025-Q3", "80"),
            new RawResultRow(5, "klantenservice", "Complaints followed up", "2025-q3", "81"));
        Assert.Empty(rows);
        Assert.Equal(new ImportError(5, ResultColumn.Standard, "import.duplicate", "2"), Assert.Single(errors));
    }

    [Fact]
    public void Several_problems_in_one_row_are_all_reported()
    {
        var (_, errors) = Check(new RawResultRow(2, "Nowhere", "x", "later", "lots"));
        Assert.Equal([ResultColumn.Unit, ResultColumn.Quarter, ResultColumn.Value], errors.Select(e => e.Column));
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var (_, errors) = Check();
        Assert.Equal("import.no-rows", Assert.Single(errors).Code);
    }

    [Theory]
    [InlineData("87,5", 87.5)]
    [InlineData("87.5", 87.5)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData(" 92 % ", 92)]
    [InlineData("-12", -12)]
    public void Values_read_both_decimal_conventions(string text, double expected)
    {
        Assert.True(ResultImport.TryParseValue(text, out var value));
        Assert.Equal(expected, value, 9);
    }
}
