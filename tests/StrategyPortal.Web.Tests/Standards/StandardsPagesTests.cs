using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Standards;
using StrategyPortal.Web.Standards;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Standards;

public class StandardsPagesTests
{
    [Fact]
    public async Task A_manager_lists_only_the_standards_of_their_units()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<StandardsList>();

        var rows = host.WaitForElements("[data-testid=standards-table] tbody tr");
        var units = rows.Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).Distinct().Order().ToList();
        Assert.Equal(["Klantenservice", "Webcare"], units);
        Assert.Equal(12, rows.Count); // 9 active of Klantenservice (the draft is filtered out) and 3 of Webcare
        Assert.All(rows, r => Assert.NotNull(r.QuerySelector("[data-testid=rag]")));
        Assert.NotNull(host.Find("[data-testid=adopt]"));
    }

    [Fact]
    public async Task A_director_lists_every_unit_but_cannot_adopt()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<StandardsList>();

        var rows = host.WaitForElements("[data-testid=standards-table] tbody tr");
        Assert.Equal(25, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("Winkels Zuid", StringComparison.Ordinal));
        Assert.Empty(host.FindAll("[data-testid=adopt]"));
    }

    [Fact]
    public async Task The_detail_shows_versions_and_results_judged_per_quarter()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var id = await FindAsync(ctx, "De eerste medewerker mag het oplossen");

        var host = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, (RenderFragment)(b =>
        {
            b.OpenComponent<StandardPage>(0);
            b.AddAttribute(1, nameof(StandardPage.Id), id);
            b.CloseComponent();
        })));

        host.WaitForAssertion(() => Assert.Equal("De eerste medewerker mag het oplossen", host.Find("h1").TextContent.Trim()));
        var versions = host.FindAll("[data-testid=versions-table] tbody tr");
        Assert.Equal(2, versions.Count);
        Assert.Contains("target", versions[0].TextContent);
        Assert.Equal(8, host.FindAll("[data-testid=results-table] tbody tr [data-testid=rag]").Count(r => r.GetAttribute("data-rag") != "NoData"));
        Assert.NotEmpty(host.FindAll("[data-testid^=record-]"));
    }

    [Fact]
    public async Task Adopting_a_template_prefills_the_form_and_opens_the_new_standard()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var host = ctx.RenderWithProviders<CataloguePage>();

        host.WaitForElement("[data-testid=adopt-CI-07]").Click();
        var title = host.WaitForElement("input[data-testid=standard-title], [data-testid=standard-title] input");
        Assert.Equal("Monthly coaching on real customer conversations", title.GetAttribute("value"));
        host.Find(".mud-dialog [data-testid=save]").Click();

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        host.WaitForAssertion(() => Assert.Matches(@"/standards/\d+$", navigation.Uri));
    }

    [Fact]
    public async Task A_duplicate_title_in_the_same_unit_is_refused_with_a_clear_message()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var host = ctx.RenderWithProviders<CataloguePage>();

        host.WaitForElement("[data-testid=adopt-CI-01]").Click();
        host.WaitForElement("input[data-testid=standard-title], [data-testid=standard-title] input");
        host.Find(".mud-dialog [data-testid=save]").Click();

        // The refusal sits at the title field (not in a banner), and goes as soon as the title is changed.
        const string taken = "Deze eenheid heeft al een norm met deze titel";
        host.WaitForAssertion(() => Assert.Contains(taken, TitleField(host).TextContent));
        Assert.Empty(host.FindAll("[data-testid=dialog-error]"));
        host.Find("input[data-testid=standard-title], [data-testid=standard-title] input").Change("Een nieuwe titel");
        host.WaitForAssertion(() => Assert.DoesNotContain(taken, TitleField(host).TextContent));
        Assert.NotNull(host.Find(".mud-dialog"));
    }

    private static AngleSharp.Dom.IElement TitleField(IRenderedComponent<ProviderHost> host) =>
        host.Find("input[data-testid=standard-title], [data-testid=standard-title] input").Closest(".mud-input-control")!;

    [Fact]
    public async Task A_second_editor_is_told_and_keeps_their_input()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var id = await FindAsync(ctx, "Beloofde terugbelafspraken worden nagekomen");
        var host = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, (RenderFragment)(b =>
        {
            b.OpenComponent<StandardPage>(0);
            b.AddAttribute(1, nameof(StandardPage.Id), id);
            b.CloseComponent();
        })));
        host.WaitForElement("[data-testid=edit-standard]").Click();
        host.WaitForElement("input[data-testid=standard-title], [data-testid=standard-title] input").Change("Terugbellen zoals beloofd");

        // Meanwhile a colleague saves a change to the same standard.
        var service = ctx.Services.GetRequiredService<StandardsService>();
        var detail = await service.GetAsync(id);
        await service.RetargetAsync(id, detail.Version, 97, service.CurrentQuarter);

        host.Find(".mud-dialog [data-testid=save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Someone else changed this standard", host.Find("[data-testid=dialog-error]").TextContent));
        Assert.Equal("Terugbellen zoals beloofd", host.Find("input[data-testid=standard-title], [data-testid=standard-title] input").GetAttribute("value"));
    }

    [Fact]
    public async Task An_employee_reads_only_the_standards_of_their_own_unit()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);

        var host = ctx.RenderWithProviders<MyUnitStandardsPage>();

        var items = host.WaitForElements("[data-testid=my-standard]");
        Assert.Equal(9, items.Count);
        Assert.Contains("Klantenservice", host.Find("[data-testid=my-unit]").TextContent);
        Assert.DoesNotContain("Webcare reageert binnen het uur", host.Markup);
        Assert.Contains("Customer intimacy", host.Find("[data-testid=my-lead]").TextContent);
        Assert.Empty(host.FindAll("button"));
    }

    private static async Task<int> FindAsync(PortalBunitContext ctx, string title)
    {
        var page = await ctx.Services.GetRequiredService<StandardsService>().ListAsync(new StandardsQuery { Search = title });
        return page.Items.Single(i => i.Title == title).Id;
    }
}
