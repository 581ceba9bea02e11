using StrategyPortal.Web.Organisation;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Organisation;

public class UnitsPageTests
{
    [Fact]
    public async Task Lists_the_demo_company_in_tree_order()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);

        var host = ctx.RenderWithProviders<Units>();

        var names = host.WaitForElements("[data-testid=units-table] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal("Noordlicht Retail B.V.", names[0]);
        var klantenservice = names.IndexOf("Klantenservice");
        Assert.Equal("Webcare", names[klantenservice + 1]);
        Assert.True(names.IndexOf("Winkels Noord") > names.IndexOf("Winkels"));
    }

    [Fact]
    public async Task Deactivating_asks_first_and_cancel_changes_nothing()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<Units>();

        host.WaitForElement("button[aria-label='Deactivate IT']").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        Assert.Contains("Deactivate IT?", dialog.TextContent);
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.NotNull(host.Find("button[aria-label='Deactivate IT']"));
    }

    [Fact]
    public async Task A_unit_with_people_is_not_deactivated_and_the_reason_is_shown()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<Units>();

        host.WaitForElement("button[aria-label='Deactivate Marketing']").Click();
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Deactivate").Click();

        host.WaitForAssertion(() => Assert.Contains("This unit still has 7 active people", host.Markup));
        Assert.NotNull(host.Find("button[aria-label='Deactivate Marketing']"));
    }

    [Fact]
    public async Task Adding_a_unit_without_a_name_keeps_the_dialog_open_with_the_message()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<Units>();

        host.WaitForElement("[data-testid=add-unit]").Click();
        host.WaitForElement("[data-testid=save]").Click();

        host.WaitForAssertion(() => Assert.Contains("A unit needs a name.", host.Markup));
        Assert.NotNull(host.Find(".mud-dialog"));
    }
}
