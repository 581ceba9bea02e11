using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Hosting;
using Xunit.Abstractions;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// One instance on SQLite, killed (SIGKILL, no shutdown) while it sends 10,000 e-mails and started again: every message
/// reaches the SMTP server, and the only ones that arrive twice are messages that were in flight when it died (claimed
/// by the dead process and not yet marked sent). The portal runs as a real process of its own (the built executable),
/// so the kill is a real one. (Several instances killed under a balancer: the scale-out suite.)
/// </summary>
[Collection(OutboxRestartCollection.Name)]
public sealed class OutboxRestartTests(ITestOutputHelper output)
{
    private const int Messages = 10_000;

    [Fact]
    public async Task Killed_while_sending_10000_messages_and_started_again_everyone_gets_theirs_and_only_in_flight_ones_twice()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var smtp = new LocalSmtpServer(keepMessages: false).Start();
        var args = new List<string>
        {
            $"--Database:Provider=Sqlite", $"--Database:ConnectionString={database.ConnectionString}", $"--Database:DataFolder={database.Folder}",
            "--Portal:DemoData=false", "--urls=http://127.0.0.1:0", "--environment=Production",
            "--Mail:Provider=Smtp", "--Mail:Smtp:Host=127.0.0.1", $"--Mail:Smtp:Port={smtp.Port}", "--Mail:Smtp:Security=None",
            "--Mail:PollSeconds=1", "--Mail:From=portal@bench.example",
            "--Engagement:SchedulerEnabled=false", "--Promises:RecheckEnabled=false", "--Scorecards:WorkerEnabled=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:StrategyPortal.Infrastructure.Notifications=Information", "--Logging:Console:FormatterName=simple",
            $"--applicationName={typeof(PortalApp).Assembly.GetName().Name}",
        };
        Assert.Equal(0, await PortalApp.RunAsync(["migrate", .. args]));
        await SeedAsync(database.ConnectionString);

        using (var first = Start(args))
        {
            try
            {
                await WaitUntilAsync(() => smtp.Count >= 2_000, TimeSpan.FromMinutes(2), first, () => $"{smtp.Count} arrived");
            }
            finally
            {
                first.Kill(entireProcessTree: true);
            }
            await first.WaitForExitAsync();
        }
        var received = smtp.Count;
        HashSet<long> inFlight;
        await using (var db = Context(database.ConnectionString))
            inFlight = (await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending).Select(m => m.Id).ToListAsync()).ToHashSet();
        output.WriteLine($"killed after {received} messages arrived; {inFlight.Count} were claimed and not marked sent");
        Assert.True(received < Messages, "the kill came before the end");

        using (var second = Start(args))
        {
            try
            {
                await WaitUntilAsync(() => QueuedMail.Distinct(smtp).Count >= Messages, TimeSpan.FromMinutes(2), second, () => $"{QueuedMail.Distinct(smtp).Count} distinct arrived");
                await using var db = Context(database.ConnectionString);
                await WaitUntilAsync(() => db.OutboxMessages.Count(m => m.Status == OutboxStatus.Sent) == Messages, TimeSpan.FromMinutes(1), second);
            }
            finally
            {
                // Also when a wait fails: no portal outlives its test.
                second.Kill(entireProcessTree: true);
            }
        }

        QueuedMail.AssertEachOnceButInFlight(smtp, Messages, inFlight, output);
    }

    private static async Task SeedAsync(string connectionString)
    {
        await using var db = Context(connectionString);
        await QueuedMail.SeedAsync(db, Messages);
    }

    private static PortalDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseRegistration.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        return new PortalDbContext(builder.Options);
    }

    private Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StrategyPortal.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.WriteLine("portal: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.WriteLine("portal: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Waits for <paramref name="condition"/> while the portal makes progress: it fails only after <paramref name="timeout"/>
    /// without any change of <paramref name="state"/> (on a machine shared by many builds the pace varies tenfold).
    /// </summary>
    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Process portal, Func<string>? state = null)
    {
        var until = DateTime.UtcNow + timeout;
        var last = state?.Invoke();
        while (!condition())
        {
            if (portal.HasExited) throw new InvalidOperationException($"The portal stopped (exit code {portal.ExitCode}).");
            if (state?.Invoke() is { } now && now != last)
            {
                last = now;
                until = DateTime.UtcNow + timeout;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not come true in time: " + state?.Invoke());
            await Task.Delay(50);
        }
    }
}

/// <summary>The restart test runs a portal process of its own and sends 10,000 e-mails: alone, not beside other heavy suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutboxRestartCollection
{
    public const string Name = "Outbox restart";
}
