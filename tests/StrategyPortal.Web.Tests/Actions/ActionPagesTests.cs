using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Actions;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Actions;
using StrategyPortal.Web.Tests.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Actions;

/// <summary>The actions components over the demo company: the owner's due actions on the home page, the new action's form and the check-in form.</summary>
public class ActionPagesTests
{
    [Fact]
    public async Task The_home_page_lists_the_owners_due_action_and_nothing_for_someone_with_nothing_due()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var home = ctx.Render<StrategyPortal.Web.Home.Home>();

        home.WaitForAssertion(() => Assert.Contains("Terugbellen na elk negatief contact", home.Find("[data-testid=my-actions]").TextContent));
        Assert.Contains("Your actions", home.Markup);

        ctx.SignInAs(DemoAccounts.Director);
        var empty = ctx.Render<MyActions>();
        Assert.Empty(empty.FindAll("[data-testid=my-actions]"));
    }

    [Fact]
    public async Task A_check_in_against_a_stale_version_is_refused_and_keeps_what_was_typed()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        int id;
        await using (var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext())
            id = await db.ImprovementActions.Where(a => a.Title == "Terugbellen na elk negatief contact").Select(a => a.Id).SingleAsync();

        var page = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, builder =>
        {
            builder.OpenComponent<ActionDetailPage>(0);
            builder.AddAttribute(1, nameof(ActionDetailPage.Id), id);
            builder.CloseComponent();
        }));
        const string note = "textarea[data-testid=checkin-note], [data-testid=checkin-note] textarea";
        page.WaitForElement(note);
        // Someone else records progress meanwhile.
        var actions = ctx.Services.GetRequiredService<ActionService>();
        var detail = await actions.GetAsync(id);
        await actions.CheckInAsync(new CheckInInput { ActionId = id, On = actions.Today, Note = "Eerste belronde gepland.", Version = detail.Version });

        page.Find(note).Change("Mijn eigen voortgang");
        page.Find("[data-testid=save-checkin]").Click();

        page.WaitForAssertion(() => Assert.Contains("Someone else changed this action", page.Find("[data-testid=checkin-error]").TextContent));
        Assert.Equal("Mijn eigen voortgang", page.Find(note).GetAttribute("value") ?? page.Find(note).TextContent);
        // The other person's check-in shows beside the kept input.
        Assert.Contains("Eerste belronde gepland.", page.Find("[data-testid=checkins]").TextContent);
    }

    [Fact]
    public async Task A_second_editor_of_an_action_is_told_and_keeps_their_input()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        int id;
        await using (var db = ctx.Db())
            id = await db.ImprovementActions.Where(a => a.Title == "Snelkoppelingen en training voor het ticketsysteem").Select(a => a.Id).SingleAsync();
        var page = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, builder =>
        {
            builder.OpenComponent<ActionDetailPage>(0);
            builder.AddAttribute(1, nameof(ActionDetailPage.Id), id);
            builder.CloseComponent();
        }));
        page.WaitForElement("[data-testid=edit-action]").Click();
        const string title = ".mud-dialog input[data-testid=action-title], .mud-dialog [data-testid=action-title] input";
        page.WaitForElement(title).Change("Snelkoppelingen voor het hele team");

        // Meanwhile a colleague records progress on the same action.
        var actions = ctx.Services.GetRequiredService<ActionService>();
        var detail = await actions.GetAsync(id);
        await actions.CheckInAsync(new CheckInInput { ActionId = id, On = actions.Today, Note = "Training gepland.", Version = detail.Version });

        page.Find(".mud-dialog [data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Someone else changed this action", page.Find(".mud-dialog [data-testid=dialog-error]").TextContent));
        Assert.Equal("Snelkoppelingen voor het hele team", page.Find(title).GetAttribute("value"));
        await using var after = ctx.Db();
        Assert.Equal("Snelkoppelingen en training voor het ticketsysteem", await after.ImprovementActions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());
    }

    [Fact]
    public async Task A_refused_new_action_shows_the_message_at_its_field_keeps_what_was_typed_and_stores_nothing()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var actions = ctx.Services.GetRequiredService<ActionService>();
        var red = (await actions.GetUnownedAsync()).Items.First(i => i.Kind == ActionCauseKind.Standard && i.UnitName == "Klantenservice");
        await using var before = ctx.Db();
        var count = await before.ImprovementActions.CountAsync();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(ActionLinks.New(red.TakeAction));

        var page = ctx.RenderWithProviders<NewActionPage>();
        const string title = "input[data-testid=action-title], [data-testid=action-title] input";
        const string description = "textarea[data-testid=action-description], [data-testid=action-description] textarea";
        page.WaitForElement(title);
        page.Find(title).Change(new string('x', ImprovementAction.TitleMaxLength + 1)); // pasted past the limit
        page.Find(description).Change("Twee extra collega's op piekuren.");
        page.Find("[data-testid=save-action]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-input-error"), e => e.TextContent.Contains("A title has at most 160 characters.")));
        Assert.Empty(page.FindAll("[data-testid=form-error]")); // at its field, not on top
        Assert.Equal("Twee extra collega's op piekuren.", page.Find(description).GetAttribute("value") ?? page.Find(description).TextContent);
        await using var after = ctx.Db();
        Assert.Equal(count, await after.ImprovementActions.CountAsync());

        // Typing in the field takes its message away.
        page.Find(title).Change("Bezetting op piekuren");
        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll(".mud-input-error"), e => e.TextContent.Contains("A title has at most 160 characters.")));
    }
}
