using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.IntegrationTests.Notifications;
using StrategyPortal.ScaleOutTests.Harness;
using Xunit.Abstractions;

namespace StrategyPortal.ScaleOutTests.Faults;

/// <summary>
/// Both instances send the outbox (3,000 e-mails) to a real SMTP server on 127.0.0.1; one is killed (SIGKILL) while it
/// holds a batch. The other sends the rest at once and the dead instance's batch when its lease lapses: every message
/// reaches the server, and the only ones that arrive twice were in flight on the killed instance (claimed by it and not
/// yet marked sent when it died).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class InstanceKilledWhileSendingMailTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 3_000;
    // 20 ms per message: a batch of 50 takes a second, so the test finds the victim holding one. Without it the 3,000
    // went out in a few seconds and a run could end before a poll saw the victim mid-batch.
    private readonly LocalSmtpServer _smtp = new(keepMessages: false) { AcceptDelay = TimeSpan.FromMilliseconds(20) };
    private ScaleOutCluster _portal = null!;

    public async Task InitializeAsync()
    {
        _smtp.Start();
        _portal = await ScaleOutCluster.StartAsync("kill-while-mailing", await PostgresServer.GetAsync(), SeedAsync, new Dictionary<string, string>
        {
            ["Mail:Provider"] = "Smtp",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:From"] = "portal@herstart.example",
            ["Mail:PollSeconds"] = "1",
            // The shortest lease (a minute), so the takeover happens within the test.
            ["Mail:LeaseMinutes"] = "1",
            ["Logging:LogLevel:StrategyPortal.Infrastructure.Notifications"] = "Information",
        });
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Every_message_is_sent_and_only_the_killed_instances_messages_in_flight_twice()
    {
        var victim = _portal.Instances[0];
        var owner = $":{victim.ProcessId.ToString(CultureInfo.InvariantCulture)}:";
        HashSet<long>? inFlight = null;
        for (var attempt = 0; attempt < 20 && inFlight is null; attempt++)
        {
            await Eventually.TrueAsync(async () => _smtp.Count >= 200 && (await HeldByAsync(owner)).Count > 0, TimeSpan.FromMinutes(3),
                $"instance {victim.Name} to hold a batch after 200 messages arrived", () => $"{_smtp.Count} arrived\n{_portal.Diagnostics()}");
            victim.Freeze();
            await NothingRunningForAsync(victim.Name);
            if ((await HeldByAsync(owner)).Count > 0)
            {
                await victim.KillAsync();
                // What the dead process left claimed and unmarked: the only messages that may arrive twice.
                await NothingRunningForAsync(victim.Name);
                inFlight = await HeldByAsync(owner);
            }
            else victim.Resume();
        }
        Assert.NotNull(inFlight);
        var arrivedAtKill = _smtp.Count;
        output.WriteLine($"killed instance {victim.Name} after {arrivedAtKill} messages arrived; it held {inFlight.Count} claimed and not marked sent");
        Assert.True(arrivedAtKill < Messages, "the kill came before the end");

        await Eventually.TrueAsync(() => Task.FromResult(QueuedMail.Distinct(_smtp).Count >= Messages), TimeSpan.FromMinutes(4),
            "every message to arrive", () => $"{QueuedMail.Distinct(_smtp).Count} distinct of {Messages} arrived\n{_portal.Diagnostics()}");
        await Eventually.TrueAsync(async () =>
        {
            await using var db = _portal.Services.NewDbContext();
            return await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent) == Messages;
        }, TimeSpan.FromMinutes(1), "every message marked sent", _portal.Diagnostics);

        QueuedMail.AssertEachOnceButInFlight(_smtp, Messages, inFlight, output);
    }

    private async Task<HashSet<long>> HeldByAsync(string owner)
    {
        await using var db = _portal.Services.NewDbContext();
        return (await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Sending && m.LeaseOwner != null && m.LeaseOwner.Contains(owner))
            .Select(m => m.Id).ToListAsync()).ToHashSet();
    }

    /// <summary>Until none of the instance's database sessions still runs a statement it sent.</summary>
    private async Task NothingRunningForAsync(string instance) =>
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(_portal.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = @name and state = 'active'", connection);
            command.Parameters.AddWithValue("name", $"portal-{instance}");
            return (long)(await command.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(30), $"portal-{instance}'s statements to finish");

    /// <summary>A company of 3,000 people and a notice queued for each, before the instances start.</summary>
    private static async Task SeedAsync(PortalServices services)
    {
        await using var db = services.NewDbContext();
        await QueuedMail.SeedAsync(db, Messages);
    }
}
