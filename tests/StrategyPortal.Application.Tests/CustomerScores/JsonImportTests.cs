using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using static StrategyPortal.Application.Tests.CustomerScores.ImportHarness;

namespace StrategyPortal.Application.Tests.CustomerScores;

public class JsonImportTests
{
    private const string Good = """
        [
          { "date": "2026-05-04", "unit": "Klantenservice", "channel": "Phone", "source": "cx-tool",
            "nps": [1,0,0,0,0,0,1,2,0,3,3], "csat": [1,1,2,3,3], "ces": [0,0,1,1,2,0,0], "complaints": 4,
            "churn": { "service": 2, "price": 1 } },
          { "date": "2026-05-04", "unit": 3, "channel": "Chat", "source": "cx-tool", "nps": [0,0,0,0,0,0,0,0,0,0,5] }
        ]
        """;

    [Fact]
    public async Task Reads_an_array_of_records_and_defaults_missing_counts_to_zero()
    {
        var (rows, errors, _) = await ReadAsync(Good, ImportFormat.Json);

        Assert.False(errors.Any, string.Join("; ", errors.Items.Select(e => e.Message)));
        Assert.Equal(2, rows.Count);
        Assert.Equal([1, 0, 0, 0, 0, 0, 1, 2, 0, 3, 3], rows[0].Counts[0..11]);
        Assert.Equal([1, 1, 2, 3, 3], rows[0].Counts[11..16]);
        Assert.Equal(4, rows[0].Counts[23]);
        Assert.Equal([2, 1, 0, 0], rows[0].Counts[24..28]);
        Assert.Equal((3, ServiceChannel.Chat, 5), (rows[1].UnitId, rows[1].Channel, rows[1].Counts[10]));
        Assert.Equal(0, rows[1].Counts[23]);
    }

    [Fact]
    public async Task Wrong_types_get_precise_messages_per_field()
    {
        const string body = """
            [ { "date": 20260504, "unit": "Klantenservice", "channel": "Phone", "source": "x",
                "nps": "lots", "csat": [1,1,1,1], "ces": [0,0,0,0,0,0,"7"], "complaints": -1, "churn": { "mood": 1 }, "extra": true } ]
            """;
        var (rows, errors, _) = await ReadAsync(body, ImportFormat.Json);

        Assert.Empty(rows);
        var byColumn = errors.Items.ToDictionary(e => e.Column, e => e.Message);
        Assert.All(errors.Items, e => Assert.Equal(1, e.Row));
        Assert.Equal("'date' must be a string; this is a number.", byColumn["date"]);
        Assert.Equal("'nps' must be an array of 11 counts (answers 0–10); this is a string.", byColumn["nps"]);
        Assert.Equal("'csat' must have 5 counts (answers 1–5), it has 4.", byColumn["csat"]);
        Assert.Equal("'ces[6]' must be a whole number of 0 or more; this is a string: \"7\".", byColumn["ces[6]"]);
        Assert.Equal("'-1' is negative; a count is 0 or more.", byColumn["complaints"]);
        Assert.StartsWith("Unknown field 'mood'.", byColumn["churn.mood"]);
        Assert.StartsWith("Unknown field 'extra'.", byColumn["extra"]);
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        var (_, errors, _) = await ReadAsync("""[ { "unit": "Klantenservice", "channel": "Phone" } ]""", ImportFormat.Json);
        Assert.Equal(["'date' is required.", "'source' is required."], errors.Items.Select(e => e.Message));
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_is_refused()
    {
        var (rows, errors, _) = await ReadAsync("""{ "date": "2026-05-04" }""", ImportFormat.Json);
        Assert.Empty(rows);
        Assert.Contains("not valid JSON", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task Malformed_JSON_is_reported_with_its_line()
    {
        var (_, errors, _) = await ReadAsync("[\n {\"date\": \"2026-05-04\",\n \"unit\": }\n]", ImportFormat.Json);
        Assert.StartsWith("The body is not valid JSON near line 3", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task A_record_that_is_not_an_object_is_refused()
    {
        var (_, errors, _) = await ReadAsync("""[ 5 ]""", ImportFormat.Json);
        Assert.Equal("A record must be a JSON object, this is a number.", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public async Task An_empty_array_is_reported()
    {
        var (_, errors, _) = await ReadAsync("[]", ImportFormat.Json);
        Assert.Equal("The JSON array holds no records.", Assert.Single(errors.Items).Message);
    }
}
