namespace StrategyPortal.Domain.Standards;

/// <summary>
/// Red / amber / green of a measured standard (DOMAIN.md): green when the actual meets the target,
/// amber within the amber band, red beyond it; no result is "no data", never green. The amber band
/// runs from the target to the amber threshold, in the metric's worse direction; without a threshold
/// it is 10% of the target.
/// </summary>
public static class RagJudgement
{
    /// <summary>Relative tolerance so values typed as decimals sit exactly on the edge they look like.</summary>
    private const double Tolerance = 1e-9;

    public static RagStatus Judge(double? actual, double target, MetricDirection direction, double? amberThreshold = null)
    {
        if (actual is not { } value || double.IsNaN(value)) return RagStatus.NoData;
        var threshold = amberThreshold ?? DefaultAmberThreshold(target, direction);
        var epsilon = Tolerance * Math.Max(1, Math.Max(Math.Abs(target), Math.Abs(threshold)));
        return direction switch
        {
            MetricDirection.HigherIsBetter when value >= target - epsilon => RagStatus.Green,
            MetricDirection.HigherIsBetter when value >= threshold - epsilon => RagStatus.Amber,
            MetricDirection.HigherIsBetter => RagStatus.Red,
            MetricDirection.LowerIsBetter when value <= target + epsilon => RagStatus.Green,
            MetricDirection.LowerIsBetter when value <= threshold + epsilon => RagStatus.Amber,
            MetricDirection.LowerIsBetter => RagStatus.Red,
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown direction."),
        };
    }

    /// <summary>The edge between amber and red when no threshold is set: 10% of the target away from it, on the worse side.</summary>
    public static double DefaultAmberThreshold(double target, MetricDirection direction)
    {
        var band = Math.Abs(target) / 10;
        return direction == MetricDirection.HigherIsBetter ? target - band : target + band;
    }

    /// <summary>True when <paramref name="threshold"/> lies on the worse side of the target (or on it: no amber band).</summary>
    public static bool IsOnWorseSide(double target, double threshold, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? threshold <= target : threshold >= target;

    public static RagStatus Judge(double? actual, StandardDefinition definition) =>
        Judge(actual, definition.Target, definition.Direction, definition.AmberThreshold);
}
