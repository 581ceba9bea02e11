using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;

namespace StrategyPortal.Application.Tests.CustomerScores;

/// <summary>Runs the reader and the checker over a file in memory, as the import's first pass does.</summary>
public static class ImportHarness
{
    public static readonly DateOnly Today = new(2026, 6, 30);

    public static ImportCatalog Catalog { get; } = new(
    [
        (1, "Noordlicht Retail B.V.", true),
        (2, "Klantenservice", true),
        (3, "Webcare", true),
        (4, "Oud team", false),
        (5, "Team", true),
        (6, "Team", true),
    ], Today);

    public static MessageText Text()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        return new MessageText(new StringLocalizer<Messages>(factory));
    }

    public static string Header(char d = ';') => string.Join(d, ScoreFileReader.Columns);

    /// <summary>A data row: NPS answers 9 and 10 (one each) unless <paramref name="counts"/> is given.</summary>
    public static string Row(string date = "2026-05-04", string unit = "Klantenservice", string channel = "Phone", string source = "survey", char d = ';', string[]? counts = null)
    {
        counts ??= [.. Enumerable.Repeat("0", 9), "1", "1", .. Enumerable.Repeat("0", 17)];
        return string.Join(d, new[] { date, unit, channel, source }.Concat(counts));
    }

    public static string[] Counts(params (string Column, string Value)[] set)
    {
        var values = Enumerable.Repeat("0", ScoreFileReader.CountColumns.Count).ToArray();
        foreach (var (column, value) in set) values[ScoreFileReader.CountColumns.ToList().IndexOf(column)] = value;
        return values;
    }

    public static async Task<(List<ScoreRow> Rows, ImportErrors Errors, ScoreFileReader Reader)> ReadAsync(string content, ImportFormat format = ImportFormat.Csv, bool bom = false) =>
        await ReadAsync((bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(content)).ToArray(), format);

    public static async Task<(List<ScoreRow> Rows, ImportErrors Errors, ScoreFileReader Reader)> ReadAsync(byte[] content, ImportFormat format = ImportFormat.Csv)
    {
        var text = Text();
        var reader = new ScoreFileReader(text);
        var checker = new ScoreRowChecker(Catalog, text);
        var errors = new ImportErrors();
        var rows = new List<ScoreRow>();
        await foreach (var raw in reader.ReadAsync(new MemoryStream(content), format, errors))
            if (checker.Check(raw, errors) is { } row) rows.Add(row);
        return (rows, errors, reader);
    }

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
