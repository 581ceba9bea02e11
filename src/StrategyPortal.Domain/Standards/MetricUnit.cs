namespace StrategyPortal.Domain.Standards;

/// <summary>The unit a standard's metric is measured in. Each unit has a range every target and result must stay in.</summary>
public enum MetricUnit
{
    /// <summary>A share, 0 to 100.</summary>
    Percent = 0,
    Seconds = 1,
    Minutes = 2,
    Hours = 3,
    Days = 4,
    Count = 5,

    /// <summary>A score such as NPS (−100 to +100) or an average rating (1–5, 1–7, 1–10).</summary>
    Score = 6,
}

public static class MetricUnits
{
    public const double MaxQuantity = 1_000_000;

    /// <summary>The smallest and largest value a measurement in <paramref name="unit"/> can take.</summary>
    public static (double Min, double Max) RangeOf(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => (0, 100),
        MetricUnit.Score => (-100, 100),
        MetricUnit.Seconds or MetricUnit.Minutes or MetricUnit.Hours or MetricUnit.Days or MetricUnit.Count => (0, MaxQuantity),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown metric unit."),
    };

    public static bool InRange(MetricUnit unit, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return false;
        var (min, max) = RangeOf(unit);
        return value >= min && value <= max;
    }
}
