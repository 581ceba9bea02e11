using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Hosting;
using StrategyPortal.Web.Scorecards;

namespace StrategyPortal.Benchmarks.Scorecards;

/// <summary>
/// <c>scorecard [--units 200] [--repeat 20]</c>: the demo company's scorecard (data built once, then the PDF drawn
/// <c>repeat</c> times after warming up: time and size), and a batch of <c>units</c> unit scorecards (data and
/// PDF each) over both cores, cycling through the demo company's units, with the managed memory before and after.
/// </summary>
internal static class ScorecardBenchmark
{
    public static async Task<int> RunAsync(int units, int repeat)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sp-bench-scorecard-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await using var app = PortalApp.Build(
        [
            "--applicationName", "StrategyPortal.Web", "--environment", "Production",
            "--Database:Provider=Sqlite", $"--Database:DataFolder={folder}",
            "--Portal:DemoData=true", "--Engagement:SchedulerEnabled=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple",
        ]);
        var seed = Stopwatch.StartNew();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(seedDemoData: true);
        Console.WriteLine($"demo company seeded in {seed.Elapsed.TotalSeconds:0.0} s");

        var quarter = Quarter.Of(DateTime.UtcNow).Previous;
        var writer = app.Services.GetRequiredService<IScorecardPdfWriter>();
        var culture = CultureInfo.GetCultureInfo("nl");

        // 1. The demo company: build the data, then draw it warm.
        ScorecardData company;
        var build = Stopwatch.StartNew();
        await using (var scope = SystemScope.Create(app.Services))
            company = await scope.ServiceProvider.GetRequiredService<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(quarter, null));
        var firstBuild = build.Elapsed;
        var pdf = writer.Write(company, culture); // cold: fonts, ScottPlot, JIT
        for (var i = 0; i < 3; i++) writer.Write(company, culture);
        var writes = new List<double>();
        var builds = new List<double>();
        var writeCpu = TimeSpan.Zero;
        for (var i = 0; i < repeat; i++)
        {
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            pdf = writer.Write(company, culture);
            writes.Add(sw.Elapsed.TotalMilliseconds);
            writeCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            sw.Restart();
            await using var scope = SystemScope.Create(app.Services);
            await scope.ServiceProvider.GetRequiredService<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(quarter, null));
            builds.Add(sw.Elapsed.TotalMilliseconds);
        }
        var pages = CountPages(pdf);
        Console.WriteLine($"company scorecard {quarter}: {pages} pages, {pdf.Length / 1024.0:0.0} KB");
        Console.WriteLine($"  data (first, cold): {firstBuild.TotalMilliseconds:0} ms; warm median {Median(builds):0} ms");
        Console.WriteLine($"  PDF warm: median {Median(writes):0} ms, min {writes.Min():0} ms, max {writes.Max():0} ms over {repeat}");
        Console.WriteLine($"  PDF warm CPU time (whole process, includes GC): mean {writeCpu.TotalMilliseconds / repeat:0} ms");
        Console.WriteLine($"  data + PDF warm: median {Median(writes.Zip(builds, (a, b) => a + b).ToList()):0} ms");

        // 2. A batch of unit scorecards over both cores.
        List<int> unitIds;
        await using (var scope = SystemScope.Create(app.Services))
            unitIds = (await scope.ServiceProvider.GetRequiredService<ScorecardUnits>().GetAllAsync()).Where(u => u.ParentId is not null).Select(u => u.Id).ToList();
        var requests = Enumerable.Range(0, units).Select(i => unitIds[i % unitIds.Count]).ToList();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long bytes = 0;
        var peak = 0L;
        var batch = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (unitId, ct) =>
        {
            await using var scope = SystemScope.Create(app.Services);
            var data = await scope.ServiceProvider.GetRequiredService<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(quarter, unitId), ct);
            var document = writer.Write(data, culture);
            Interlocked.Add(ref bytes, document.Length);
            if (Interlocked.Increment(ref done) % 50 == 0)
            {
                var working = Environment.WorkingSet;
                long seen;
                do seen = Interlocked.Read(ref peak); while (working > seen && Interlocked.CompareExchange(ref peak, working, seen) != seen);
                Console.WriteLine($"  {done} done, managed {GC.GetTotalMemory(false) / 1048576.0:0} MB, working set {working / 1048576.0:0} MB");
            }
        });
        var elapsed = batch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var perMinutePerCore = units / elapsed.TotalMinutes / Environment.ProcessorCount;
        Console.WriteLine($"{units} unit scorecards on {Environment.ProcessorCount} cores: {elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU, " +
                          $"{elapsed.TotalMilliseconds / units:0} ms per document, {bytes / 1024.0 / units:0} KB average");
        Console.WriteLine($"  {perMinutePerCore:0} documents per minute per core (QuestPDF claims > 1,000: ratio {perMinutePerCore / 1000:0.00})");
        Console.WriteLine($"  managed memory after a full collection: before {memoryBefore / 1048576.0:0.0} MB, after {memoryAfter / 1048576.0:0.0} MB; peak working set {peak / 1048576.0:0} MB");
        Console.WriteLine($"  load average: {LoadAverage()}");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
