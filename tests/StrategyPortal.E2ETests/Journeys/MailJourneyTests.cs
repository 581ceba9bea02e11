using MimeKit;
using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// The portal's e-mail with the demo data and the Folder provider, as people meet it: an administrator invites a new
/// colleague, who opens the e-mailed link on a phone and chooses a password; each role's home page shows its open work;
/// a director issues a quarter and receives the scorecards-issued e-mail; a notice's unsubscribe link switches its kind
/// off; the administrators' mail page lists what was sent. Every e-mail is also opened as a page and checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MailJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private const string Administrator = "beheerder@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";
    private const string Employee = "medewerker@noordlicht.example";

    private string MailFolder => Path.Combine(Portal.DataFolder, "mail");

    [Fact]
    public async Task An_invited_colleague_chooses_a_password_on_a_phone_and_lands_on_their_open_work()
    {
        var email = $"nieuw.{Guid.NewGuid():N}@noordlicht.example";
        var admin = await NewPageAsync();
        await SignInAsAsync(admin, Administrator);
        await admin.GotoAsync("/organisation/people");
        await WaitForInteractiveAsync(admin);
        await admin.GetByTestId("add-person").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel(Text.Ui("Common.Name", Text.English)).FillAsync("Sam de Nieuwe");
        await dialog.GetByLabel(Text.Organisation("People.Email", Text.English)).FillAsync(email);
        await Assertions.Expect(dialog.GetByLabel(Text.Organisation("People.SendInvitation", Text.English))).ToBeCheckedAsync();
        await CheckPageAsync(admin, "add-person-with-invitation");
        await dialog.GetByTestId("save").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        var invitation = await MailToAsync(email, "AccountInvitation");
        Assert.Null(invitation.Headers["List-Unsubscribe"]);
        await ReadMailAsync(invitation, "invitation");
        var link = LinkIn(invitation, "/account/set-password");

        var phone = await NewPageAsync(width: 360, height: 740);
        await phone.GotoAsync(link);
        await CheckPageAsync(phone, "set-password-phone");
        await phone.Locator("#password").FillAsync("Nieuw-Wachtwoord-2026");
        await phone.Locator("#confirm").FillAsync("Nieuw-Wachtwoord-2026");
        await phone.GetByTestId("set-password").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("welcome")).ToContainTextAsync("Sam de Nieuwe");
        await Assertions.Expect(phone.GetByTestId("open-work")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await CheckPageAsync(phone, "invited-home-phone");

        // The link worked once.
        var again = await NewPageAsync(width: 360, height: 740);
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("set-password-used")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_role_sees_its_open_work_and_directors_and_managers_their_quarter_at_a_glance()
    {
        var employee = await NewPageAsync(width: 360, height: 740);
        await SignInAsAsync(employee, Employee);
        var pulse = employee.Locator("[data-testid=open-work-item][data-kind=AnswerPulse]");
        await Assertions.Expect(pulse).ToBeVisibleAsync();
        Assert.Equal(0, await employee.GetByTestId("glance").CountAsync());
        await CheckPageAsync(employee, "home-employee-phone");

        var manager = await NewPageAsync();
        await SignInAsAsync(manager, ServiceManager);
        await Assertions.Expect(manager.GetByTestId("glance")).ToContainTextAsync("Klantenservice");
        await Assertions.Expect(manager.Locator("[data-testid=open-work-item]").First).ToBeVisibleAsync();
        await CheckPageAsync(manager, "home-manager");

        var director = await NewPageAsync();
        await SignInAsAsync(director, Director);
        await Assertions.Expect(director.GetByTestId("glance")).ToContainTextAsync("Noordlicht Retail B.V.");
        await Assertions.Expect(director.Locator("[data-testid=open-work-item][data-kind=IssueScorecards]")).ToBeVisibleAsync();
        await CheckPageAsync(director, "home-director");
        await director.GetByTestId("glance-csat").ClickAsync();
        await Assertions.Expect(director).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customer-scores\\?quarter="));

        var admin = await NewPageAsync();
        await SignInAsAsync(admin, Administrator);
        await Assertions.Expect(admin.GetByTestId("open-work")).ToBeVisibleAsync();
        await CheckPageAsync(admin, "home-administrator");
    }

    [Fact]
    public async Task A_director_issues_a_quarter_and_receives_the_scorecards_issued_e_mail_whose_unsubscribe_link_works()
    {
        var director = await NewPageAsync();
        await SignInAsAsync(director, Director);
        await director.GotoAsync("/scorecards");
        await WaitForInteractiveAsync(director);
        await director.GetByTestId("issue").ClickAsync();
        await director.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = Text.Scorecards("Issue", Text.English), Exact = true }).ClickAsync();

        var mail = await MailToAsync(Director, "ScorecardsIssued", TimeSpan.FromMinutes(5));
        Assert.Contains("Noordlicht Retail B.V.", mail.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        await ReadMailAsync(mail, "scorecards-issued");

        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var page = await NewPageAsync(width: 360, height: 740);
        await page.GotoAsync(unsubscribe);
        await CheckPageAsync(page, "unsubscribe-question-phone");
        await page.GetByTestId("unsubscribe-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unsubscribe-done")).ToBeVisibleAsync();
        await CheckPageAsync(page, "unsubscribe-done-phone");

        await director.GotoAsync("/account/notices");
        await WaitForInteractiveAsync(director);
        await Assertions.Expect(director.GetByTestId("setting-ScorecardsIssued").Locator("input")).Not.ToBeCheckedAsync();
        // Directors own actions too: both action reminders are offered, and on.
        await Assertions.Expect(director.GetByTestId("setting-ActionDueSoon").Locator("input")).ToBeCheckedAsync();
        await Assertions.Expect(director.GetByTestId("setting-ActionOverdue").Locator("input")).ToBeCheckedAsync();
        await CheckPageAsync(director, "my-email-settings");

        var admin = await NewPageAsync();
        await SignInAsAsync(admin, Administrator);
        await admin.GotoAsync("/admin/mail");
        await WaitForInteractiveAsync(admin);
        await Assertions.Expect(admin.GetByTestId("mail-status").First).ToBeVisibleAsync();
        await CheckPageAsync(admin, "mail-page");
    }

    /// <summary>Waits for the .eml of a notice kind to an address in the Folder provider's folder, and reads it.</summary>
    private Task<MimeMessage> MailToAsync(string address, string kind, TimeSpan? timeout = null) => MailToAsync(MailFolder, address, kind, timeout);

    internal static async Task<MimeMessage> MailToAsync(string mailFolder, string address, string kind, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (Directory.Exists(mailFolder))
                foreach (var file in Directory.EnumerateFiles(mailFolder, $"*-{kind}.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))) return message;
                }
            if (DateTime.UtcNow > until) throw new TimeoutException($"No {kind} e-mail to {address} in {mailFolder}.");
            await Task.Delay(250);
        }
    }

    /// <summary>Opens the e-mail's HTML as a page at phone width: a screenshot to look at, and axe on the e-mail itself.</summary>
    private async Task ReadMailAsync(MimeMessage message, string name)
    {
        var page = await NewPageAsync(width: 390, height: 800);
        await page.SetContentAsync(message.HtmlBody ?? throw new Xunit.Sdk.XunitException("The e-mail has no HTML body."));
        await CheckPageAsync(page, "mail-" + name);
    }

    internal static string LinkIn(MimeMessage message, string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty, @"https?://\S+?" + System.Text.RegularExpressions.Regex.Escape(path) + @"\S*");
        Assert.True(match.Success, $"No link to {path} in the e-mail.");
        return match.Value;
    }
}
