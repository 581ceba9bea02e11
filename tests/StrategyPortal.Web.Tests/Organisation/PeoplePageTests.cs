using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Organisation;
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

        // Add: the dialog's form stores the person.
        host.Find("[data-testid=add-person]").Click();
        Input(host, "person-name").Change("Bram Toegevoegd");
        Input(host, "person-email").Change("bram.toegevoegd@test.example");
        host.Find(".mud-dialog [data-testid=save]").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        var organisation = ctx.Services.GetRequiredService<OrganisationService>();
        var added = (await organisation.GetPeopleAsync(new PeopleQuery { Search = "bram.toegevoegd" })).Items.Single();
        Assert.Equal("Bram Toegevoegd", added.Name);
        // The table reloads after the save: wait for the row itself, never act on the rows from before the reload.
        var edit = host.WaitForElement("[data-testid=people-table] tbody tr button[aria-label='Edit Bram Toegevoegd']", Patience);

        // Edit: the row's edit button opens that person's form, filled in; the new name is stored and the table shows it.
        edit.Click();
        Assert.Equal("Bram Toegevoegd", Input(host, "person-name").GetAttribute("value"));
        Input(host, "person-name").Change("Bram Gewijzigd");
        host.Find(".mud-dialog [data-testid=save]").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")), Patience);
        Assert.Equal("Bram Gewijzigd", (await organisation.GetPeopleAsync(new PeopleQuery { Search = added.Email })).Items.Single(p => p.Id == added.Id).Name);
        host.WaitForAssertion(() =>
        {
            var names = Names(host);
            Assert.Contains("Bram Gewijzigd", names);
            Assert.DoesNotContain("Bram Toegevoegd", names);
        }, Patience);

        // Search: once the debounced reload is in, the table holds exactly the matching person.
        var search = host.Find("[data-testid=people-search]");
        (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("Gewijzigd");
        host.WaitForAssertion(() => Assert.Equal(["Bram Gewijzigd"], Names(host)), Patience);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static List<string> Names(IRenderedComponent<ProviderHost> host) =>
        host.FindAll("[data-testid=people-table] tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<ProviderHost> host, string testId) =>
        host.WaitForElement($".mud-dialog input[data-testid={testId}], .mud-dialog [data-testid={testId}] input");

    [Fact]
    public async Task An_administrator_invites_everyone_without_an_account_after_confirming_and_the_button_goes()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var organisation = ctx.Services.GetRequiredService<OrganisationService>();
        var waiting = await organisation.CountWithoutAccountAsync();
        Assert.True(waiting > 0, "the demo company has people without an account");
        var host = ctx.RenderWithProviders<PeoplePage>();
        host.WaitForElements("[data-testid=people-table] tbody tr");

        var button = host.WaitForElement("[data-testid=invite-everyone]");
        Assert.Contains($"({waiting})", button.TextContent);
        button.Click();
        // Cancelled: nothing queued.
        host.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")), Patience);
        Assert.Equal(waiting, await organisation.CountWithoutAccountAsync());

        host.Find("[data-testid=invite-everyone]").Click();
        Assert.Contains($"{waiting} active people", host.WaitForElement(".mud-dialog").TextContent);
        host.Find(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Send").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=invite-everyone]")), Patience);
        Assert.Equal(0, await organisation.CountWithoutAccountAsync());
    }

    [Fact]
    public async Task A_manager_is_not_offered_to_invite_everyone()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var host = ctx.RenderWithProviders<PeoplePage>();
        host.WaitForElements("[data-testid=people-table] tbody tr");
        Assert.Empty(host.FindAll("[data-testid=invite-everyone]"));
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
