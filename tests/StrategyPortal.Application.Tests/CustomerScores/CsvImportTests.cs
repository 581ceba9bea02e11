using System.Text;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using static StrategyPortal.Application.Tests.CustomerScores.ImportHarness;

namespace StrategyPortal.Application.Tests.CustomerScores;

public class CsvImportTests
{
    [Fact]
    public async Task Reads_a_semicolon_file_with_BOM_and_keeps_every_count()
    {
        var counts = Enumerable.Range(1, 28).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (rows, errors, reader) = await ReadAsync(Lines(Header(), Row(counts: counts), Row(date: "2026-05-05", channel: "Email")), bom: true);

        Assert.False(errors.Any, string.Join("; ", errors.Items.Select(e => e.Message)));
        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal(2, first.Row);
        Assert.Equal(new DateOnly(2026, 5, 4), first.Date);
        Assert.Equal(2, first.UnitId);
        Assert.Equal(ServiceChannel.Phone, first.Channel);
        Assert.Equal("survey", first.Source);
        Assert.Equal(Enumerable.Range(1, 28), first.Counts);
        Assert.Equal(ServiceChannel.Email, rows[1].Channel);
    }

    [Fact]
    public async Task Reads_a_comma_file_without_BOM()
    {
        var (rows, errors, reader) = await ReadAsync(Lines(Header(','), Row(d: ',')));
        Assert.False(errors.Any);
        Assert.Equal(',', reader.Delimiter);
        Assert.Single(rows);
    }

