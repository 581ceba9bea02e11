using StrategyPortal.Application.Promises;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Web.Promises;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Promises;

public class SignalInboxTests
{
    // The demo's one signal that customer service has not forwarded yet (PromisesDemoSeed).
    private const string NotForwarded = "Kan ik mijn bestelling op zaterdag ophalen in de winkel?";

    [Fact]
    public async Task Marketing_sees_what_was_forwarded_filters_it_and_acknowledges_it()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.MarketingManager);
        var host = ctx.RenderWithProviders<SignalInbox>();

        var rows = host.WaitForElements("[data-testid=signal-inbox] tbody tr");
        // thirteen of the demo's fourteen signals were forwarded; marketing logs and forwards nothing
        Assert.Equal(13, rows.Count);
        Assert.DoesNotContain(rows, r => r.TextContent.Contains(NotForwarded, StringComparison.Ordinal));
        Assert.Empty(host.FindAll("[data-testid=forward], [data-testid=correct-signal], [data-testid=withdraw-signal], [data-testid=log-signal]"));
        Assert.Equal(2, host.FindAll("[data-testid=acknowledge]").Count);

        await PromisePagesTests.ChooseAsync(host, "Status", SignalStatus.AwaitingAcknowledgement);
        host.WaitForAssertion(() => Assert.Equal(["Om 23.00 uur geen reactie op WhatsApp.", "Chat: wachttijd van tien minuten op maandagochtend."], Texts(host)));

        Row(host, "Om 23.00 uur").QuerySelector("[data-testid=acknowledge]")!.Click();
        host.WaitForAssertion(() => Assert.Equal(["Chat: wachttijd van tien minuten op maandagochtend."], Texts(host)));

        await PromisePagesTests.ChooseAsync(host, "Status", SignalStatus.Acknowledged);
        host.WaitForAssertion(() => Assert.Contains("Om 23.00 uur geen reactie op WhatsApp.", Texts(host)));
        var status = Row(host, "Om 23.00 uur").QuerySelector("[data-testid=signal-status]")!.TextContent;
        Assert.Contains("Acknowledged", status);
        Assert.Contains("Joris Bakker", status);

        // kind: the two compliments (both acknowledged long ago)
        await PromisePagesTests.ChooseAsync<SignalKind?>(host, "Kind", SignalKind.Compliment);
        host.WaitForAssertion(() => Assert.Equal(
            ["Klant werd herkend en hoefde zijn verhaal niet opnieuw te doen.", "Blij met het snelle, persoonlijke antwoord op Instagram."], Texts(host)));
    }

    [Fact]
    public async Task Customer_service_sees_its_own_units_signals_and_forwards_the_one_still_with_it()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var host = ctx.RenderWithProviders<SignalInbox>();

        var rows = host.WaitForElements("[data-testid=signal-inbox] tbody tr");
        Assert.Equal(9, rows.Count); // Klantenservice's; Webcare's five are another unit's
        Assert.All(rows, r => Assert.StartsWith("Klantenservice ·", r.QuerySelector("[data-testid=signal-unit]")!.TextContent.Trim()));
        Assert.NotNull(host.Find("[data-testid=log-signal]"));
        Assert.Empty(host.FindAll("[data-testid=acknowledge]"));
        Assert.Single(host.FindAll("[data-testid=forward]"));

        await PromisePagesTests.ChooseAsync(host, "Status", SignalStatus.NotForwarded);
        host.WaitForAssertion(() => Assert.Equal([NotForwarded], Texts(host)));
        Row(host, NotForwarded).QuerySelector("[data-testid=forward]")!.Click();
        host.WaitForAssertion(() => Assert.Equal("No signals here.", host.Find("[data-testid=inbox-empty]").TextContent.Trim()));

        await PromisePagesTests.ChooseAsync(host, "Status", SignalStatus.AwaitingAcknowledgement);
        host.WaitForAssertion(() => Assert.Equal([NotForwarded], Texts(host)));
        var status = Row(host, NotForwarded).QuerySelector("[data-testid=signal-status]")!.TextContent;
        Assert.Contains("Forwarded", status);
        Assert.Contains("Lotte Visser", status);
        Assert.Empty(host.FindAll("[data-testid=forward], [data-testid=correct-signal]"));
    }

    [Fact]
    public async Task The_director_reads_every_signal_and_acts_on_none()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<SignalInbox>();

        Assert.Equal(14, host.WaitForElements("[data-testid=signal-inbox] tbody tr").Count);
        Assert.Empty(host.FindAll("[data-testid=forward], [data-testid=acknowledge], [data-testid=correct-signal], [data-testid=withdraw-signal], [data-testid=log-signal]"));
    }

    private static List<string> Texts(IRenderedComponent<ProviderHost> host) =>
        host.FindAll("[data-testid=signal-inbox] tbody tr [data-testid=signal-unit]").Select(c => c.ParentElement!.ChildNodes[0].TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ProviderHost> host, string text) =>
        host.FindAll("[data-testid=signal-inbox] tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Customer_service_corrects_and_then_withdraws_a_signal_it_has_not_forwarded()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var host = ctx.RenderWithProviders<SignalInbox>();

        var rows = host.WaitForElements("[data-testid=signal-inbox] tbody tr");
        var row = rows.Single(r => r.TextContent.Contains(NotForwarded, StringComparison.Ordinal));
        // forwarded signals are part of what marketing was told: no correcting them
        Assert.All(rows.Where(r => r != row), r => Assert.Null(r.QuerySelector("[data-testid=correct-signal]")));
        row.QuerySelector("[data-testid=correct-signal]")!.Click();

        host.WaitForElement("input[data-testid=signal-count], [data-testid=signal-count] input").Change("2");
        host.Find("textarea[data-testid=signal-text], [data-testid=signal-text] textarea").Change("Twee klanten: ophalen op zaterdag?");
        Assert.Empty(host.FindAll(".mud-dialog [data-testid=signal-forward]")); // forwarding is the inbox's own action
        host.Find(".mud-dialog [data-testid=save]").Click();

        host.WaitForAssertion(() =>
        {
            var corrected = host.FindAll("[data-testid=signal-inbox] tbody tr").Single(r => r.TextContent.Contains("Twee klanten: ophalen op zaterdag?", StringComparison.Ordinal));
            Assert.Equal("2", corrected.QuerySelector("[data-testid=signal-count-cell]")!.TextContent.Trim());
        });
        Assert.Empty(host.FindAll(".mud-dialog"));

        host.FindAll("[data-testid=signal-inbox] tbody tr").Single(r => r.TextContent.Contains("Twee klanten", StringComparison.Ordinal))
            .QuerySelector("[data-testid=withdraw-signal]")!.Click();
        var confirm = host.WaitForElement(".mud-dialog");
        Assert.Contains("Withdraw “Twee klanten: ophalen op zaterdag?” (2 × Question)?", confirm.TextContent);
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Withdraw").Click();

        host.WaitForAssertion(() => Assert.DoesNotContain(host.FindAll("[data-testid=signal-inbox] tbody tr"), r => r.TextContent.Contains("Twee klanten", StringComparison.Ordinal)));
        Assert.Equal(rows.Count - 1, host.FindAll("[data-testid=signal-inbox] tbody tr").Count);
    }
}
