using StrategyPortal.Web.Home;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Home;

public class HomeTests
{
    [Fact]
    public async Task Greets_the_signed_in_person_and_explains_their_role()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        Assert.Contains("Welcome, Lotte Visser.", page.Find("[data-testid=welcome]").TextContent);
        Assert.Contains("Employee", page.Find("[data-testid=role]").TextContent);
    }

    [Fact]
    public async Task Speaks_Dutch_when_the_culture_is_Dutch()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.Director);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        Assert.Contains("Welkom, Pieter Jansen.", page.Find("[data-testid=welcome]").TextContent);
        Assert.Contains("Directeur", page.Find("[data-testid=role]").TextContent);
    }
}
