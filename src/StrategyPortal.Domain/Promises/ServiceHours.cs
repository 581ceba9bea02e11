using System.Globalization;
using System.Text.RegularExpressions;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>
/// One opening window on a weekday, in minutes from midnight. <see cref="EndMinute"/> 1440 is 24:00.
/// An end before the start runs overnight into the next day (Fri 22:00–02:00 ends Saturday 02:00).
/// </summary>
public readonly record struct ServiceWindow(DayOfWeek Day, int StartMinute, int EndMinute)
{
    public bool IsOvernight => EndMinute < StartMinute;
}

/// <summary>
/// The weekly hours a capability covers or a promise requires, e.g. "Mon-Fri 08:00-20:00; Sat 09:00-17:00".
/// Text form (stored and typed): groups separated by ';', each a day or day range and a time range;
/// "24/7" means every day all day. Times are HH:MM from 00:00 to 24:00 (24:00 only as an end);
/// an end before the start runs overnight. Coverage is computed on the minutes of one week, so a
/// Sunday-night window wraps to Monday morning.
/// </summary>
public sealed partial class ServiceHours : IEquatable<ServiceHours>
{
    public const int MaxLength = 200;
    public const int MinutesPerDay = 1440;
    public const int MinutesPerWeek = 7 * MinutesPerDay;

    /// <summary>Week days in portal order: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> WeekDays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly string[] DayCodes = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private readonly bool[] _minutes;

    private ServiceHours(IReadOnlyList<ServiceWindow> windows)
    {
        Windows = windows;
        _minutes = new bool[MinutesPerWeek];
        foreach (var w in windows)
        {
            var start = DayIndex(w.Day) * MinutesPerDay + w.StartMinute;
            var length = w.IsOvernight ? MinutesPerDay - w.StartMinute + w.EndMinute : w.EndMinute - w.StartMinute;
            for (var m = 0; m < length; m++) _minutes[(start + m) % MinutesPerWeek] = true;
        }
    }

    public IReadOnlyList<ServiceWindow> Windows { get; }

    public static ServiceHours None { get; } = new([]);
    public static ServiceHours AlwaysOpen { get; } = new(WeekDays.Select(d => new ServiceWindow(d, 0, MinutesPerDay)).ToList());

    public bool IsEmpty => Windows.Count == 0;
    public int CoveredMinutes => _minutes.Count(m => m);
    public bool IsAlwaysOpen => CoveredMinutes == MinutesPerWeek;

    /// <summary>Builds hours from windows, refusing impossible times and empty windows.</summary>
    public static ServiceHours Of(IEnumerable<ServiceWindow> windows)
    {
        var list = windows.ToList();
        foreach (var w in list)
        {
            if (w.StartMinute is < 0 or >= MinutesPerDay || w.EndMinute is < 0 or > MinutesPerDay)
                throw new DomainException("hours.time-invalid", "A time runs from 00:00 to 24:00.");
            if (w.StartMinute == w.EndMinute) throw new DomainException("hours.empty-window", "A time range must end at another time than it starts.");
            if (w.IsOvernight && w.EndMinute == MinutesPerDay) throw new DomainException("hours.time-invalid", "A time runs from 00:00 to 24:00.");
        }
        return new ServiceHours(list);
    }

    /// <summary>True when every minute of <paramref name="required"/> is covered by these hours.</summary>
    public bool Covers(ServiceHours required)
    {
        for (var m = 0; m < MinutesPerWeek; m++)
            if (required._minutes[m] && !_minutes[m]) return false;
        return true;
    }

    /// <summary>The minutes of <paramref name="required"/> these hours leave open.</summary>
    public int UncoveredMinutesOf(ServiceHours required)
    {
        var count = 0;
        for (var m = 0; m < MinutesPerWeek; m++)
            if (required._minutes[m] && !_minutes[m]) count++;
        return count;
    }

    /// <summary>Whether the given moment of the week is covered (day and minute from midnight).</summary>
    public bool IsOpen(DayOfWeek day, int minute) => _minutes[DayIndex(day) * MinutesPerDay + minute];