    [Fact]
    public async Task Accepts_a_Dutch_decimal_comma_when_the_count_is_whole_and_reports_a_fraction()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(),
            Row(counts: Counts(("nps_10", "12,0"), ("complaints", "3.0"))),
            Row(date: "2026-05-05", counts: Counts(("csat_5", "2,5")))));

        Assert.Equal(12, rows.Single().Counts[10]);
        Assert.Equal(3, rows.Single().Counts[23]);
        var error = Assert.Single(errors.Items);
        Assert.Equal((3, "csat_5"), (error.Row, error.Column));
        Assert.Contains("not a whole number", error.Message);
    }

    [Fact]
    public async Task A_unit_may_be_given_by_number_and_a_channel_in_Dutch()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(unit: "3", channel: "Telefoon"), Row(unit: "webcare", channel: "Sociale media")));
        Assert.False(errors.Any);
        Assert.Equal([(3, ServiceChannel.Phone), (3, ServiceChannel.SocialMedia)], rows.Select(r => (r.UnitId, r.Channel)));
    }

    [Fact]
    public async Task An_empty_count_cell_counts_zero()
    {
        var counts = Counts(("nps_10", "4"));
        counts[0] = "";
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(counts: counts)));
        Assert.False(errors.Any);
        Assert.Equal(0, rows.Single().Counts[0]);
    }

    [Fact]
    public async Task A_tab_separated_file_is_refused_with_the_delimiter_named()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header('\t'), Row(d: '\t')));
        Assert.Empty(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal(1, error.Row);
        Assert.Contains("Wrong delimiter: the columns are separated by tabs", error.Message);
    }

    [Fact]
    public async Task A_header_with_a_single_column_asks_for_semicolons_or_commas()
    {
        var (_, errors, _) = await ReadAsync(Lines("date unit channel", "x"));
        Assert.Contains("single column", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task A_missing_column_is_named()
    {
        var header = string.Join(';', ScoreFileReader.Columns.Where(c => c != "nps_7"));
        var (rows, errors, _) = await ReadAsync(Lines(header, "irrelevant"));
        Assert.Empty(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal((1, "nps_7"), (error.Row, error.Column));
        Assert.Equal("The header lacks the required column 'nps_7'.", error.Message);
    }

    [Fact]
    public async Task An_extra_column_is_named()
    {
        var (_, errors, _) = await ReadAsync(Lines(Header() + ";remarks", Row() + ";hello"));
        var error = Assert.Single(errors.Items);
        Assert.Equal("remarks", error.Column);
        Assert.StartsWith("Column 'remarks' is not known (extra column).", error.Message);
    }

    [Fact]
    public async Task A_row_with_too_few_fields_is_reported_with_its_count()
    {
        var shortRow = string.Join(';', Row().Split(';').Take(30));
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(), shortRow));
        Assert.Single(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal(3, error.Row);
        Assert.StartsWith("This row has 30 fields, the header has 32.", error.Message);
    }

    [Theory]
    [InlineData("-2", "'-2' is negative; a count is 0 or more.")]
    [InlineData("abc", "'abc' is not a number; a count is a whole number such as 12 (an empty cell counts 0).")]
    [InlineData("1.5", "'1.5' is not a whole number; a count has no fraction.")]
    [InlineData("99999999999", "'99999999999' is too large for a count.")]
    public async Task A_bad_count_is_reported_with_row_column_and_value(string value, string message)
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(counts: Counts(("csat_3", value)))));
        Assert.Empty(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal((2, "csat_3", message), (error.Row, error.Column, error.Message));
    }

    [Theory]
    [InlineData("Marketing", "Unit 'Marketing' does not exist.")]
    [InlineData("99", "Unit '99' does not exist.")]
    [InlineData("Oud team", "Unit 'Oud team' is deactivated")]
    [InlineData("Team", "'Team' names more than one unit; use the unit's number instead (5, 6).")]
    [InlineData("", "The unit is missing.")]
    public async Task A_unit_that_does_not_exist_or_cannot_be_used_is_refused(string unit, string message)
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(unit: unit)));
        Assert.Empty(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal("unit", error.Column);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("Fax", "Channel 'Fax' does not exist. Use one of: Phone, Email, Chat, SocialMedia, Store, SelfService.")]
    [InlineData("Any", "'Any' is not a channel to record scores for.")]
    public async Task A_channel_that_does_not_exist_is_refused(string channel, string message)
    {
        var (_, errors, _) = await ReadAsync(Lines(Header(), Row(channel: channel)));
        var error = Assert.Single(errors.Items);
        Assert.Equal("channel", error.Column);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("2026-07-01", "2026-07-01 lies in the future (today is 2026-06-30)")]
    [InlineData("2026-02-30", "'2026-02-30' is not a calendar date, so it lies in no quarter.")]
    [InlineData("1999-12-31", "1999-12-31 lies outside any quarter the portal reports; the first is 2000-Q1.")]
    [InlineData("31/05/2026", "'31/05/2026' is not a calendar date")]
    public async Task Dates_in_the_future_or_outside_any_quarter_are_refused(string date, string message)
    {
        var (_, errors, _) = await ReadAsync(Lines(Header(), Row(date: date)));
        var error = Assert.Single(errors.Items);
        Assert.Equal((2, "date"), (error.Row, error.Column));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task Today_and_the_Dutch_day_first_form_are_accepted()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(date: "2026-06-30"), Row(date: "31-05-2026")));
        Assert.False(errors.Any);
        Assert.Equal([new DateOnly(2026, 6, 30), new DateOnly(2026, 5, 31)], rows.Select(r => r.Date));
    }

    [Fact]
    public async Task The_same_key_twice_in_one_file_is_refused_with_the_first_row()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(), Row(source: "other"), Row()));
        Assert.Equal(2, rows.Count);
        var error = Assert.Single(errors.Items);
        Assert.Equal(4, error.Row);
        Assert.StartsWith("Date, unit, channel and source repeat row 2", error.Message);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(Header())).Concat(Encoding.Latin1.GetBytes(Row(unit: "Kl\u00e4ntenservice") + "\n")).ToArray();
        var (rows, errors, _) = await ReadAsync(bytes);
        Assert.Empty(rows);
        Assert.Contains("not UTF-8", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task A_header_without_rows_is_reported()
    {
        var (_, errors, _) = await ReadAsync(Lines(Header()));
        Assert.Equal("The file has a header but no rows with scores.", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_on_its_line()
    {
        var (rows, errors, _) = await ReadAsync(Lines(Header(), Row(), "2026-05-06;\"Klantenservice;Phone;x;" + string.Join(';', Enumerable.Repeat("0", 28))));
        Assert.Single(rows);
        var error = Assert.Single(errors.Items);
        Assert.Equal(3, error.Row);
        Assert.StartsWith("This row cannot be read", error.Message);
    }

    [Fact]
    public async Task The_error_report_is_capped_but_counts_every_error()
    {
        var lines = new List<string> { Header() };
        for (var i = 0; i < 1500; i++) lines.Add(Row(source: $"s{i}", counts: Counts(("nps_0", "x"))));
        var (_, errors, _) = await ReadAsync(Lines([.. lines]));
        Assert.Equal(1500, errors.Total);
        Assert.Equal(ImportErrors.DefaultCap, errors.Items.Count);
        Assert.Equal(500, errors.Omitted);
    }

    [Theory]
    [InlineData("12", true, 12)]
    [InlineData(" 7 ", true, 7)]
    [InlineData("", true, 0)]
    [InlineData("3,0", true, 3)]
    [InlineData("3,5", false, 0)]
    [InlineData("1.234", false, 0)]
    [InlineData("+4", true, 4)]
    public void Count_parsing_follows_the_rules(string cell, bool ok, int expected)
    {
        Assert.Equal(ok, ScoreFileReader.TryParseCount(cell, out var value, out _));
        Assert.Equal(expected, value);
    }
}
