using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Access;

public class AuditAndPrivacyPageTests
{
    private static async Task<int> AddPersonAsync(PortalBunitContext ctx, string name, string email)
    {
        ctx.SignInAs(DemoAccounts.Administrator);
        var organisation = ctx.Services.GetRequiredService<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        return await organisation.CreatePersonAsync(new PersonInput { Name = name, Email = email, OrgUnitId = root.Id, Role = PortalRole.Employee });
    }

    [Fact]
    public async Task A_director_finds_a_change_by_text_and_sees_who_made_it_with_the_new_values()
    {
        await using var ctx = new PortalBunitContext();
        await AddPersonAsync(ctx, "Auditia Zoekmans", "auditia@test.example");
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<AuditLog>();
        host.WaitForElements("[data-testid=audit-table] tbody tr.mud-table-row");
        var search = host.Find("[data-testid=audit-search]");
        (search.TagName == "INPUT" ? search : search.QuerySelector("input")!).Input("Auditia");

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=audit-table] tbody tr.mud-table-row")));
        var row = host.Find("[data-testid=audit-table] tbody tr.mud-table-row");
        // A sentence about a named thing, fields by their labels, the unit by its name: no type names, field names or ids.
        Assert.Equal("Sanne de Vries created the person “Auditia Zoekmans”", row.QuerySelector("[data-testid=audit-sentence]")!.TextContent);
        var fields = row.QuerySelectorAll("[data-testid=audit-diff] th[scope=row]").Select(e => e.TextContent).ToList();
        Assert.Contains("e-mail address", fields);
        Assert.Contains("unit", fields);
        Assert.DoesNotContain(fields, f => f.Contains("Id", StringComparison.Ordinal));
        var inserted = row.QuerySelectorAll("ins.audit-new").Select(e => e.TextContent).ToList();
        Assert.Contains("Auditia Zoekmans", inserted);
        Assert.Contains("auditia@test.example", inserted);
        Assert.Contains("Noordlicht Retail B.V.", inserted); // the unit, by name
        Assert.Contains("Employee", inserted);
        Assert.Empty(row.QuerySelectorAll("del.audit-old"));
    }

    [Fact]
    public async Task An_action_and_its_progress_notes_are_named_by_the_actions_title_never_by_its_id()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var audit = ctx.Services.GetRequiredService<StrategyPortal.Application.Access.AuditService>();
        var format = ctx.Services.GetRequiredService<AuditFormat>();
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var titles = (await db.ImprovementActions.AsNoTracking().Select(a => new { a.Id, a.Title }).ToListAsync()).ToDictionary(a => a.Id, a => a.Title);

        foreach (var kind in new[] { "ImprovementAction", "ActionCheckIn" })
        {
            var rows = (await audit.SearchAsync(new StrategyPortal.Application.Access.AuditFilter(EntityType: kind, PageSize: 100))).Items;
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                Assert.Contains(row.Subject, titles.Values);
                Assert.DoesNotContain("#", format.Sentence(row));
                foreach (var change in row.Changes.Where(c => c.Property == "ActionId"))
                    Assert.Equal(titles[int.Parse(change.New!)], format.Value(row, change, old: false));
            }
        }
    }

    [Theory]
    [InlineData("Manager")]
    [InlineData("41")]
    [InlineData("89.1")]
    [InlineData("2026-12-08")]
    [InlineData("Audit campaign 2026-11-23T10")]
    public void Audit_values_other_than_moments_are_shown_as_recorded(string value) =>
        Assert.Equal(value, AuditFormat.Moment(value, System.Globalization.CultureInfo.GetCultureInfo("en")));

    [Fact]
    public void A_recorded_moment_is_shown_as_the_readers_local_date_and_time()
    {
        const string recorded = "2026-11-23T13:44:06.4341982Z";
        var utc = new DateTime(2026, 11, 23, 13, 44, 6, DateTimeKind.Utc).AddTicks(4341982);
        foreach (var culture in new[] { "en", "nl" }.Select(System.Globalization.CultureInfo.GetCultureInfo))
            Assert.Equal(utc.ToLocalTime().ToString("G", culture), AuditFormat.Moment(recorded, culture));
    }

    [Fact]
    public async Task An_administrator_erases_a_person_after_confirming_and_the_page_shows_the_pseudonym()
    {
        await using var ctx = new PortalBunitContext();
        var id = await AddPersonAsync(ctx, "Wis Mij", "wis.mij@test.example");
        ctx.SignInAs(DemoAccounts.Administrator);

        var host = ctx.Render<ProviderHost>(p => p.Add(h => h.ChildContent, builder =>
        {
            builder.OpenComponent<PersonPrivacy>(0);
            builder.AddAttribute(1, nameof(PersonPrivacy.Id), id);
            builder.CloseComponent();
        }));
        host.WaitForAssertion(() => Assert.Contains("Wis Mij", host.Find("[data-testid=privacy-person]").TextContent));
        Assert.EndsWith($"/organisation/people/{id}/export", host.Find("[data-testid=privacy-export]").GetAttribute("href"));

        host.Find("[data-testid=privacy-erase]").Click();
        // The confirmation names the person; nothing is erased before it is accepted.
        host.WaitForAssertion(() => Assert.Contains("Wis Mij", host.Find(".mud-dialog").TextContent));
        await using (var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext())
            Assert.False((await db.People.SingleAsync(p => p.Id == id)).IsErased);
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Erase this person", StringComparison.Ordinal)).Click();

        host.WaitForAssertion(() =>
        {
            Assert.Contains(Person.Pseudonym(id), host.Find("[data-testid=privacy-person]").TextContent);
            Assert.NotNull(host.Find("[data-testid=privacy-erased]"));
            Assert.Empty(host.FindAll("[data-testid=privacy-erase]"));
        });
    }
}
