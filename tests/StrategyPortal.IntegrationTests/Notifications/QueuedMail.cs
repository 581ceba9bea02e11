using System.Globalization;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Infrastructure.Persistence;
using Xunit.Abstractions;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// The outbox kill tests' company (one notice queued per person) and their verdict: every message arrived, and the only
/// ones that arrived twice were in flight when the sender died.
/// </summary>
public static class QueuedMail
{
    public static async Task SeedAsync(PortalDbContext db, int messages)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var company = new OrgUnit("Herstart B.V.", OrgUnitKind.Other, null);
        db.OrgUnits.Add(company);
        await db.SaveChangesAsync();
        var people = Enumerable.Range(1, messages).Select(i => new Person($"Medewerker {i}", $"medewerker{i}@herstart.example", company.Id, PortalRole.Employee)).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        db.OutboxMessages.AddRange(people.Select(p => new OutboxMessage(NoticeKind.SignalAcknowledged, p.Id, p.Email, p.Name,
            new SignalAcknowledgedNotice(1, "Klantenservice", SignalKind.Complaint, DateOnly.FromDateTime(now), "Klant belde drie keer.", "Joris Bakker", "logged").Serialize(), now)));
        await db.SaveChangesAsync();
    }

    public static HashSet<long> Distinct(LocalSmtpServer smtp) => smtp.MessageIds.Select(OutboxId).ToHashSet();

    public static void AssertEachOnceButInFlight(LocalSmtpServer smtp, int messages, IReadOnlySet<long> inFlight, ITestOutputHelper output)
    {
        var ids = smtp.MessageIds.Select(OutboxId).ToList();
        var twice = ids.GroupBy(i => i).Where(g => g.Count() > 1).ToList();
        output.WriteLine($"{ids.Count} handed over for {messages} messages: {twice.Count} sent twice");
        Assert.Equal(messages, ids.Distinct().Count());
        Assert.All(twice, g => Assert.Contains(g.Key, inFlight));
        Assert.All(twice, g => Assert.True(g.Count() <= 2, $"message {g.Key} arrived {g.Count()} times"));
    }

    /// <summary>"outbox-0000000042-638…@domain" → 42 (MailMessageFactory's Message-Id).</summary>
    private static long OutboxId(string messageId) => long.Parse(messageId.Split('-')[1], CultureInfo.InvariantCulture);
}
