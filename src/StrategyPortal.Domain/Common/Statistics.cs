namespace StrategyPortal.Domain.Common;

/// <summary>Correlation, once: drivers of engagement and engagement beside customer scores use the same r and the same minimum.</summary>
public static class Statistics
{
    /// <summary>Fewer pairs say nothing: through two points every line fits (r is always ±1).</summary>
    public const int MinimumPairs = 3;

    /// <summary>
    /// Pearson's correlation coefficient r of paired values, from −1 to +1; null with fewer than <see cref="MinimumPairs"/>
    /// pairs or when either side does not vary (r is undefined then).
    /// </summary>
    public static double? Pearson(IReadOnlyList<(double X, double Y)> input)
    {
        var n = input.Count;
        if (n < MinimumPairs) return null;
        // Floating-point sums depend on their order, and rows come in storage order (which the answer mix rewrites): summed
        // in one canonical order, the same pairs give the same r to the last bit.
        var points = input.Order().ToList();
        double meanX = 0, meanY = 0;
        foreach (var (x, y) in points) { meanX += x; meanY += y; }
        meanX /= n;
        meanY /= n;
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in points)
        {
            var dx = x - meanX;
            var dy = y - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx <= 0 || syy <= 0) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }
}
