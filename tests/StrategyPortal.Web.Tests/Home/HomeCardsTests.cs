using StrategyPortal.Web.Home;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Home;

public class HomeCardsTests
{
    [Fact]
    public async Task The_director_lands_on_the_last_quarter_at_a_glance_each_figure_a_link()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        var glance = page.WaitForElement("[data-testid=glance]", TimeSpan.FromSeconds(30));
        Assert.Contains("Noordlicht Retail B.V.", glance.TextContent);
        var links = page.FindAll("a.glance-figure").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(6, links.Count);
        Assert.Contains("/standards", links);
        Assert.Contains("/promises", links);
        Assert.Contains("/engagement/results", links);
        Assert.All(page.FindAll("[data-testid$=-value]"), v => Assert.False(string.IsNullOrWhiteSpace(v.TextContent)));
    }

    [Fact]
    public async Task The_employee_sees_the_open_pulse_and_no_glance()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.Employee);

        var page = ctx.Render<StrategyPortal.Web.Home.Home>();

        var item = page.WaitForElement("[data-testid=open-work-item][data-kind=AnswerPulse]");
        Assert.Contains("Beantwoord de pulse ‘Kwartaalpulse’", item.TextContent);
        Assert.StartsWith("/pulses/", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=glance]"));
    }

    [Fact]
    public async Task Open_work_is_its_own_card_and_says_so_when_nothing_waits()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);

        var card = ctx.Render<OpenWorkCard>();

        card.WaitForElement("[data-testid=open-work]");
        // The demo administrator is invited to the open pulse too; everything else is done.
        Assert.All(card.FindAll("[data-testid=open-work-item]"), i => Assert.Equal("AnswerPulse", i.GetAttribute("data-kind")));
    }
}
