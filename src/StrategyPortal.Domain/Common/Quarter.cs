using System.Globalization;
using System.Text.RegularExpressions;

namespace StrategyPortal.Domain.Common;

/// <summary>A calendar quarter such as 2026-Q3, the period every result and scorecard is judged in.</summary>
public readonly partial record struct Quarter : IComparable<Quarter>
{
    public Quarter(int year, int number)
    {
        if (year is < 1900 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1900 and 9999.");
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number), number, "Quarter number must be 1 to 4.");
        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>A sortable integer (year * 10 + quarter), handy as a stored key.</summary>
    public int Key => Year * 10 + Number;

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);
    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);
    public static Quarter Of(DateTime date) => Of(DateOnly.FromDateTime(date));
    public static Quarter FromKey(int key) => new(key / 10, key % 10);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The quarters from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<Quarter> Range(Quarter first, Quarter last)
    {
        for (var q = first; q.CompareTo(last) <= 0; q = q.Next) yield return q;
    }

    /// <summary>
    /// The quarter a change takes effect: the one <paramref name="wanted"/>, but never before <paramref name="lastChange"/> took
    /// effect, so a thing's history stays in order (a standard's versions, the strategy's choices).
    /// </summary>
    public static Quarter ChangeTakesEffect(Quarter wanted, Quarter lastChange) => wanted < lastChange ? lastChange : wanted;

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter) ? quarter : throw new FormatException($"'{text}' is not a quarter; expected the form 2026-Q3.");

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = QuarterPattern().Match(text.Trim());
        if (!match.Success) return false;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 1900 || number is < 1 or > 4) return false;
        quarter = new Quarter(year, number);
        return true;
    }

    public int CompareTo(Quarter other) => Key.CompareTo(other.Key);
    public static bool operator <(Quarter a, Quarter b) => a.Key < b.Key;
    public static bool operator >(Quarter a, Quarter b) => a.Key > b.Key;
    public static bool operator <=(Quarter a, Quarter b) => a.Key <= b.Key;
    public static bool operator >=(Quarter a, Quarter b) => a.Key >= b.Key;

    public override string ToString() => $"{Year}-Q{Number}";

    [GeneratedRegex(@"^(\d{4})\s*-?\s*[Qq]([1-4])$")]
    private static partial Regex QuarterPattern();
}
