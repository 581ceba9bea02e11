using StrategyPortal.Web.Organisation;
using PeoplePage = StrategyPortal.Web.Organisation.People;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Organisation;

public class PeoplePageTests
{
    [Fact]
    public async Task A_manager_reads_only_the_people_of_their_units_and_cannot_edit()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<PeoplePage>();

        var units = host.WaitForElements("[data-testid=people-table] tbody tr")
            .Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim()).Distinct().OrderBy(u => u).ToList();
        Assert.Equal(["Klantenservice", "Webcare"], units);
        Assert.Empty(host.FindAll("[data-testid=add-person]"));
        Assert.Empty(host.FindAll("button[aria-label^='Edit']"));
    }

    [Fact]
    public async Task An_administrator_can_add_and_edit_people()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);

        var host = ctx.RenderWithProviders<PeoplePage>();

        host.WaitForElements("[data-testid=people-table] tbody tr");
        Assert.NotNull(host.Find("[data-testid=add-person]"));
        Assert.NotEmpty(host.FindAll("button[aria-label^='Edit']"));
    }

    [Fact]
    public async Task Pages_through_the_company_25_at_a_time()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<PeoplePage>();

        var rows = host.WaitForElements("[data-testid=people-table] tbody tr");
        Assert.Equal(25, rows.Count);
        Assert.Contains("1-25 of 61", host.Find(".mud-table-pagination").TextContent.Replace("\u2013", "-"));
    }
}
