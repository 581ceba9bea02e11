using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

public class ResultsPageTests
{
    private static IReadOnlyList<(string Name, bool Hidden)> HeatMapRows(IRenderedComponent<ProviderHost> host) =>
        host.WaitForElements("[data-testid=heatmap] tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("[data-testid=hidden-cell]") is not null)).ToList();

    [Fact]
    public async Task The_manager_sees_only_her_units_and_small_groups_hidden()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<EngagementResults>();

        var rows = HeatMapRows(host);
        Assert.Equal(["Klantenservice", "Webcare"], rows.Select(r => r.Name));
        Assert.Equal("Klantenservice", host.Find("[data-testid=selected-unit]").TextContent.Trim());
        // Whatever the demo draw, a row is hidden exactly when the service says so, and never shows numbers then.
        var results = await ctx.Services.GetRequiredService<EngagementResultsService>().GetResultsAsync(ResultsRoundId(host, ctx));
        foreach (var (name, hidden) in rows)
            Assert.Equal(!results.Units.Single(u => u.Name == name).IsShown, hidden);
        Assert.Contains("Gallup", host.Find("[data-testid=shares]").TextContent);
    }

    [Fact]
    public async Task The_director_sees_every_unit_and_the_smallest_units_are_hidden()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<EngagementResults>();

        var rows = HeatMapRows(host);
        Assert.Equal(10, rows.Count);
        // Directie (3 people) and IT (4) can never reach 5 answers.
        Assert.True(rows.Single(r => r.Name == "Directie").Hidden);
        Assert.True(rows.Single(r => r.Name == "IT").Hidden);
        Assert.False(rows.Single(r => r.Name == "Noordlicht Retail B.V.").Hidden);
        Assert.Contains("hidden: fewer than 5 answers", host.Find("[data-testid=heatmap]").TextContent);
        Assert.NotNull(host.Find("[data-testid=trend]"));
    }

    [Fact]
    public async Task Comments_are_shown_encoded_for_a_large_enough_group()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        await using (var db = ctx.Db())
        {
            var round = await db.PulseRounds.OrderByDescending(r => r.Number).Skip(1).FirstAsync();
            var comment = await db.PulseQuestions.SingleAsync(q => q.Code == "COMMENT");
            db.PulseComments.Add(new PulseComment(round.Id, ctx.UnitId("Marketing"), comment.Id, "<script>alert('x')</script>"));
            await db.SaveChangesAsync();
        }

        var host = ctx.RenderWithProviders<EngagementResults>();

        var comments = host.WaitForElement("[data-testid=comments]");
        Assert.Contains("<script>alert('x')</script>", comments.TextContent);
        Assert.DoesNotContain("<script>", comments.InnerHtml);
        Assert.Contains("&lt;script&gt;", comments.InnerHtml);
    }

    [Fact]
    public async Task An_employee_gets_no_results_at_all()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetRoundsAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetResultsAsync(ctx.OpenRoundId()));
        var attribute = typeof(EngagementResults).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), false)
            .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Single();
        Assert.Equal(StrategyPortal.Domain.Access.Permission.EngagementResults, attribute.Policy);
        Assert.False(StrategyPortal.Domain.Access.RolePermissions.Allows(StrategyPortal.Domain.Access.PortalRole.Employee, attribute.Policy!));
    }

    [Fact]
    public async Task A_manager_cannot_ask_for_a_unit_outside_her_scope()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetResultsAsync(ctx.OpenRoundId(), ctx.UnitId("Marketing")));
    }

    [Fact]
    public async Task Drivers_need_25_answers_and_show_for_the_whole_company()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();
        var round = (await service.GetRoundsAsync()).First(r => r.State == RoundState.Closed);

        var company = await service.GetResultsAsync(round.RoundId);
        var marketing = await service.GetResultsAsync(round.RoundId, ctx.UnitId("Marketing"));

        Assert.Equal(DriverAvailability.Shown, company.DriverState);
        Assert.NotNull(company.Drivers);
        Assert.Null(marketing.Drivers); // 7 people: never 25 answers
        Assert.NotEqual(DriverAvailability.Shown, marketing.DriverState);
    }

    private static int ResultsRoundId(IRenderedComponent<ProviderHost> host, PortalBunitContext ctx)
    {
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();
        var rounds = service.GetRoundsAsync().GetAwaiter().GetResult();
        return (rounds.FirstOrDefault(r => r.State == RoundState.Closed) ?? rounds[0]).RoundId;
    }
}
