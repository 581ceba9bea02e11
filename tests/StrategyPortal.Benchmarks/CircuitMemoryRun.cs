using Microsoft.Playwright;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// What an open interactive page costs the server: the real portal (<see cref="InteractivePortal"/>), every page opened
/// once first (warm: compiled code and caches are not the circuits' cost), then page by page N more tabs of that page
/// kept open; when their circuits run and their data has arrived, a full blocking compacting collection, the managed heap
/// and the process's working set. The growth over the page's own baseline divided by N is that page's cost per circuit;
/// its tabs are closed, and their circuits gone, before the next page. The figure is the growth of a second round of N
/// tabs over the first (both kept open): buffers the process pools after rendering that page (shared array pools sized
/// to its render batches), caches and compiled code come with the first round and count as the process's.
/// </summary>
internal static class CircuitMemoryRun
{
    public static async Task<int> RunAsync(int perPage, int port, string[] only)
    {
        await using var portal = await InteractivePortal.StartAsync(port);
        var pages = InteractivePortal.Pages;
        var measured = only.Length == 0 ? pages : pages.Where(p => only.Contains(p.Path)).ToArray();
        // Set SP_GCDUMP_DIR (and have dotnet-gcdump on PATH) for a heap snapshot per page, to see what its circuits keep.
        var dumps = Environment.GetEnvironmentVariable("SP_GCDUMP_DIR");
        var contexts = new Dictionary<string, IBrowserContext>();
        foreach (var account in pages.Select(p => p.Account).Distinct())
            contexts[account] = await portal.SignedInAsync(account);

        Console.WriteLine($"circuit memory: {pages.Length} pages × {perPage} tabs, Production, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {InteractivePortal.LoadAverage}");
        foreach (var (path, account) in pages) await OpenAsync(contexts[account], path);
        await portal.WaitForCircuitsAsync(pages.Length);
        // SP_SCREENSHOTS_DIR: the measured pages at desktop and phone width, to look at what was measured.
        if (Environment.GetEnvironmentVariable("SP_SCREENSHOTS_DIR") is { Length: > 0 } shots)
            foreach (var (path, account) in measured)
                foreach (var width in (int[])[1280, 390])
                {
                    var page = await OpenAsync(contexts[account], path);
                    await page.SetViewportSizeAsync(width, 900);
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{(path == "/" ? "home" : path.Trim('/').Replace('/', '-'))}-{width}.png"), FullPage = true });
                    await page.CloseAsync();
                }
        var warm = InteractivePortal.Measure();
        Console.WriteLine($"warm, one tab of each page open: managed heap {warm.Heap / 1048576.0:0.0} MB, working set {warm.WorkingSet / 1048576.0:0.0} MB");
        await DumpAsync(dumps, "baseline");

        var rows = new List<(string Path, double Heap, double WorkingSet)>();
        foreach (var (path, account) in measured)
        {
            // Two rounds of N tabs, all kept open: what the first round made the process keep (pooled buffers sized to
            // the page's render batches, caches, compiled code) is in the first figure; the second round's growth is what
            // each further open page keeps.
            await portal.WaitForCircuitsAsync(pages.Length);
            var tabs = new List<IPage>();
            for (var i = 0; i < perPage; i++) tabs.Add(await OpenAsync(contexts[account], path));
            await portal.WaitForCircuitsAsync(pages.Length + perPage);
            var first = InteractivePortal.Measure();
            for (var i = 0; i < perPage; i++) tabs.Add(await OpenAsync(contexts[account], path));
            await portal.WaitForCircuitsAsync(pages.Length + 2 * perPage);
            var now = InteractivePortal.Measure();
            var row = (path, (now.Heap - first.Heap) / (double)perPage, (now.WorkingSet - first.WorkingSet) / (double)perPage);
            rows.Add(row);
            Console.WriteLine($"  {path}: {row.Item2 / 1024:0} KB managed heap, {row.Item3 / 1024:0} KB working set per open page (load {InteractivePortal.LoadAverage})");
            await DumpAsync(dumps, path);
            foreach (var tab in tabs) await tab.CloseAsync();
        }

        Console.WriteLine();
        Console.WriteLine("| page | managed heap per open page | working set per open page |");
        Console.WriteLine("|---|---|---|");
        foreach (var row in rows.OrderByDescending(r => r.Heap))
            Console.WriteLine($"| `{row.Path}` | {row.Heap / 1024:0} KB | {row.WorkingSet / 1024:0} KB |");
        var heaviest = rows.OrderByDescending(r => r.Heap).Take(5).ToList();
        Console.WriteLine();
        Console.WriteLine($"five heaviest pages, mean per open page: managed heap {heaviest.Average(r => r.Heap) / 1024:0} KB, working set {heaviest.Average(r => r.WorkingSet) / 1024:0} KB");
        Console.WriteLine($"all pages, mean per open page: managed heap {rows.Average(r => r.Heap) / 1024:0} KB, working set {rows.Average(r => r.WorkingSet) / 1024:0} KB; load average at the end {InteractivePortal.LoadAverage}");
        return 0;
    }

    private static async Task DumpAsync(string? folder, string name)
    {
        if (folder is null) return;
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, (name == "/" ? "home" : name.Trim('/').Replace('/', '-')) + ".gcdump");
        using var dump = System.Diagnostics.Process.Start("dotnet-gcdump", ["collect", "-p", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file]);
        await dump.WaitForExitAsync();
    }

    /// <summary>A new tab on the page, left open once its circuit runs and its data has arrived.</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await InteractivePortal.LoadAsync(page, path);
        return page;
    }
}
