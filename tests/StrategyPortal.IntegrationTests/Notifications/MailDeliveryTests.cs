using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// Notices end to end: a change in the portal queues its e-mail in the same save, the outbox worker hands it to a real
/// SMTP server on 127.0.0.1, and the test reads what arrived — recipients, language, the "why" line, the company's name,
/// one-click unsubscribe (RFC 8058) for everything but personal invitations, working links.
/// </summary>
public abstract partial class MailDeliveryTests(MailPortal factory)
{
    private const string Company = "Noordlicht Retail B.V.";
    private const string MarketingManager = "manager.marketing@noordlicht.example";
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";

    [Fact]
    public async Task A_forwarded_signal_reaches_marketing_in_Dutch_and_one_click_unsubscribe_switches_that_kind_off()
    {
        var text = $"Klant wacht al drie dagen op terugbelverzoek {Guid.NewGuid():N}";
        await LogSignalAsync(text, forward: true);

        var mail = (await factory.Smtp.WaitForAsync(m => To(m, MarketingManager) && Body(m).Contains(text))).Single();
        Assert.Equal("Klantenservice stuurde een klacht door naar marketing", mail.Subject);
        Assert.Contains(Company, mail.HtmlBody);
        Assert.Contains(WebUtility.HtmlEncode(text), mail.HtmlBody);
        Assert.Contains("Je ontvangt deze e-mail omdat je Marketing leidt", mail.TextBody);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var unsubscribe = mail.Headers["List-Unsubscribe"];
        Assert.Matches(@"^<https://localhost/mail/unsubscribe/[A-Za-z0-9_-]+>$", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);

        // What a mail program does with it (RFC 8058): a POST without cookies or token.
        var anonymous = factory.CreatePortalClient();
        using (var response = await anonymous.Http.PostAsync(new Uri(unsubscribe!.Trim('<', '>')).PathAndQuery,
                   new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var marketing = await PersonIdAsync(MarketingManager);
        await using (var db = factory.NewDbContext())
            Assert.False((await db.NoticeSettings.SingleAsync(s => s.PersonId == marketing)).Receives(NoticeKind.SignalForwarded));

        // Switched off: the next forwarded signal queues nothing for them.
        var before = await CountAsync(NoticeKind.SignalForwarded, marketing);
        await LogSignalAsync($"Nog een klacht {Guid.NewGuid():N}", forward: true);
        Assert.Equal(before, await CountAsync(NoticeKind.SignalForwarded, marketing));

        // Back on (the other tests of this class expect it), through the settings page's service.
        await using var manager = await factory.AsAsync(MarketingManager);
        var settings = manager.Get<NoticeSettingsService>();
        var mine = await settings.GetMineAsync();
        mine.Kinds[NoticeKind.SignalForwarded] = true;
        await settings.SaveMineAsync(mine);
    }

    [Fact]
    public async Task Marketing_acknowledging_a_signal_tells_who_forwarded_it()
    {
        var text = $"Bezorging te laat {Guid.NewGuid():N}";
        var id = await LogSignalAsync(text, forward: true);
        await using (var marketing = await factory.AsAsync(MarketingManager))
        {
            var service = marketing.Get<SignalService>();
            var row = (await service.ListAsync(new SignalQuery { Status = SignalStatus.AwaitingAcknowledgement, PageSize = 100 })).Items.Single(r => r.Id == id);
            await service.AcknowledgeAsync(id, row.Version);
        }

        var mail = (await factory.Smtp.WaitForAsync(m => To(m, ServiceManager) && Body(m).Contains(text))).Single();
        Assert.Equal("Marketing heeft een klacht van Klantenservice bevestigd", mail.Subject);
        Assert.Contains("omdat je dit signaal naar marketing hebt doorgestuurd", mail.TextBody);
        Assert.NotNull(mail.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task A_result_that_turns_a_standard_red_tells_the_manager_of_its_unit_once()
    {
        await using var manager = await factory.AsAsync(ServiceManager);
        var standards = manager.Get<StandardsService>();
        var quarter = standards.CurrentQuarter;
        var candidate = (await standards.ListAsync(new StandardsQuery { Status = StandardStatus.Active, Quarter = quarter, PageSize = 100 })).Items
            .First(s => s.OwnerUnitName == "Klantenservice" && s.Rag != RagStatus.Red && s.Target is not null);
        var (min, max) = MetricUnits.RangeOf(candidate.Unit);
        var red = candidate.Direction == MetricDirection.HigherIsBetter ? min : max;

        await RecordAsync(standards, candidate.Id, quarter, red);
        var mail = (await factory.Smtp.WaitForAsync(m => To(m, ServiceManager) && m.Subject == $"Norm niet gehaald in {quarter}: {candidate.Title}")).Single();
        Assert.Contains($"/standards/{candidate.Id}", mail.TextBody);
        Assert.Contains("Je ontvangt deze e-mail omdat je Klantenservice leidt.", mail.TextBody);

        // Still red after a correction: no second notice.
        var person = await PersonIdAsync(ServiceManager);
        var count = await CountAsync(NoticeKind.StandardRed, person);
        await RecordAsync(standards, candidate.Id, quarter, candidate.Direction == MetricDirection.HigherIsBetter ? min + 0.5 : max - 0.5);
        Assert.Equal(count, await CountAsync(NoticeKind.StandardRed, person));
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_with_the_link_once_and_is_signed_in()
    {
        var email = $"nieuw.{Guid.NewGuid():N}@noordlicht.example";
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
            await organisation.CreatePersonAsync(new PersonInput { Name = "Nieuwe Collega", Email = email, OrgUnitId = root.Id, Role = PortalRole.Employee, SendInvitation = true });
        }

        var mail = (await factory.Smtp.WaitForAsync(m => To(m, email))).Single();
        Assert.Equal($"Je StrategyPortal-account bij {Company}", mail.Subject);
        Assert.Null(mail.Headers["List-Unsubscribe"]);
        Assert.Contains("Deze e-mail bevat een persoonlijke link", mail.TextBody);
        var link = SetPasswordLink().Match(Body(mail)).Value;
        Assert.NotEmpty(link);
        var path = new Uri(link).PathAndQuery;

        // A changed token is refused with a clear page and sets nothing.
        var stranger = factory.CreatePortalClient();
        var tampered = await stranger.GetPageAsync(path[..^3] + (path[^3..] == "AAA" ? "BBB" : "AAA"));
        Assert.True(Page.HasTestId(tampered, "set-password-invalid"));

        var client = factory.CreatePortalClient();
        using (var response = await client.SubmitFormAsync(path, "set-password",
                   [new("Input.Password", PortalFactory.StrongPassword), new("Input.ConfirmPassword", PortalFactory.StrongPassword)]))
            Assert.Equal("/", PortalClient.RedirectTarget(response));
        Assert.Contains("Nieuwe Collega", Page.Text(await client.GetPageAsync("/")));

        // Once only.
        Assert.True(Page.HasTestId(await factory.CreatePortalClient().GetPageAsync(path), "set-password-used"));
        // And the password works.
        await factory.CreatePortalClient().SignInOrFailAsync(email, PortalFactory.StrongPassword);
    }

    [Fact]
    public async Task Everyone_without_an_account_is_invited_at_once_and_only_once_and_the_inactive_not_at_all()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (first, second, gone) = ($"import.een.{tag}@noordlicht.example", $"import.twee.{tag}@noordlicht.example", $"import.weg.{tag}@noordlicht.example");
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        var organisation = admin.Get<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        // As a people file brings them: no account, no invitation.
        foreach (var (name, email) in new[] { ("Import Een", first), ("Import Twee", second), ("Import Weg", gone) })
            await organisation.CreatePersonAsync(new PersonInput { Name = name, Email = email, OrgUnitId = root.Id, SendInvitation = false });
        var goneId = (await organisation.GetPeopleAsync(new PeopleQuery { Search = gone })).Items.Single();
        await organisation.SetPersonActiveAsync(goneId.Id, false, goneId.Version);

        var before = await organisation.CountWithoutAccountAsync();
        Assert.True(before >= 2, $"{before} without an account");
        Assert.Equal(before, await organisation.InviteEveryoneWithoutAccountAsync());
        // On their way: not counted, not invited twice.
        Assert.Equal(0, await organisation.CountWithoutAccountAsync());
        Assert.Equal(0, await organisation.InviteEveryoneWithoutAccountAsync());

        foreach (var email in new[] { first, second })
        {
            var mail = (await factory.Smtp.WaitForAsync(m => To(m, email))).Single();
            Assert.Equal($"Je StrategyPortal-account bij {Company}", mail.Subject);
            Assert.Matches(SetPasswordLink(), Body(mail));
        }
        Assert.Empty(factory.Smtp.To(gone));
        // Sent: each now has an account waiting for its password, so still nobody to invite.
        Assert.Equal(0, await organisation.CountWithoutAccountAsync());

        // Nobody without permission, and nothing when people sign in with Microsoft only.
        await using (var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email))
            await Assert.ThrowsAsync<ForbiddenException>(() => employee.Get<OrganisationService>().InviteEveryoneWithoutAccountAsync());
        var options = admin.Get<MailOptions>();
        options.AccountInvitations = false;
        try
        {
            Assert.Equal(0, await organisation.CountWithoutAccountAsync());
            await Assert.ThrowsAsync<ValidationFailedException>(() => organisation.InviteEveryoneWithoutAccountAsync());
        }
        finally
        {
            options.AccountInvitations = true;
        }
    }

    [Fact]
    public async Task An_address_the_server_refuses_fails_that_message_only_and_can_be_sent_again()
    {
        var refused = $"bestaat.niet.{Guid.NewGuid():N}@noordlicht.example";
        var fine = $"bestaat.wel.{Guid.NewGuid():N}@noordlicht.example";
        factory.Smtp.Refused[refused] = true;
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        var organisation = admin.Get<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        var refusedId = await organisation.CreatePersonAsync(new PersonInput { Name = "Geweigerd Adres", Email = refused, OrgUnitId = root.Id, SendInvitation = true });
        await organisation.CreatePersonAsync(new PersonInput { Name = "Goed Adres", Email = fine, OrgUnitId = root.Id, SendInvitation = true });

        await factory.Smtp.WaitForAsync(m => To(m, fine));
        var failed = await PollAsync(async () =>
        {
            await using var db = factory.NewDbContext();
            return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.PersonId == refusedId && m.Status == OutboxStatus.Failed);
        });
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError);
        Assert.Empty(factory.Smtp.To(refused));

        var mail = admin.Get<MailAdminService>();
        var listed = await mail.ListAsync(new MailQuery { Status = OutboxStatus.Failed, Search = refused });
        Assert.Equal(failed.Id, Assert.Single(listed.Items).Id);

        factory.Smtp.Refused.TryRemove(refused, out _);
        Assert.True(await mail.RetryAsync(failed.Id));
        await factory.Smtp.WaitForAsync(m => To(m, refused));
    }

