namespace StrategyPortal.Domain.Common;

/// <summary>
/// How every figure is rounded for people to read, on every page, PDF and CSV: halves away from zero (62.5 % → 63 %,
/// −7.5 → −8), and shares of one whole by the largest remainder so they add up to exactly 100.
/// </summary>
public static class Rounding
{
    /// <summary><paramref name="value"/> to <paramref name="decimals"/> decimals, halves away from zero.</summary>
    public static double Round(double value, int decimals = 0) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Whole percentages of shares that together make one whole (e.g. promoters, passives and detractors): each share is
    /// rounded down, and the points still missing to 100 go to the shares with the largest remainders (ties: the larger
    /// share, then the earlier one). Shares that do not add up to 100 (no one answered) are rounded one by one.
    /// </summary>
    public static int[] WholePercentages(params double[] shares)
    {
        var total = shares.Sum();
        if (shares.Length == 0 || Math.Abs(total - 100) > 1e-6) return shares.Select(s => (int)Round(s)).ToArray();
        // A share computed as 100·k/n may land a hair below its true value (28.999…); 1e-9 keeps it from losing a whole point.
        var floors = shares.Select(s => (int)Math.Floor(s + 1e-9)).ToArray();
        var missing = 100 - floors.Sum();
        var order = Enumerable.Range(0, shares.Length)
            .OrderByDescending(i => shares[i] - floors[i])
            .ThenByDescending(i => shares[i])
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < missing && k < order.Count; k++) floors[order[k]]++;
        return floors;
    }
}
