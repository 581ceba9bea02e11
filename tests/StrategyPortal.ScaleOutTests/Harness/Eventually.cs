namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>Polling for a condition with a generous limit, instead of sleeping and hoping.</summary>
public static class Eventually
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until <paramref name="probe"/> returns a value (not null); fails naming <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan limit, string what) where T : class =>
        await ValueAsync(() => Task.FromResult(probe()), limit, what);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan limit, string what) where T : class
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
            await Task.Delay(Interval);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan limit, string what, Func<string>? diagnostics = null)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.{(diagnostics is null ? "" : "\n" + diagnostics())}");
            await Task.Delay(Interval);
        }
    }
}
