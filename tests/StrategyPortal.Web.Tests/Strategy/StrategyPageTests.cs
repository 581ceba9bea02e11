using StrategyPortal.Web.Strategy;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Strategy;

public class StrategyPageTests
{
    [Fact]
    public async Task The_director_sees_the_discipline_in_force_its_history_and_the_self_service_gap()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<StrategyPage>();

        host.WaitForAssertion(() => Assert.Equal("Customer intimacy", host.Find("[data-testid=discipline-name]").TextContent.Trim()));
        var history = host.FindAll("[data-testid=strategy-history] tbody tr");
        Assert.Equal(2, history.Count);
        Assert.Contains("Customer intimacy", history[0].TextContent);
        Assert.Contains("Cost leadership", history[1].TextContent);
        Assert.All(history, row => Assert.Contains("Pieter Jansen", row.TextContent));

        // Nobody in the demo company owns a self-service standard: that column is a gap, the others are not.
        Assert.Contains("Self-service", host.Find("[data-testid=coverage-gaps]").TextContent);
        var headers = host.FindAll("[data-testid=coverage] thead th");
        Assert.Equal("true", headers.Single(h => h.TextContent.Trim() == "Self-service").GetAttribute("data-gap"));
        Assert.Equal("false", headers.Single(h => h.TextContent.Trim() == "Phone").GetAttribute("data-gap"));
        Assert.Equal("25", host.Find("[data-testid=coverage-total]").TextContent.Trim());
        Assert.NotNull(host.Find("[data-testid=choose-discipline]"));
    }

    [Fact]
    public async Task The_proposal_after_the_move_from_cost_leadership_lowers_and_retires_the_old_standards()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<StrategyPage>();

        var rows = host.WaitForElements("[data-testid=proposal] tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains("Move target", StringComparison.Ordinal) && r.TextContent.Contains("CL-02", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("Consider retiring", StringComparison.Ordinal) && r.TextContent.Contains("CL-10", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("Add", StringComparison.Ordinal) && r.TextContent.Contains("CI-07", StringComparison.Ordinal));
        // A manager does not choose the discipline.
        Assert.Empty(host.FindAll("[data-testid=choose-discipline]"));
    }

    [Fact]
    public async Task Applying_a_retarget_asks_first_and_then_the_item_disappears()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var host = ctx.RenderWithProviders<StrategyPage>();

        host.WaitForElement("[data-testid=apply-retarget]").Click();
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Apply new target").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=apply-retarget]")));
        Assert.Contains(host.FindAll("[data-testid=proposal] tbody tr"), r => r.TextContent.Contains("CL-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_choice_without_a_real_rationale_is_refused_and_the_input_kept()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<StrategyPage>();

        host.WaitForElement("[data-testid=choose-discipline]").Click();
        host.WaitForElement("textarea[data-testid=rationale-input], [data-testid=rationale-input] textarea").Change("cheap");
        host.Find(".mud-dialog [data-testid=save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Explain the choice in at least 10 characters", host.Markup));
        Assert.Equal("cheap", host.Find("textarea[data-testid=rationale-input], [data-testid=rationale-input] textarea").GetAttribute("value") ?? host.Find("textarea[data-testid=rationale-input], [data-testid=rationale-input] textarea").TextContent);
        Assert.Equal(2, host.FindAll("[data-testid=strategy-history] tbody tr").Count);
    }

    [Fact]
    public async Task The_page_speaks_dutch()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<StrategyPage>();

        host.WaitForAssertion(() => Assert.Contains("Servicestrategie", host.Find("h1").TextContent));
        Assert.Contains("Selfservice", host.Find("[data-testid=coverage-gaps]").TextContent);
        Assert.Contains("Geschiedenis van keuzes", host.Markup);
    }
}
