using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.People;

public class DayOneChecklistTests
{
    [Fact]
    public async Task The_administrator_sees_what_is_done_and_what_is_left_with_a_link()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        // The demo company has units, people, a strategy and pulses, but no API key yet.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=day-one]")));
        Assert.Equal("true", page.Find("[data-testid=day-one-Units]").GetAttribute("data-done"));
        Assert.Equal("true", page.Find("[data-testid=day-one-People]").GetAttribute("data-done"));
        Assert.Equal("false", page.Find("[data-testid=day-one-ApiKeys]").GetAttribute("data-done"));
        Assert.Equal("/admin/api-keys", page.Find("[data-testid=day-one-ApiKeys] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=day-one-Units] a"));
    }

    [Fact]
    public async Task Nobody_else_sees_it()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        Assert.Empty(page.FindAll("[data-testid=day-one]"));
    }
}
