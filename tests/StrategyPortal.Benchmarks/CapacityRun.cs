using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// How many interactive users one instance holds: the real portal (<see cref="InteractivePortal"/>) and U simulated users,
/// each a browser tab that keeps its circuit open and every think time (uniform 0.5–1.5 × the mean) loads the next page
/// of the demo (a full page load: prerender, a new circuit, interactive render, its data). Steps of U; each step warms up
/// for one think time, then measures page loads (navigation to interactive with data) for its window. The step whose p95
/// passes 1.5 s ends the run. Also reported: the server process's CPU per page load, so the figure can be scaled to an
/// instance of another size (the browser shares this machine's cores).
/// </summary>
internal static class CapacityRun
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(1.5);

    public static async Task<int> RunAsync(int[] steps, double thinkSeconds, double windowSeconds, int port)
    {
        await using var portal = await InteractivePortal.StartAsync(port);
        var pages = InteractivePortal.Pages.Where(p => p.Account == InteractivePortal.Administrator).Select(p => p.Path).ToArray();
        var context = await portal.SignedInAsync(InteractivePortal.Administrator);
        Console.WriteLine($"capacity: users in steps of {string.Join(", ", steps)}, think time {thinkSeconds:0} s mean, {windowSeconds:0} s measured per step, " +
                          $"{pages.Length} pages, Production, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores, load average {InteractivePortal.LoadAverage}");
        // Warm: every page once (compiled code and caches are not what is measured).
        var warm = await context.NewPageAsync();
        foreach (var path in pages) await InteractivePortal.LoadAsync(warm, path);
        await warm.CloseAsync();

        using var stop = new CancellationTokenSource();
        var loads = new ConcurrentQueue<(TimeSpan At, double Milliseconds)>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var users = new List<Task>();
        Console.WriteLine();
        Console.WriteLine("| users | page loads/s | p50 | p95 | max | failed | open circuits | server CPU per load | server CPU share of 2 cores | working set | load average |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var result = 0;
        foreach (var target in steps)
        {
            while (users.Count < target)
            {
                var number = users.Count;
                users.Add(Task.Run(() => UserAsync(number)));
            }
            // Warm-up of the step: every new user has started and loaded a page or two.
            await Task.Delay(TimeSpan.FromSeconds(thinkSeconds * 1.5));
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var from = clock.Elapsed;
            var failuresBefore = failures.Count;
            await Task.Delay(TimeSpan.FromSeconds(windowSeconds));
            var to = clock.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var window = loads.Where(l => l.At >= from && l.At < to).Select(l => l.Milliseconds).OrderBy(x => x).ToList();
            var p95 = Percentile(window, 95);
            Console.WriteLine($"| {target} | {window.Count / (to - from).TotalSeconds:0.0} | {Percentile(window, 50):0} ms | {p95:0} ms | {(window.Count > 0 ? window[^1] : 0):0} ms | {failures.Count - failuresBefore} | " +
                              $"{portal.OpenCircuitCount} | {cpu.TotalMilliseconds / Math.Max(1, window.Count):0} ms | {cpu.TotalSeconds / (to - from).TotalSeconds / Environment.ProcessorCount:P0} | " +
                              $"{process.WorkingSet64 / 1048576.0:0} MB | {InteractivePortal.LoadAverage} |");
            if (p95 > Goal.TotalMilliseconds || window.Count == 0)
            {
                result = 1;
                break;
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(users.Select(u => u.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var failure in failures.Distinct().Take(5)) Console.WriteLine("failure: " + failure);
        Console.WriteLine(result == 0 ? "every step held p95 under 1.5 s" : "the last step passed 1.5 s at p95 (or loaded nothing)");
        return 0;

        async Task UserAsync(int number)
        {
            var random = new Random(number);
            IPage? tab = null;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * thinkSeconds), stop.Token);
                tab = await context.NewPageAsync();
                for (var n = number; !stop.IsCancellationRequested; n++)
                {
                    var path = pages[n % pages.Length];
                    var started = clock.Elapsed;
                    try
                    {
                        await InteractivePortal.LoadAsync(tab, path);
                        loads.Enqueue((started, (clock.Elapsed - started).TotalMilliseconds));
                    }
                    catch (PlaywrightException e) when (!stop.IsCancellationRequested)
                    {
                        failures.Enqueue($"{path}: {e.Message.Split('\n')[0]}");
                    }
                    await Task.Delay(TimeSpan.FromSeconds(thinkSeconds * (0.5 + random.NextDouble())), stop.Token);
                }
            }
            catch (OperationCanceledException) { }
            catch (PlaywrightException) when (stop.IsCancellationRequested) { }
            finally
            {
                if (tab is not null) try { await tab.CloseAsync(); } catch (PlaywrightException) { }
            }
        }
    }

    private static double Percentile(List<double> sorted, int percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
