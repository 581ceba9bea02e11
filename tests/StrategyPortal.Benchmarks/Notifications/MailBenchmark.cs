using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Promises;
using StrategyPortal.IntegrationTests.Notifications;

namespace StrategyPortal.Benchmarks.Notifications;

/// <summary>
/// 10,000 e-mails through the real outbox: queued in one transaction, claimed, rendered in each recipient's language
/// and handed to a real SMTP server on 127.0.0.1 (the SmtpServer library, in this process), one batch per SMTP
/// connection, each message marked sent. Measures the time from the commit to the last message accepted, and the
/// managed heap and working set while it runs.
/// </summary>
internal static class MailBenchmark
{
    public static async Task<int> RunAsync(int people, int port, int batchSize)
    {
        await using var smtp = new LocalSmtpServer(keepMessages: false).Start();
        await using var host = await BenchHost.StartAsync(port,
        [
            "--Mail:Provider=Smtp", "--Mail:Smtp:Host=127.0.0.1", $"--Mail:Smtp:Port={smtp.Port}", "--Mail:Smtp:Security=None",
            "--Mail:From=portal@bench.example", $"--Mail:BatchSize={batchSize}", "--Mail:PollSeconds=1",
        ]);
        var ids = await BenchHost.SeedCompanyAsync(host.App.Services, people);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var samples = new List<(double Seconds, long Heap, long WorkingSet)>();

        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using (var scope = StrategyPortal.Infrastructure.Access.SystemScope.Create(host.App.Services))
        {
            var outbox = scope.ServiceProvider.GetRequiredService<NoticeOutbox>();
            await using var db = await scope.ServiceProvider.GetRequiredService<IPortalDbFactory>().CreateAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await outbox.AddAsync(db, NoticeKind.SignalAcknowledged, ids,
                new SignalAcknowledgedNotice(1, "Klantenservice", SignalKind.Complaint, today, "Klant wacht al drie dagen op een terugbelverzoek.", "Joris Bakker", "logged"));
            await db.SaveChangesAsync();
            outbox.Wake();
        }
        var queued = clock.Elapsed;
        while (smtp.Count < ids.Count)
        {
            await Task.Delay(500);
            process.Refresh();
            samples.Add((clock.Elapsed.TotalSeconds, GC.GetTotalMemory(false), process.WorkingSet64));
            if (clock.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"Only {smtp.Count} of {ids.Count} arrived in 30 minutes.");
        }
        var done = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(f, $"mail: {ids.Count:N0} messages queued in {queued.TotalSeconds:0.00} s (one transaction); all handed to SMTP after {done.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(f, $"  throughput {ids.Count / (done - queued).TotalSeconds:0} messages/s; batch size {batchSize}; {smtp.MessageIds.Count - smtp.MessageIds.Distinct().Count()} duplicates"));
        Console.WriteLine(string.Create(f, $"  CPU of the whole process (portal and SMTP server): {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds / ids.Count:0.00} ms per message; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine(string.Create(f, $"  managed heap after a full collection: {heapBefore / 1048576.0:0.0} MB before, {heapAfter / 1048576.0:0.0} MB after"));
        Console.WriteLine(string.Create(f, $"  while sending: heap {samples.Min(s => s.Heap) / 1048576.0:0} – {samples.Max(s => s.Heap) / 1048576.0:0} MB, working set {samples.Min(s => s.WorkingSet) / 1048576.0:0} – {samples.Max(s => s.WorkingSet) / 1048576.0:0} MB ({samples.Count} samples)"));
        return done.TotalSeconds < 60 ? 0 : 1;
    }
}
