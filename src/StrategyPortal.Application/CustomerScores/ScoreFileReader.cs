using System.Globalization;
using System.Text;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>
/// Reads customer score files as a stream, one row at a time (never the whole file), in either format: CSV
/// (<see cref="CsvScoreReader"/>) or a JSON array of records (<see cref="JsonScoreReader"/>). Every problem goes to
/// <see cref="ImportErrors"/> with its row and column; rows are yielded with <see cref="RawScoreRow.HasErrors"/> set when a
/// cell failed. The columns and the rule for a count are the formats' common ground.
/// </summary>
public sealed class ScoreFileReader(MessageText text)
{
    public const string DateColumn = "date";
    public const string UnitColumn = "unit";
    public const string ChannelColumn = "channel";
    public const string SourceColumn = "source";

    /// <summary>The CSV count columns, in <see cref="CustomerScoreRecord.CountColumns"/> order.</summary>
    public static IReadOnlyList<string> CountColumns { get; } =
    [
        .. Enumerable.Range(0, 11).Select(i => $"nps_{i}"),
        .. Enumerable.Range(1, 5).Select(i => $"csat_{i}"),
        .. Enumerable.Range(1, 7).Select(i => $"ces_{i}"),
        "complaints", "churn_service", "churn_price", "churn_need", "churn_other",
    ];

    /// <summary>Every CSV column, in the order of the sample file.</summary>
    public static IReadOnlyList<string> Columns { get; } = [DateColumn, UnitColumn, ChannelColumn, SourceColumn, .. CountColumns];

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private readonly CsvScoreReader _csv = new(text);

    /// <summary>The delimiter the last CSV read detected (null before the header is read).</summary>
    public char? Delimiter => _csv.Delimiter;

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IAsyncEnumerable<RawScoreRow> ReadAsync(Stream stream, ImportFormat format, ImportErrors errors, CancellationToken cancellationToken = default) =>
        format == ImportFormat.Json ? new JsonScoreReader(text).ReadAsync(stream, errors, cancellationToken) : _csv.ReadAsync(stream, errors, cancellationToken);

    public enum CountProblem { None, NotANumber, Negative, NotWhole, TooLarge }

    /// <summary>
    /// A count: digits, optionally written with a decimal part that is zero ("12,0" Dutch or "12.0");
    /// an empty cell counts 0. No thousands separators (they are ambiguous between Dutch and English).
    /// </summary>
    public static bool TryParseCount(string? cell, out int value, out CountProblem problem)
    {
        problem = CountProblem.None;
        var s = cell.AsSpan().Trim();
        if (s.IsEmpty) { value = 0; return true; }
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        value = 0;
        var culture = s.Contains(',') ? Dutch : CultureInfo.InvariantCulture;
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, culture, out var number))
        {
            problem = CountProblem.NotANumber;
            return false;
        }
        if (number < 0) { problem = CountProblem.Negative; return false; }
        if (number != decimal.Truncate(number)) { problem = CountProblem.NotWhole; return false; }
        if (number > int.MaxValue) { problem = CountProblem.TooLarge; return false; }
        value = (int)number;
        return true;
    }

    internal static string CountMessage(MessageText text, CountProblem problem, string? cell) => problem switch
    {
        CountProblem.Negative => text.Format("customerscore.import.count-negative", cell ?? ""),
        CountProblem.NotWhole => text.Format("customerscore.import.count-not-whole", cell ?? ""),
        CountProblem.TooLarge => text.Format("customerscore.import.count-too-large", cell ?? ""),
        _ => text.Format("customerscore.import.count-not-number", cell ?? ""),
    };
}
