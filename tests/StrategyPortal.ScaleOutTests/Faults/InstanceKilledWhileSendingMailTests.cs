using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
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
    private readonly LocalSmtpServer _smtp = new(keepMessages: false);
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

        await Eventually.TrueAsync(() => Task.FromResult(Distinct().Count >= Messages), TimeSpan.FromMinutes(4),
            "every message to arrive", () => $"{Distinct().Count} distinct of {Messages} arrived\n{_portal.Diagnostics()}");
        await Eventually.TrueAsync(async () =>
        {
            await using var db = _portal.Services.NewDbContext();
            return await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent) == Messages;
        }, TimeSpan.FromMinutes(1), "every message marked sent", _portal.Diagnostics);

        var ids = _smtp.MessageIds.Select(OutboxId).ToList();
        var twice = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        output.WriteLine($"{ids.Count} handed over for {Messages} messages: {twice.Count} sent twice");
        Assert.Equal(Messages, ids.Distinct().Count());
        Assert.All(twice, id => Assert.Contains(id, inFlight));
        Assert.All(ids.GroupBy(i => i), g => Assert.True(g.Count() <= 2, $"message {g.Key} arrived {g.Count()} times"));
    }

    private HashSet<long> Distinct() => _smtp.MessageIds.Select(OutboxId).ToHashSet();

    /// <summary>"outbox-0000000042-638…@domain" → 42 (MailMessageFactory's Message-Id).</summary>
    private static long OutboxId(string messageId) => long.Parse(messageId.Split('-')[1], CultureInfo.InvariantCulture);

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
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var company = new OrgUnit("Herstart B.V.", OrgUnitKind.Other, null);
        db.OrgUnits.Add(company);
        await db.SaveChangesAsync();
        var people = Enumerable.Range(1, Messages).Select(i => new Person($"Medewerker {i}", $"medewerker{i}@herstart.example", company.Id, PortalRole.Employee)).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        db.OutboxMessages.AddRange(people.Select(p => new OutboxMessage(NoticeKind.SignalAcknowledged, p.Id, p.Email, p.Name,
            new SignalAcknowledgedNotice(1, "Klantenservice", SignalKind.Complaint, DateOnly.FromDateTime(now), "Klant belde drie keer.", "Joris Bakker", "logged").Serialize(), now)));
        await db.SaveChangesAsync();
    }
}
