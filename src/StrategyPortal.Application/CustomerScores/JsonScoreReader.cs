using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>Reads customer scores sent as a JSON array of records (the API), one record at a time.</summary>
internal sealed class JsonScoreReader(MessageText text)
{
    private static readonly string[] JsonFields = ["date", "unit", "channel", "source", "nps", "csat", "ces", "complaints", "churn"];
    private static readonly string[] ChurnFields = ["service", "price", "need", "other"];

    public async IAsyncEnumerable<RawScoreRow> ReadAsync(Stream stream, ImportErrors errors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var records = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken);
        await using var e = records.GetAsyncEnumerator(cancellationToken);
        var number = 0;
        while (true)
        {
            bool more;
            string? failure = null;
            try { more = await e.MoveNextAsync(); }
            catch (JsonException ex)
            {
                more = false;
                failure = ex.LineNumber is { } line
                    ? text.Format("customerscore.import.json-invalid-at", line + 1, (ex.BytePositionInLine ?? 0) + 1)
                    : text["customerscore.import.json-invalid"];
            }
            if (failure is not null)
            {
                errors.Add(number + 1, "", failure);
                yield break;
            }
            if (!more) break;
            number++;
            yield return ReadRecord(e.Current, number, errors);
        }
        if (number == 0) errors.Add(0, "", text["customerscore.import.json-empty"]);
    }

    private RawScoreRow ReadRecord(JsonElement record, int number, ImportErrors errors)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            errors.Add(number, "", text.Format("customerscore.import.json-not-object", KindName(record.ValueKind)));
            return new RawScoreRow { Row = number, HasErrors = true };
        }
        var bad = false;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            if (!JsonFields.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(number, property.Name, text.Format("customerscore.import.json-unknown-field", property.Name, string.Join(", ", JsonFields)));
                bad = true;
            }
        }
        var date = RequiredString(record, "date", number, errors, reported, ref bad, allowNumber: false);
        var unit = RequiredString(record, "unit", number, errors, reported, ref bad, allowNumber: true);
        var channel = RequiredString(record, "channel", number, errors, reported, ref bad, allowNumber: false);
        var source = RequiredString(record, "source", number, errors, reported, ref bad, allowNumber: false);

        var counts = new int[ScoreFileReader.CountColumns.Count];
        ReadArray(record, "nps", 11, "0–10", counts, 0, number, errors, ref bad);
        ReadArray(record, "csat", 5, "1–5", counts, 11, number, errors, ref bad);
        ReadArray(record, "ces", 7, "1–7", counts, 16, number, errors, ref bad);
        if (record.TryGetProperty("complaints", out var complaints)) counts[23] = ReadCount(complaints, "complaints", number, errors, ref bad);
        if (record.TryGetProperty("churn", out var churn))
        {
            if (churn.ValueKind != JsonValueKind.Object)
            {
                errors.Add(number, "churn", text.Format("customerscore.import.json-churn-object", KindName(churn.ValueKind)));
                bad = true;
            }
            else
            {
                foreach (var property in churn.EnumerateObject())
                {
                    var i = Array.IndexOf(ChurnFields, property.Name);
                    if (i < 0)
                    {
                        errors.Add(number, $"churn.{property.Name}", text.Format("customerscore.import.json-unknown-field", property.Name, string.Join(", ", ChurnFields)));
                        bad = true;
                        continue;
                    }
                    counts[24 + i] = ReadCount(property.Value, $"churn.{property.Name}", number, errors, ref bad);
                }
            }
        }
        return new RawScoreRow { Row = number, Date = date, Unit = unit, Channel = channel, Source = source, Counts = counts, HasErrors = bad, ReportedFields = reported };
    }

    private string RequiredString(JsonElement record, string name, int number, ImportErrors errors, HashSet<string> reported, ref bool bad, bool allowNumber)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-required", name));
            reported.Add(name);
            bad = true;
            return string.Empty;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString() ?? string.Empty;
        if (allowNumber && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id)) return id.ToString(CultureInfo.InvariantCulture);
        errors.Add(number, name, text.Format(allowNumber ? "customerscore.import.json-string-or-id" : "customerscore.import.json-string", name, KindName(value.ValueKind)));
        reported.Add(name);
        bad = true;
        return string.Empty;
    }

    private void ReadArray(JsonElement record, string name, int length, string scale, int[] counts, int offset, int number, ImportErrors errors, ref bool bad)
    {
        if (!record.TryGetProperty(name, out var array)) return;
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-array", name, length, scale, KindName(array.ValueKind)));
            bad = true;
            return;
        }
        var actual = array.GetArrayLength();
        if (actual != length)
        {
            errors.Add(number, name, text.Format("customerscore.import.json-array-length", name, length, scale, actual));
            bad = true;
            return;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            counts[offset + i] = ReadCount(item, $"{name}[{i}]", number, errors, ref bad);
            i++;
        }
    }

    private int ReadCount(JsonElement value, string path, int number, ImportErrors errors, ref bool bad)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d))
        {
            if (d < 0) { errors.Add(number, path, text.Format("customerscore.import.count-negative", value.GetRawText())); bad = true; return 0; }
            if (d != decimal.Truncate(d)) { errors.Add(number, path, text.Format("customerscore.import.count-not-whole", value.GetRawText())); bad = true; return 0; }
            if (d > int.MaxValue) { errors.Add(number, path, text.Format("customerscore.import.count-too-large", value.GetRawText())); bad = true; return 0; }
            return (int)d;
        }
        errors.Add(number, path, text.Format("customerscore.import.json-count-type", path, KindName(value.ValueKind), Shorten(value.GetRawText())));
        bad = true;
        return 0;
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";

    private string KindName(JsonValueKind kind) => text[$"customerscore.import.json-kind.{kind.ToString().ToLowerInvariant()}"];
}
