using System.Text;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.People;
using StrategyPortal.Application.Tests.CustomerScores;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Tests.People;

public class PeopleFileReaderTests
{
    private static (PeopleFileContent File, ImportErrors Errors) Read(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        var errors = new ImportErrors();
        return (new PeopleFileReader(ImportHarness.Text()).Read(bytes, errors), errors);
    }

    private const string Header = "employee_number;first_name;last_name;email;unit;manager_employee_number;role;language;start_date;active";

    [Fact]
    public void Reads_a_semicolon_file_with_BOM_every_column_as_given()
    {
        var (file, errors) = Read(Header + "\r\nE1;Anna;de Boer;anna@x.nl;Klantenservice/Webcare;E0;Manager;en-GB;2021-03-01;ja\r\n", bom: true);

        Assert.False(errors.Any, string.Join("; ", errors.Items.Select(e => e.Message)));
        Assert.Equal(';', file.Delimiter);
        var row = Assert.Single(file.Records);
        Assert.Equal(2, row.Row);
        Assert.Equal(("E1", "Anna", "de Boer", "anna@x.nl"), (row.EmployeeNumber, row.FirstName, row.LastName, row.Email));
        Assert.Equal("Klantenservice/Webcare", row.Unit!.Value.Text);
        Assert.Equal("E0", row.Manager!.Value.EmployeeNumber);
        Assert.Equal((PortalRole.Manager, "en-GB", new DateOnly(2021, 3, 1), true), (row.Role, row.Language, row.StartDate, row.Active));
        Assert.True(row.Gives(PersonField.Manager | PersonField.Role | PersonField.Language | PersonField.StartDate | PersonField.Active));
    }

    [Fact]
    public void Reads_a_comma_file_with_Dutch_column_names_and_only_the_required_columns()
    {
        var (file, errors) = Read("Personeelsnummer,Voornaam,Achternaam,E-mail,Afdeling\nE1,Anna,Boer,anna@x.nl,KS\n");

        Assert.False(errors.Any);
        Assert.Equal(',', file.Delimiter);
        var row = Assert.Single(file.Records);
        Assert.False(row.Gives(PersonField.Manager));
        Assert.False(row.Gives(PersonField.Role));
        Assert.False(row.Gives(PersonField.Active));
        Assert.Equal("KS", row.Unit!.Value.Text);
    }

    [Fact]
    public void A_file_with_the_wrong_header_names_each_unknown_and_missing_column()
    {
        var (file, errors) = Read("date;unit;channel;source\n2026-01-01;KS;Phone;survey\n");

        Assert.Empty(file.Records);
        Assert.All(errors.Items, e => Assert.Equal(1, e.Row));
        Assert.Contains(errors.Items, e => e.Column == "date");
        Assert.Contains(errors.Items, e => e.Column == "employee_number" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.DoesNotContain(errors.Items, e => e.Column == "unit");
    }

    [Fact]
    public void Bad_cells_are_reported_with_row_and_column()
    {
        var (file, errors) = Read(Header + "\n"
            + ";Anna;B;anna@x.nl;KS;;Baas;nl;2021-13-01;misschien\n"
            + "E2;;;;;;;;;\n");

        Assert.Equal(
        [
            (2, "employee_number"), (2, "role"), (2, "start_date"), (2, "active"),
            (3, "first_name"), (3, "email"), (3, "unit"),
        ], errors.Items.Select(e => (e.Row, e.Column)));
        Assert.Equal(2, file.Records.Count);
    }

    [Fact]
    public void A_row_with_a_field_too_many_says_so_and_is_not_read()
    {
        var (file, errors) = Read("employee_number;first_name;last_name;email;unit\nE1;Anna;B;anna@x.nl;KS;extra\n");
        Assert.Empty(file.Records);
        Assert.Equal((2, ""), (Assert.Single(errors.Items).Row, errors.Items[0].Column));
    }

    [Fact]
    public void A_header_without_rows_and_a_file_that_is_not_UTF8_are_refused()
    {
        Assert.Contains("no people", Read(Header + "\n").Errors.Items.Single().Message, StringComparison.Ordinal);

        var errors = new ImportErrors();
        new PeopleFileReader(ImportHarness.Text()).Read([0x65, 0xFF, 0xFE, 0x0A], errors);
        Assert.Contains("UTF-8", errors.Items.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("ja", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("nee", false)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("soms", null)]
    public void Active_is_yes_or_no_in_either_language_and_empty_means_yes(string cell, bool? active) =>
        Assert.Equal(active, PeopleFileReader.ParseActive(cell));

    [Fact]
    public void The_sample_file_reads_without_errors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "people.csv");
        var errors = new ImportErrors();
        var file = new PeopleFileReader(ImportHarness.Text()).Read(File.ReadAllBytes(path), errors);
        Assert.False(errors.Any, string.Join("; ", errors.Items.Take(5).Select(e => $"{e.Row} {e.Column}: {e.Message}")));
        Assert.Equal(500, file.Records.Count);
    }
}
