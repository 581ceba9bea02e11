using System.Text.Json;
using System.Text.Json.Serialization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// Writes a <see cref="Quarter"/> as "2026-Q3" and reads it back (also from its integer key, 20263).
/// Without it System.Text.Json would follow <see cref="Quarter.Next"/> forever.
/// </summary>
public sealed class QuarterJsonConverter : JsonConverter<Quarter>
{
    public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var key))
            return key is >= 19001 and <= 99994 && key % 10 is >= 1 and <= 4 ? Quarter.FromKey(key) : throw new JsonException($"{key} is not a quarter key.");
        if (reader.TokenType == JsonTokenType.String && Quarter.TryParse(reader.GetString(), out var quarter)) return quarter;
        throw new JsonException("A quarter is written as \"2026-Q3\".");
    }

    public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>The one JSON shape of a scorecard snapshot: how issuing stores <see cref="ScorecardData"/> and reads it back.</summary>
public static class ScorecardJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(ScorecardData data) => JsonSerializer.Serialize(data, Options);

    public static byte[] SerializeToUtf8Bytes(ScorecardData data) => JsonSerializer.SerializeToUtf8Bytes(data, Options);

    public static ScorecardData Deserialize(string json) =>
        JsonSerializer.Deserialize<ScorecardData>(json, Options) ?? throw new JsonException("The scorecard snapshot is empty.");

    public static ScorecardData Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<ScorecardData>(utf8Json, Options) ?? throw new JsonException("The scorecard snapshot is empty.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Doubles such as NaN never occur in a scorecard; keep the default strict number handling.
            WriteIndented = false,
        };
        options.Converters.Add(new QuarterJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
