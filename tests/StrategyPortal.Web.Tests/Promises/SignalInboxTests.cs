using StrategyPortal.Web.Promises;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Promises;

public class SignalInboxTests
{
    // The demo's one signal that customer service has not forwarded yet (PromisesDemoSeed).
    private const string NotForwarded = "Kan ik mijn bestelling op zaterdag ophalen in de winkel?";

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