    public static ServiceHours Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0) return None;
        if (trimmed.Length > MaxLength) throw new DomainException("hours.too-long", $"Hours are at most {MaxLength} characters.");
        if (trimmed is "24/7" or "24x7") return AlwaysOpen;
        var windows = new List<ServiceWindow>();
        foreach (var part in trimmed.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = GroupPattern().Match(part);
            if (!match.Success) throw new DomainException("hours.format", "Write hours like 'Mon-Fri 08:00-20:00; Sat 09:00-17:00' or '24/7'.");
            var days = ParseDays(match.Groups["days"].Value);
            var start = ParseTime(match.Groups["start"].Value);
            var end = ParseTime(match.Groups["end"].Value);
            if (start == MinutesPerDay) throw new DomainException("hours.time-invalid", "A time runs from 00:00 to 24:00.");
            windows.AddRange(days.Select(d => new ServiceWindow(d, start, end)));
        }
        return Of(windows);
    }

    public static bool TryParse(string? text, out ServiceHours hours, out string? errorCode)
    {
        try
        {
            hours = Parse(text);
            errorCode = null;
            return true;
        }
        catch (DomainException e)
        {
            hours = None;
            errorCode = e.Code;
            return false;
        }
    }

    /// <summary>The canonical text ("Mon-Fri 08:00-20:00; Sat 09:00-17:00"), which <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Format(d => DayCodes[DayIndex(d)], "24/7");

    /// <summary>The hours with day names of the reader's language; consecutive days with the same times are joined.</summary>
    public string Format(Func<DayOfWeek, string> dayName, string alwaysOpen)
    {
        if (IsAlwaysOpen && Windows.Count == 7 && Windows.All(w => w is { StartMinute: 0, EndMinute: MinutesPerDay })) return alwaysOpen;
        var groups = new List<string>();
        var byTimes = Windows
            .GroupBy(w => (w.StartMinute, w.EndMinute))
            .OrderBy(g => g.Min(w => DayIndex(w.Day))).ThenBy(g => g.Key.StartMinute);
        foreach (var group in byTimes)
        {
            var indices = group.Select(w => DayIndex(w.Day)).Distinct().Order().ToList();
            var ranges = new List<string>();
            for (var i = 0; i < indices.Count;)
            {
                var j = i;
                while (j + 1 < indices.Count && indices[j + 1] == indices[j] + 1) j++;
                ranges.Add(j == i ? dayName(WeekDays[indices[i]]) : $"{dayName(WeekDays[indices[i]])}-{dayName(WeekDays[indices[j]])}");
                i = j + 1;
            }
            groups.Add($"{string.Join(",", ranges)} {Time(group.Key.StartMinute)}-{Time(group.Key.EndMinute)}");
        }
        return string.Join("; ", groups);
    }

    public bool Equals(ServiceHours? other) => other is not null && _minutes.AsSpan().SequenceEqual(other._minutes);
    public override bool Equals(object? obj) => Equals(obj as ServiceHours);
    public override int GetHashCode() => CoveredMinutes;

    internal static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    private static string Time(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");

    private static List<DayOfWeek> ParseDays(string text)
    {
        var days = new List<DayOfWeek>();
        foreach (var piece in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = piece.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2) throw new DomainException("hours.format", "Write hours like 'Mon-Fri 08:00-20:00; Sat 09:00-17:00' or '24/7'.");
            var first = Day(ends[0]);
            var last = ends.Length == 2 ? Day(ends[1]) : first;
            for (var i = first; ; i = (i + 1) % 7)
            {
                days.Add(WeekDays[i]);
                if (i == last) break;
            }
        }
        return days;
    }

    private static int Day(string text)
    {
        var code = text.Trim().ToLowerInvariant();
        string[][] names =
        [
            ["mon", "monday", "ma", "maandag"], ["tue", "tuesday", "di", "dinsdag"], ["wed", "wednesday", "wo", "woensdag"],
            ["thu", "thursday", "do", "donderdag"], ["fri", "friday", "vr", "vrijdag"], ["sat", "saturday", "za", "zaterdag"],
            ["sun", "sunday", "zo", "zondag"],
        ];
        for (var i = 0; i < names.Length; i++)
            if (names[i].Contains(code)) return i;
        throw new DomainException("hours.day-unknown", "Unknown day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.");
    }

    private static int ParseTime(string text)
    {
        var parts = text.Split([':', '.']);
        var hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minute = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        if (hour > 24 || minute > 59 || (hour == 24 && minute != 0))
            throw new DomainException("hours.time-invalid", "A time runs from 00:00 to 24:00.");
        return hour * 60 + minute;
    }

    [GeneratedRegex(@"^(?<days>[A-Za-z]+(\s*[-–]\s*[A-Za-z]+)?(\s*,\s*[A-Za-z]+(\s*[-–]\s*[A-Za-z]+)?)*)\s+(?<start>\d{1,2}([:.]\d{2})?)\s*[-–]\s*(?<end>\d{1,2}([:.]\d{2})?)$")]
    private static partial Regex GroupPattern();
}
