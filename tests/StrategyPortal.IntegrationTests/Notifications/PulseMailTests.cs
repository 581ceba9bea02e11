using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.IntegrationTests.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// Pulse invitations with personal links, end to end: opening a round queues one e-mail per invited person with the audience
/// record, a real SMTP server receives them, and the link in the mail answers the round without signing in — storing exactly
/// what answering after sign-in stores. Reminders go only to those without a participation.
/// </summary>
public abstract partial class PulseMailTests(MailPortal factory)
{
    private const string Employee = EngagementDemoSeed.DemoEmployeeEmail;

    [Fact]
    public async Task Opening_a_round_mails_every_invited_person_a_personal_link_that_answers_once_without_signing_in()
    {
        var title = $"Linkpulse {Guid.NewGuid():N}"[..20];
        var roundId = await OpenRoundAsync(title);
        var invited = await InvitedAsync(roundId);
        Assert.Contains(Employee, invited.Values);

        // One invitation per invited person, and no unsubscribe header on a personal invitation.
        var mails = await factory.Smtp.WaitForAsync(m => (m.Subject ?? "").EndsWith(": " + title, StringComparison.Ordinal), count: invited.Count);
        Assert.Equal(invited.Values.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(mails, m => Assert.Null(m.Headers["List-Unsubscribe"]));
        var mine = mails.Single(m => To(m, Employee));
        Assert.Contains("Noordlicht Retail B.V.", mine.TextBody);
        var path = LinkIn(mine, roundId);

        // The link opens the form without a session; the token is kept only as a hash (and encrypted for reminders).
        using var anonymous = factory.CreatePortalClient();
        var page = await anonymous.GetPageAsync(path);
        Assert.True(Page.HasTestId(page, "pulse-form"));
        // The link's own layout: the company's name and the language switch, no menu or sign-out of the signed-in portal.
        Assert.Contains("Noordlicht Retail B.V.", page);
        Assert.True(Page.HasTestId(page, "company-name"));
        Assert.DoesNotContain("plain-nav", page);
        Assert.False(Page.HasTestId(page, "sign-out"));
        var token = path[(path.LastIndexOf('/') + 1)..];
        List<(string Hash, string Protected)> linksBefore;
        await using (var db = factory.NewDbContext())
        {
            linksBefore = (await db.PulseLinks.AsNoTracking().Where(l => l.RoundId == roundId).OrderBy(l => l.PersonId).ToListAsync())
                .Select(l => (l.TokenHash, l.ProtectedToken)).ToList();
            Assert.Contains(linksBefore, l => l.Hash == PulseLink.HashOf(token));
            Assert.DoesNotContain(linksBefore, l => l.Protected.Contains(token, StringComparison.Ordinal));
        }

        // Tampered, or this person's token on another round: a clear page, nothing stored.
        var openDemoRound = await OpenDemoRoundAsync();
        var tampered = path[..^1] + (path[^1] == 'A' ? 'B' : 'A');
        foreach (var wrong in new[] { tampered, $"/pulses/{openDemoRound}/link/{token}" })
        {
            using var response = await anonymous.GetAsync(wrong);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-status=\"invalid-link\"", await response.Content.ReadAsStringAsync());
        }

        var before = await CountAsync(roundId);
        var form = HtmlForm.WithHandler(page, "pulse-answer");
        var body = await form.Fill(PulseAnsweringTests.Answers(page, "Via de link")).ReadAsStringAsync();
        using (var stored = await anonymous.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
            Assert.Equal(path + "?thanks=true", PortalClient.RedirectTarget(stored));
        }
        Assert.Equal((before.Participations + 1, before.Responses + 1, before.Comments + 1), await CountAsync(roundId));

        await using (var db = factory.NewDbContext())
        {
            // What answering after sign-in stores: the participation for the person, the response in the invitation's unit.
            var personId = invited.Single(i => i.Value == Employee).Key;
            Assert.True(await db.Participations.AnyAsync(p => p.RoundId == roundId && p.PersonId == personId));
            var unitId = await db.PulseInvitations.Where(i => i.RoundId == roundId && i.PersonId == personId).Select(i => i.UnitId).SingleAsync();
            Assert.True(await db.PulseResponses.AnyAsync(r => r.RoundId == roundId && r.UnitId == unitId));
            // Nothing about the answer reaches the link: the rows are as they were.
            var linksAfter = (await db.PulseLinks.AsNoTracking().Where(l => l.RoundId == roundId).OrderBy(l => l.PersonId).ToListAsync())
                .Select(l => (l.TokenHash, l.ProtectedToken)).ToList();
            Assert.Equal(linksBefore, linksAfter);
        }

        // Used once: the usual "you already answered", and a replay stores nothing.
        Assert.Contains("data-status=\"already-answered\"", await anonymous.GetPageAsync(path));
        using (var again = await anonymous.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((before.Participations + 1, before.Responses + 1, before.Comments + 1), await CountAsync(roundId));
    }

    [Fact]
    public async Task A_reminder_goes_only_to_invited_people_without_a_participation_with_the_same_link_and_not_twice_in_a_row()
    {
        var title = $"Herinner {Guid.NewGuid():N}"[..20];
        var roundId = await OpenRoundAsync(title);
        var invited = await InvitedAsync(roundId);
        var invitations = await factory.Smtp.WaitForAsync(m => (m.Subject ?? "").EndsWith(": " + title, StringComparison.Ordinal), count: invited.Count);
        var path = LinkIn(invitations.Single(m => To(m, Employee)), roundId);

        // The demo employee answers (through her link); the others do not.
        using var anonymous = factory.CreatePortalClient();
        var page = await anonymous.GetPageAsync(path);
        var body = await HtmlForm.WithHandler(page, "pulse-answer").Fill(PulseAnsweringTests.Answers(page)).ReadAsStringAsync();
        using (var stored = await anonymous.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
            Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);

        await using var owner = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        var schedule = owner.Get<PulseScheduleService>();
        var version = await RoundVersionAsync(roundId);
        await schedule.RemindAsync(roundId, version);

        var others = invited.Values.Where(e => e != Employee).ToList();
        var reminders = await factory.Smtp.WaitForAsync(m => (m.Subject ?? "").Contains(title + " ", StringComparison.Ordinal), count: others.Count);
        Assert.Equal(others.Order(), reminders.Select(m => m.To.Mailboxes.Single().Address).Order());
        // A reminder carries the person's own link, the one of the invitation.
        var someone = others[0];
        Assert.Equal(LinkIn(invitations.Single(m => To(m, someone)), roundId), LinkIn(reminders.Single(m => To(m, someone)), roundId));
        Assert.Contains("unsubscribe", reminders[0].Headers["List-Unsubscribe"] ?? "", StringComparison.Ordinal);

        // The owner sees counts, not people; the reminder's messages go once sent (they would say who had not answered yet).
        var row = (await schedule.GetPulsesAsync()).SelectMany(p => p.Rounds).Single(r => r.Id == roundId);
        Assert.Equal(1, row.Reminders);
        await MailDeliveryTests.PollAsync(async () =>
        {
            await using var db = factory.NewDbContext();
            return await db.OutboxMessages.AnyAsync(m => m.Kind == NoticeKind.PulseReminder && m.Payload.Contains($"\"roundId\":{roundId},")) ? null : "gone";
        });
        await using (var db = factory.NewDbContext())
        {
            var run = await db.PulseReminderRuns.SingleAsync(r => r.RoundId == roundId);
            Assert.True(run.Manual);
        }

        // A second manual reminder right away is refused, and queues nothing.
        var current = await RoundVersionAsync(roundId);
        await Assert.ThrowsAsync<ValidationFailedException>(() => schedule.RemindAsync(roundId, current));
        await using (var db = factory.NewDbContext())
            Assert.Equal(1, await db.PulseReminderRuns.CountAsync(r => r.RoundId == roundId));
    }

    [Fact]
    public async Task The_mail_page_never_names_the_recipient_of_a_reminder_waiting_or_failed()
    {
        var address = $"nog-niet-{Guid.NewGuid():N}@noordlicht.example";
        long id;
        await using (var db = factory.NewDbContext())
        {
            var message = new OutboxMessage(NoticeKind.PulseReminder, null, address, "Nog Niet Geantwoord", "{}", DateTime.UtcNow);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        var mail = admin.Get<MailAdminService>();

        var all = await mail.ListAsync(new MailQuery { PageSize = 100 });
        var row = all.Items.Single(r => r.Id == id);
        Assert.Equal(("", ""), (row.ToName, row.ToAddress));
        Assert.Empty((await mail.ListAsync(new MailQuery { Search = address })).Items);
        Assert.Empty((await mail.ListAsync(new MailQuery { Search = "Geantwoord" })).Items);
    }

    /// <summary>A one-off pulse opening today for the demo employee's unit (its people are invited when it opens).</summary>
    private async Task<int> OpenRoundAsync(string title)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        await using var db = factory.NewDbContext();
        var unitId = await db.People.Where(p => p.Email == Employee).Select(p => p.OrgUnitId).SingleAsync();
        var demo = await db.PulseSurveys.Include(s => s.Items).SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        var schedule = admin.Get<PulseScheduleService>();
        var surveyId = await schedule.ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = schedule.Today, ClosesOn = schedule.Today.AddDays(14),
            QuestionIds = demo.Items.OrderBy(i => i.Position).Select(i => i.QuestionId).ToList(), AudienceUnitIds = [unitId],
            MinGroupSize = 5, CommentThreshold = 10,
        });
        return (await db.PulseRounds.SingleAsync(r => r.SurveyId == surveyId)).Id;
    }

    private async Task<Dictionary<int, string>> InvitedAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return await db.PulseInvitations.Where(i => i.RoundId == roundId)
            .Join(db.People, i => i.PersonId, p => p.Id, (i, p) => new { p.Id, p.Email }).ToDictionaryAsync(p => p.Id, p => p.Email);
    }

    private async Task<int> OpenDemoRoundAsync()
    {
        await using var db = factory.NewDbContext();
        var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        return await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).Select(r => r.Id).FirstAsync();
    }

    private async Task<int> RoundVersionAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return await db.PulseRounds.Where(r => r.Id == roundId).Select(r => r.Version).SingleAsync();
    }

    private async Task<(int Participations, int Responses, int Comments)> CountAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return (await db.Participations.CountAsync(p => p.RoundId == roundId), await db.PulseResponses.CountAsync(r => r.RoundId == roundId),
            await db.PulseComments.CountAsync(c => c.RoundId == roundId));
    }

    private static bool To(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    private static string LinkIn(MimeMessage message, int roundId)
    {
        var match = PulseLinkPattern().Match(message.TextBody ?? string.Empty);
        Assert.True(match.Success, "the mail holds a personal link");
        Assert.Equal(roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value);
        return match.Groups[0].Value["https://localhost".Length..];
    }

    [GeneratedRegex(@"https://localhost/pulses/(\d+)/link/[A-Za-z0-9_-]+")]
    private static partial Regex PulseLinkPattern();
}

public sealed class PulseMailTests_Sqlite(SqliteMailPortal factory) : PulseMailTests(factory), IClassFixture<SqliteMailPortal>;
public sealed class PulseMailTests_PostgreSql(PostgreSqlMailPortal factory) : PulseMailTests(factory), IClassFixture<PostgreSqlMailPortal>;
