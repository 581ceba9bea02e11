using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

public class PulsePagesTests
{
    [Fact]
    public async Task The_question_bank_lists_our_own_items_in_both_languages()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);

        var host = ctx.RenderWithProviders<Questions>();

        var table = host.WaitForElement("[data-testid=questions-table]");
        Assert.Equal(12, table.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("I know which service standards my team is measured on.", table.TextContent);
        Assert.Contains("Ik kan de beloften waarmaken die marketing aan onze klanten doet.", table.TextContent);
        Assert.Contains("How likely are you to recommend our organisation as a place to work", table.TextContent);
    }

    [Fact]
    public async Task Planning_shows_the_demo_pulse_with_counts_and_a_reminder_for_the_open_round()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<Pulses>();

        host.WaitForElement("[data-testid=pulse]");
        Assert.Equal(8, host.FindAll("[data-testid=round-row]").Count);
        Assert.Single(host.FindAll("[data-testid=remind]"));
        Assert.Contains("Kwartaalpulse", host.Markup);
    }

    [Fact]
    public async Task Editing_an_answered_item_says_it_becomes_a_new_version()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<Questions>();

        host.WaitForElement("button[aria-label='Edit ENG-TEAM']").Click();

        host.WaitForElement("[data-testid=new-version-note]");
        Assert.Contains("Save as new version", host.Find(".mud-dialog").TextContent);
    }
}
