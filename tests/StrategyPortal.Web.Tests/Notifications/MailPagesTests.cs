using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Notifications;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Notifications;

public class MailPagesTests
{
    [Fact]
    public async Task The_mail_page_lists_what_waits_says_why_and_sends_a_failed_message_again()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        long failedId;
        await using (var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext())
        {
            // Only this test's two messages (the demo's open round queued its invitations; no worker runs here).
            await db.OutboxMessages.ExecuteDeleteAsync();
            var person = await db.People.FirstAsync(p => p.Email == DemoAccounts.Employee);
            var waiting = new OutboxMessage(NoticeKind.SignalAcknowledged, person.Id, person.Email, person.Name, "{}", DateTime.UtcNow);
            var failed = new OutboxMessage(NoticeKind.StandardRed, person.Id, "weg@noordlicht.example", person.Name, "{}", DateTime.UtcNow);
            db.OutboxMessages.AddRange(waiting, failed);
            await db.SaveChangesAsync();
            failedId = failed.Id;
            await db.OutboxMessages.Where(m => m.Id == waiting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 2)
                .SetProperty(m => m.LastError, "Could not reach the mail server: SocketException: Connection refused")
                .SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddMinutes(5)));
            await db.OutboxMessages.Where(m => m.Id == failed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.Attempts, 1).SetProperty(m => m.LastError, "The SMTP server refused it: 550 mailbox unavailable"));
        }

        var host = ctx.RenderWithProviders<MailPage>();

        host.WaitForAssertion(() => Assert.Contains("Connection refused", host.Find("[data-testid=mail-last-error]").TextContent));
        Assert.Contains("1 e-mails wait", host.Find("[data-testid=mail-trouble]").TextContent);
        Assert.Contains("1", host.Find("[data-testid=tile-failed]").TextContent);
        var rows = host.WaitForElements("[data-testid=mail-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Waiting to retry", rows[1].TextContent);
        Assert.Contains("550 mailbox unavailable", rows[0].TextContent);

        host.Find("[data-testid=mail-retry]").Click();
        await using var check = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        host.WaitForAssertion(() => Assert.Equal(OutboxStatus.Queued, check.OutboxMessages.AsNoTracking().Single(m => m.Id == failedId).Status));
    }

    [Fact]
    public async Task An_employee_chooses_their_e_mails_among_those_they_can_receive()
    {
        await using var ctx = new PortalBunitContext("nl");
        var user = ctx.SignInAs(DemoAccounts.Employee);

        var host = ctx.RenderWithProviders<NoticeSettingsPage>();

        host.WaitForElement("[data-testid=settings-save]");
        Assert.NotNull(host.Find("[data-testid=setting-PulseReminder]"));
        Assert.NotNull(host.Find("[data-testid=setting-SignalAcknowledged]"));
        Assert.Empty(host.FindAll("[data-testid=setting-StandardRed]"));
        Assert.Contains("Herinneringen voor pulses", host.Markup);

        host.Find("[data-testid=setting-PulseReminder] input").Change(false);
        host.Find("[data-testid=settings-save]").Click();

        await using var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        host.WaitForAssertion(() =>
        {
            var settings = db.NoticeSettings.AsNoTracking().Single(s => s.PersonId == user.PersonId);
            Assert.False(settings.Receives(NoticeKind.PulseReminder));
            Assert.True(settings.Receives(NoticeKind.SignalAcknowledged));
        });
    }
}
