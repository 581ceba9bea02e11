using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using Xunit.Abstractions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 16's pulse invitation, as the demo employee meets it: the demo's open round e-mailed her a personal link when the
/// portal started (Folder provider), and on a phone the link opens the answer form without signing in and stores her
/// answer; afterwards it says she already answered. A portal of its own: her answer would change other journeys' home pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PulseLinkJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private const string Employee = "medewerker@noordlicht.example";

    private string MailFolder => Path.Combine(Portal.DataFolder, "mail");

    private Task<MimeKit.MimeMessage> MailToAsync(string address, string kind) => MailJourneyTests.MailToAsync(MailFolder, address, kind);

    private static string LinkIn(MimeKit.MimeMessage message, string path) => MailJourneyTests.LinkIn(message, path);

    private async Task ReadMailAsync(MimeKit.MimeMessage message, string name)
    {
        var page = await NewPageAsync(width: 390, height: 800);
        await page.SetContentAsync(message.HtmlBody ?? throw new Xunit.Sdk.XunitException("The e-mail has no HTML body."));
        await CheckPageAsync(page, "mail-" + name);
    }

    [Fact]
    public async Task The_demo_employee_answers_the_open_pulse_from_her_invitation_on_a_phone_without_signing_in()
    {
        // The demo's open round sent its invitations when the portal started: one .eml per invited person.
        var invitation = await MailToAsync(Employee, "PulseInvitation");
        Assert.Null(invitation.Headers["List-Unsubscribe"]);
        Assert.True(Directory.EnumerateFiles(MailFolder, "*-PulseInvitation.eml").Count() > 1);
        await ReadMailAsync(invitation, "pulse-invitation");
        // The path only: the first e-mails may be rendered before the test portal knows its own address.
        var link = new Uri(LinkIn(invitation, "/link/")).PathAndQuery;

        // On a desktop the link shows the company, the language switch and the form: none of the signed-in portal's chrome.
        var desktop = await NewPageAsync(width: 1280, height: 900);
        await desktop.GotoAsync(link);
        await Assertions.Expect(desktop.GetByTestId("pulse-form")).ToBeVisibleAsync();
        await ExpectOnlyTheLinkChromeAsync(desktop);
        // English dates in British form ("7 December 2026"), never 12/07/2026 or December 7.
        await Assertions.Expect(desktop.Locator("main p").First).ToHaveTextAsync(BritishDates());
        await CheckPageAsync(desktop, "pulse-link-desktop");

        var phone = await NewPageAsync(width: 390, height: 800);
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.GetByTestId("pulse-form")).ToBeVisibleAsync();
        Assert.Equal(0, await phone.GetByTestId("welcome").CountAsync());
        await ExpectOnlyTheLinkChromeAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await CheckPageAsync(phone, "pulse-link-phone");
        foreach (var scale in await phone.Locator("fieldset.pulse-item").AllAsync())
        {
            var choices = scale.Locator("input[type=radio]");
            await choices.Nth(await choices.CountAsync() - 2).CheckAsync();
        }
        await phone.GetByTestId("send-answers").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "already-answered");
        await CheckPageAsync(phone, "pulse-link-thanks-phone");

        // Answered: the link now says so, and a changed link opens nothing.
        var again = await NewPageAsync(width: 390, height: 800);
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "already-answered");
        await ExpectOnlyTheLinkChromeAsync(again);
        // In Dutch (the switch on the page): Dutch dates ("7 december 2026").
        await again.GetByTestId("lang-nl").ClickAsync();
        await Assertions.Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Assertions.Expect(again.Locator("main p").First).ToHaveTextAsync(DutchDates());
        await CheckPageAsync(again, "pulse-link-answered-nl-phone");
        await again.GotoAsync(link[..^1] + (link[^1] == 'A' ? 'B' : 'A'));
        await Assertions.Expect(again.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "invalid-link");
        await ExpectOnlyTheLinkChromeAsync(again);
        await CheckPageAsync(again, "pulse-link-invalid-phone");
    }

    /// <summary>The link's pages show the company's name and the language switch, and no menu, drawer or sign-out.</summary>
    private static async Task ExpectOnlyTheLinkChromeAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("company-name")).ToHaveTextAsync(StrategyPortal.Infrastructure.Organisation.OrganisationDemoSeed.CompanyName);
        await Assertions.Expect(page.GetByTestId("lang-en")).ToBeVisibleAsync();
        foreach (var chrome in new[] { "nav.plain-nav", ".mud-drawer", ".mud-appbar", "[data-testid=sign-out]", "a[href='/']" })
            Assert.Equal(0, await page.Locator(chrome).CountAsync());
    }

    private static System.Text.RegularExpressions.Regex BritishDates() =>
        new(@"^Open from \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}\.$");

    private static System.Text.RegularExpressions.Regex DutchDates() =>
        new(@"^Open van \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} tot en met \d{1,2} [a-z]+ \d{4}\.$");
}
