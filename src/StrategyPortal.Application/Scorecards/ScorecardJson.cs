using System.Text.Json;
using System.Text.Json.Serialization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Scorecards;

/// <summary>The snapshot format of <see cref="ScorecardData"/>: what an issued scorecard keeps of its numbers.</summary>
public static class ScorecardJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new QuarterJsonConverter(), new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string Serialize(ScorecardData data) => JsonSerializer.Serialize(data, Options);

    public static ScorecardData Deserialize(string json) =>
        JsonSerializer.Deserialize<ScorecardData>(json, Options) ?? throw new JsonException("An empty scorecard snapshot.");
}

/// <summary>Writes a quarter as "2026-Q3" (its <see cref="Quarter.Next"/> and <see cref="Quarter.Previous"/> would recurse).</summary>
public sealed class QuarterJsonConverter : JsonConverter<Quarter>
{
    public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quarter.TryParse(reader.GetString(), out var quarter) ? quarter : throw new JsonException($"'{reader.GetString()}' is not a quarter.");

    public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
