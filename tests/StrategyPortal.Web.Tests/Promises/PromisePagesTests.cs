using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Promises;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Promises;

public class PromisePagesTests
{
    private const string WhatsApp = "24/7 bereikbaar via WhatsApp";

    [Fact]
    public async Task The_director_sees_every_live_promise_with_its_verdict_and_the_flag_on_the_unbacked_one()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<PromiseBoardPage>();

        var rows = host.WaitForElements("[data-testid=promise-board] tbody tr");
        // twelve demo promises; four ended (spring campaign, summer sale, Black Friday, Christmas)
        Assert.Equal(8, rows.Count);
        var whatsapp = rows.Single(r => r.TextContent.Contains(WhatsApp, StringComparison.Ordinal));
        Assert.Equal("Unbacked", whatsapp.QuerySelector("[data-testid=verdict]")!.GetAttribute("data-verdict"));
        Assert.NotNull(whatsapp.QuerySelector("[data-testid=flag]"));
        Assert.Contains("requires Chat 24/7; WhatsApp- en social-mediaservice covers Chat Mon-Sat 08:00-22:00", whatsapp.QuerySelector("[data-testid=reasons]")!.TextContent);
        var saturday = rows.Single(r => r.TextContent.Contains("Op zaterdag om 15.00 uur bezorgd", StringComparison.Ordinal));
        Assert.Equal("AtRisk", saturday.QuerySelector("[data-testid=verdict]")!.GetAttribute("data-verdict"));
        Assert.Null(saturday.QuerySelector("[data-testid=flag]"));
        Assert.Empty(host.FindAll("[data-testid=new-promise]"));
    }

    [Fact]
    public async Task The_marketing_manager_may_register_a_promise_and_include_ended_ones()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.MarketingManager);

        var host = ctx.RenderWithProviders<PromiseBoardPage>();

        host.WaitForElements("[data-testid=promise-board] tbody tr");
        Assert.NotNull(host.Find("[data-testid=new-promise]"));
        Assert.Contains("Niet gedekt", host.Find("[data-testid=promise-board]").TextContent);
    }

    [Fact]
    public async Task The_detail_explains_the_verdict_with_requirements_history_and_signals()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.MarketingManager);
        var id = await PromiseIdAsync(ctx, WhatsApp);

        var host = RenderDetail(ctx, id);

        host.WaitForAssertion(() => Assert.Equal(WhatsApp, host.Find("h1").TextContent.Trim()));
        Assert.Equal(["requires Chat 24/7; WhatsApp- en social-mediaservice covers Chat Mon-Sat 08:00-22:00"],
            host.FindAll("[data-testid=reasons] li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(host.Find("[data-testid=flag]"));
        var requirement = host.Find("[data-testid=requirements] tbody tr");
        Assert.Contains("WhatsApp- en social-mediaservice", requirement.TextContent);
        // live for the last three quarters: each evaluated, the newest first, all unbacked
        var history = host.FindAll("[data-testid=history] tbody tr");
        Assert.Equal(3, history.Count);
        Assert.All(history, r => Assert.Equal("Unbacked", r.QuerySelector("[data-testid=verdict]")!.GetAttribute("data-verdict")));
        Assert.Equal(3, host.FindAll("[data-testid=signals] tbody tr").Count);
        Assert.NotNull(host.Find("[data-testid=edit-promise]"));
    }

    [Fact]
    public async Task The_employee_sees_only_the_capabilities_of_their_own_unit_and_no_promise_pages()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);

        var host = ctx.RenderWithProviders<CapabilityRegister>();

        var rows = host.WaitForElements("[data-testid=capabilities] tbody tr");
        Assert.Equal(3, rows.Count); // Klantenservice: phone, product knowledge, returns
        Assert.All(rows, r => Assert.Contains("Klantenservice", r.TextContent));
        Assert.Empty(host.FindAll("[data-testid=edit-capability]"));
        Assert.Empty(host.FindAll("[data-testid=new-capability]"));

        foreach (var page in new[] { typeof(PromiseBoardPage), typeof(PromiseDetailPage) })
        {
            var policy = ((AuthorizeAttribute)Attribute.GetCustomAttribute(page, typeof(AuthorizeAttribute))!).Policy!;
            Assert.False(RolePermissions.Allows(PortalRole.Employee, policy));
        }
    }

    [Fact]
    public async Task The_service_manager_edits_capabilities_of_their_units_and_sees_which_promises_lean_on_them()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<CapabilityRegister>();

        var rows = host.WaitForElements("[data-testid=capabilities] tbody tr");
        var whatsapp = rows.Single(r => r.TextContent.Contains("WhatsApp- en social-mediaservice", StringComparison.Ordinal));
        Assert.Contains(WhatsApp, whatsapp.TextContent);
        Assert.NotNull(whatsapp.QuerySelector("[data-testid=edit-capability]"));
        var tracking = rows.Single(r => r.TextContent.Contains("Track & trace", StringComparison.Ordinal));
        Assert.Null(tracking.QuerySelector("[data-testid=edit-capability]")); // IT's, not theirs
    }

    [Fact]
    public async Task A_long_area_in_the_register_is_paged_and_a_short_one_is_not()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        await using (var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var unitId = await db.Capabilities.Where(c => c.Name == "Telefonische klantenservice").Select(c => c.OwnerUnitId).SingleAsync();
            for (var i = 1; i <= 30; i++)
                db.Capabilities.Add(new Capability(unitId, $"Werkinstructie {i:00}", CapabilityArea.Processes, "", 2, "", [], ServiceHours.None, null, []));
            await db.SaveChangesAsync();
        }

        var host = ctx.RenderWithProviders<CapabilityRegister>();

        host.WaitForElements("[data-testid=capabilities] tbody tr");
        var processes = host.Find("[data-testid=capabilities][data-area=Processes]");
        var otherAreas = host.FindAll("[data-testid=capabilities]:not([data-area=Processes])");
        Assert.Equal(25, processes.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("1-25 of 32", processes.QuerySelector(".mud-table-pagination")!.TextContent); // 30 added + phone and returns
        Assert.NotEmpty(otherAreas);
        Assert.All(otherAreas, t => Assert.Null(t.QuerySelector(".mud-table-pagination")));
    }

    [Fact]
    public async Task Capability_hours_are_shown_with_dutch_day_names_in_the_register()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var register = ctx.RenderWithProviders<CapabilityRegister>();
        var rows = register.WaitForElements("[data-testid=capabilities] tbody tr");
        string HoursOf(string capability) =>
            rows.Single(r => r.TextContent.Contains(capability, StringComparison.Ordinal)).QuerySelector("[data-testid=hours]")!.TextContent.Trim();
        // stored as "Mon-Sat 08:00-22:00" and "Mon-Fri 08:00-20:00; Sat 09:00-17:00"
        Assert.Equal("ma-za 08:00-22:00", HoursOf("WhatsApp- en social-mediaservice"));
        Assert.Equal("ma-vr 08:00-20:00; za 09:00-17:00", HoursOf("Telefonische klantenservice"));
        Assert.Equal("24/7", HoursOf("Track & trace"));
    }

    [Fact]
    public async Task Required_hours_are_shown_with_dutch_day_names_on_the_promise_detail()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.MarketingManager);
        var id = await PromiseIdAsync(ctx, "Op zaterdag om 15.00 uur bezorgd");
        var detail = RenderDetail(ctx, id);
        detail.WaitForElements("[data-testid=requirements] tbody tr");
        // Saturday delivery until 15:00 (stored "Sat 08:00-15:00"); track & trace without hours
        Assert.Equal(["za 08:00-15:00", "–"], detail.FindAll("[data-testid=requirements] [data-testid=hours]").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Cancelling_the_edit_dialog_leaves_the_promise_as_it_was_for_the_next_edit()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.MarketingManager);
        var id = await PromiseIdAsync(ctx, WhatsApp);
        var host = RenderDetail(ctx, id);
        const string claimInput = "input[data-testid=promise-claim], [data-testid=promise-claim] input";

        host.WaitForElement("[data-testid=edit-promise]").Click();
        host.WaitForElement(claimInput).Change("Een belofte die niemand bedoelde");
        // Each click re-renders the dialog through the renderer's queue: wait for each step's rows before the next click.
        host.Find(".mud-dialog [data-testid=requirement-remove]").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog [data-testid=requirement]")));
        host.Find(".mud-dialog [data-testid=add-requirement]").Click();
        host.WaitForAssertion(() => Assert.Single(host.FindAll(".mud-dialog [data-testid=requirement]")));
        host.Find(".mud-dialog [data-testid=add-requirement]").Click();
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".mud-dialog [data-testid=requirement]").Count));
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));

        Assert.Equal(WhatsApp, host.Find("h1").TextContent.Trim());
        host.Find("[data-testid=edit-promise]").Click();
        Assert.Equal(WhatsApp, host.WaitForElement(claimInput).GetAttribute("value"));
        var requirement = Assert.Single(host.FindAll(".mud-dialog [data-testid=requirement]"));
        Assert.Equal("24/7", requirement.QuerySelector("input[data-testid=requirement-hours], [data-testid=requirement-hours] input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_board_filters_by_verdict_channel_and_campaign_and_says_so_when_nothing_matches()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<PromiseBoardPage>();
        host.WaitForElements("[data-testid=promise-board] tbody tr");
        var all = BoardRows(host);
        Assert.Equal(8, all.Count);

        // verdict, through its count chip: the rows that were at risk, among them Saturday delivery (12 complaints) and
        // the chat promise (11 complaints this quarter)
        var atRisk = all.Where(r => r.Verdict == "AtRisk").Select(r => r.Claim).ToHashSet();
        Assert.Superset(new HashSet<string> { "Op zaterdag om 15.00 uur bezorgd", "Vragen via chat? Binnen 2 minuten antwoord" }, atRisk);
        host.FindAll("[data-testid=verdict-counts] .mud-chip").Single(c => c.TextContent.Trim() == $"At risk: {atRisk.Count}").Click();
        host.WaitForAssertion(() => Assert.Equal(atRisk, BoardRows(host).Select(r => r.Claim).ToHashSet()));
        Assert.All(BoardRows(host), r => Assert.Equal("AtRisk", r.Verdict));
        await ChooseAsync<PromiseVerdict?>(host, "Verdict", null);

        // channel: the live promises made on chat
        await ChooseAsync<ServiceChannel?>(host, "Channel", ServiceChannel.Chat);
        host.WaitForAssertion(() => Assert.Equal(
            new HashSet<string> { "24/7 bereikbaar via WhatsApp", "Iedere klant herkend, via welk kanaal ook", "Vragen via chat? Binnen 2 minuten antwoord" },
            BoardRows(host).Select(r => r.Claim).ToHashSet()));
        await ChooseAsync<ServiceChannel?>(host, "Channel", null);

        // campaign
        await ChooseAsync(host, "Campaign", "Altijd dichtbij");
        host.WaitForAssertion(() => Assert.Equal(
            new HashSet<string> { "24/7 bereikbaar via WhatsApp", "Altijd een persoonlijk antwoord op social media" },
            BoardRows(host).Select(r => r.Claim).ToHashSet()));

        // the Christmas campaign ended: nothing live matches, and the board says so
        await ChooseAsync(host, "Campaign", "Kerst");
        host.WaitForAssertion(() => Assert.Equal("No promises match these filters.", host.Find("[data-testid=board-empty]").TextContent.Trim()));
        Assert.Empty(host.FindAll("[data-testid=promise-link]"));
    }

    private sealed record BoardRow(string Claim, string? Verdict);

    private static List<BoardRow> BoardRows(IRenderedComponent<ProviderHost> host) =>
        host.FindAll("[data-testid=promise-board] tbody tr").Where(r => r.QuerySelector("[data-testid=promise-link]") is not null)
            .Select(r => new BoardRow(r.QuerySelector("[data-testid=promise-link]")!.TextContent.Trim(), r.QuerySelector("[data-testid=verdict]")?.GetAttribute("data-verdict")))
            .ToList();

    /// <summary>Picks a value in the filter with this label, as choosing it in the list does (the select reports its new value).</summary>
    internal static Task ChooseAsync<T>(IRenderedComponent<ProviderHost> host, string label, T? value) =>
        host.InvokeAsync(() => host.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value!));

    private static async Task<int> PromiseIdAsync(PortalBunitContext ctx, string claim)
    {
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.MarketingPromises.Where(p => p.Claim == claim).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The promise detail page for one promise, inside the providers (dialogs, popovers) the page needs.</summary>
    private static Bunit.IRenderedComponent<ProviderHost> RenderDetail(PortalBunitContext ctx, int id) =>
        ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, (RenderFragment)(b =>
        {
            b.OpenComponent<PromiseDetailPage>(0);
            b.AddAttribute(1, nameof(PromiseDetailPage.Id), id);
            b.CloseComponent();
        })));
}
