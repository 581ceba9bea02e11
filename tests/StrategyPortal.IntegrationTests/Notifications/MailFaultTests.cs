using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// The mail server is down: messages wait and are tried again with growing pauses, the mail page says so, after the last
/// allowed try the message fails (nothing is lost: it waits for an administrator), and once the server is back a retry
/// delivers it. Its own portal and SMTP server: stopping the server must not disturb other suites.
/// </summary>
public abstract class MailFaultTests(MailPortal factory)
{
    [Fact]
    public async Task While_the_mail_server_is_down_messages_wait_the_mail_page_says_so_and_a_retry_delivers_them()
    {
        var client = await factory.SharedClientAsync(PortalRole.Administrator);
        await factory.Smtp.StopAsync();
        var email = $"wacht.{Guid.NewGuid():N}@noordlicht.example";
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        var organisation = admin.Get<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        var personId = await organisation.CreatePersonAsync(new PersonInput { Name = "Wachtende Collega", Email = email, OrgUnitId = root.Id, SendInvitation = true });

        // The first try failed: queued again, with the reason, and the page says mail waits.
        var waiting = await MailDeliveryTests.PollAsync(async () =>
        {
            await using var db = factory.NewDbContext();
            return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == personId && m.Attempts >= 1 && m.Status == OutboxStatus.Queued);
        });
        Assert.Contains("Could not reach the mail server", waiting.LastError);
        Assert.True(waiting.NextAttemptAtUtc > waiting.CreatedAtUtc);
        var overview = await admin.Get<MailAdminService>().GetOverviewAsync();
        Assert.True(overview.Waiting >= 1);
        Assert.True(overview.HasTrouble);
        await MailDeliveryTests.PollAsync(async () => Page.HasTestId(await client.GetPageAsync("/admin/mail"), "mail-trouble") ? "shown" : null);

        // Six tries (after 1, 2, 4, 8 and 16 seconds): then it fails for good, and stays.
        var failed = await MailDeliveryTests.PollAsync(async () =>
        {
            await using var db = factory.NewDbContext();
            return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == personId && m.Status == OutboxStatus.Failed);
        });
        Assert.Equal(6, failed.Attempts);
        Assert.DoesNotContain(factory.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));

        factory.Smtp.Start();
        Assert.True(await admin.Get<MailAdminService>().RetryAllAsync() >= 1);
        var mail = (await factory.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email))).Single();
        Assert.Contains("set-password", mail.TextBody);
        await MailDeliveryTests.PollAsync(async () =>
        {
            await using var db = factory.NewDbContext();
            return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == failed.Id && m.Status == OutboxStatus.Sent);
        });
    }
}

public sealed class MailFaultTests_Sqlite(SqliteMailPortal factory) : MailFaultTests(factory), IClassFixture<SqliteMailPortal>;
public sealed class MailFaultTests_PostgreSql(PostgreSqlMailPortal factory) : MailFaultTests(factory), IClassFixture<PostgreSqlMailPortal>;
