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
    public async Task The_owner_sees_and_changes_a_pulses_reminder_schedule_and_the_next_planned_reminder()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<Pulses>();

        host.WaitForElement("[data-testid=pulse]");
        Assert.Equal("Automatic reminders: after 50% of the window, then every 4 days, not at weekends, in office hours.",
            host.Find("[data-testid=pulse-reminders]").TextContent);
        // The open demo round plans its next reminder: a long date with its weekday (a day, never a time).
        Assert.Matches(@"^next reminder (Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} [A-Z][a-z]+ \d{4}$",
            host.Find("[data-testid=round-next-reminder]").TextContent);

        host.Find("[data-testid=change-reminders]").Click();
        var dialog = host.WaitForElement(".mud-dialog");
        var every = dialog.QuerySelector("[data-testid=reminders-every] input, input[data-testid=reminders-every]")!;
        // The field's limits are the domain's (PulseReminderSchedule.EveryDaysMax): 40 becomes 31.
        every.Change("40");
        host.WaitForAssertion(() => Assert.Equal("31",
            host.Find(".mud-dialog [data-testid=reminders-every] input, .mud-dialog input[data-testid=reminders-every]").GetAttribute("value")));

        host.Find(".mud-dialog [data-testid=reminders-every] input, .mud-dialog input[data-testid=reminders-every]").Change("3");
        host.Find(".mud-dialog [data-testid=reminders-weekends] input, .mud-dialog input[data-testid=reminders-weekends]").Change(false);
        host.Find(".mud-dialog [data-testid=save]").Click();
        host.WaitForAssertion(() => Assert.Equal(
            "Automatic reminders: after 50% of the window, then every 3 days, weekends included, in office hours.",
            host.Find("[data-testid=pulse-reminders]").TextContent));
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
