using StrategyPortal.Domain.Access;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Layout;

public class NavMenuTests
{
    [Theory]
    [InlineData(DemoAccounts.Administrator)]
    [InlineData(DemoAccounts.Director)]
    [InlineData(DemoAccounts.CustomerServiceManager)]
    [InlineData(DemoAccounts.Employee)]
    public async Task Shows_exactly_the_pages_the_role_may_use(string email)
    {
        await using var ctx = new PortalBunitContext();
        var user = ctx.SignInAs(email);

        var menu = ctx.Render<NavMenu>();

        var shown = menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
        var expected = Navigation.Items
            .Where(i => i.Permission is null || RolePermissions.Allows(user.Role!.Value, i.Permission))
            .Select(i => i.Href).ToList();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task An_employee_sees_no_administration()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);

        var menu = ctx.Render<NavMenu>();

        Assert.DoesNotContain(menu.FindAll("a"), a => a.GetAttribute("href") == "/organisation/units");
        Assert.DoesNotContain(menu.FindAll("a"), a => a.GetAttribute("href") == "/organisation/people");
    }

    [Fact]
    public async Task Labels_follow_the_language()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.Administrator);

        var menu = ctx.Render<NavMenu>();

        Assert.Contains("Organisatie-eenheden", menu.Markup);
        Assert.Contains("Personen", menu.Markup);
        Assert.DoesNotContain("Organisation units", menu.Markup);
    }
}
