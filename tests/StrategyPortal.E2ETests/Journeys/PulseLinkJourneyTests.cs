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

        var phone = await NewPageAsync(width: 360, height: 740);
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.GetByTestId("pulse-form")).ToBeVisibleAsync();
        Assert.Equal(0, await phone.GetByTestId("welcome").CountAsync());
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
        var again = await NewPageAsync(width: 360, height: 740);
        await again.GotoAsync(link);
        await Assertions.Expect(again.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "already-answered");
        await again.GotoAsync(link[..^1] + (link[^1] == 'A' ? 'B' : 'A'));
        await Assertions.Expect(again.GetByTestId("pulse-status")).ToHaveAttributeAsync("data-status", "invalid-link");
        await CheckPageAsync(again, "pulse-link-invalid-phone");
    }
}