    [Fact]
    public async Task Issued_scorecards_reach_directors_and_managers_with_links_and_the_PDFs_attached()
    {
        var quarter = Quarter.Of(DateTime.UtcNow).Previous.Previous;
        await using (var director = await factory.AsAsync(Director))
            await director.Get<ScorecardService>().IssueAsync(quarter);

        var toDirector = (await factory.Smtp.WaitForAsync(m => To(m, Director) && m.Subject == $"Scorecards {quarter} staan klaar", timeout: TimeSpan.FromMinutes(4))).Single();
        Assert.Contains($"{Company} (het bedrijf)", toDirector.TextBody);
        Assert.Matches(@"https://localhost/scorecards/files/\d+", toDirector.TextBody);
        var pdf = Assert.Single(toDirector.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.Contains("omdat je in de portal directeur bent bij", toDirector.TextBody);

        var toManager = (await factory.Smtp.WaitForAsync(m => To(m, ServiceManager) && m.Subject == $"Scorecards {quarter} staan klaar")).Single();
        Assert.Contains("Klantenservice", toManager.TextBody);
        Assert.DoesNotContain("(het bedrijf)", toManager.TextBody);
    }

    private async Task<int> LogSignalAsync(string text, bool forward)
    {
        await using var service = await factory.AsAsync(ServiceManager);
        var signals = service.Get<SignalService>();
        var input = await signals.NewAsync();
        input.Text = text;
        input.Kind = SignalKind.Complaint;
        input.Forward = forward;
        return await signals.LogAsync(input);
    }

    private async Task RecordAsync(StandardsService standards, int standardId, Quarter quarter, double value)
    {
        await using var db = factory.NewDbContext();
        var existing = await db.StandardResults.AsNoTracking().SingleOrDefaultAsync(r => r.StandardId == standardId && r.QuarterKey == quarter.Key);
        await standards.RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = quarter, Value = value, Version = existing?.Version ?? 0 });
    }

    private async Task<int> PersonIdAsync(string email)
    {
        await using var db = factory.NewDbContext();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> CountAsync(NoticeKind kind, int personId)
    {
        await using var db = factory.NewDbContext();
        return await db.OutboxMessages.CountAsync(m => m.Kind == kind && m.PersonId == personId);
    }

    private static string Body(MimeMessage message) => message.TextBody ?? string.Empty;

    private static bool To(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    internal static async Task<T> PollAsync<T>(Func<Task<T?>> read, TimeSpan? timeout = null) where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await read() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not come true in time.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"https://localhost/account/set-password\?[^\s<>]+")]
    private static partial Regex SetPasswordLink();
}

public sealed class MailDeliveryTests_Sqlite(SqliteMailPortal factory) : MailDeliveryTests(factory), IClassFixture<SqliteMailPortal>;
public sealed class MailDeliveryTests_PostgreSql(PostgreSqlMailPortal factory) : MailDeliveryTests(factory), IClassFixture<PostgreSqlMailPortal>;
