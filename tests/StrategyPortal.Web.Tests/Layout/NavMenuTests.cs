using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Layout;

public class NavMenuTests
{
    // What each role works with (DOMAIN.md "Who uses the portal"; everyone reads improvement actions, managers and directors
    // also see the unowned list), written out by hand: the menu must offer exactly these, in this order.
    private static readonly Dictionary<string, string[]> PagesOf = new()
    {
        [DemoAccounts.Employee] = ["/", "/my-standards", "/pulses", "/capabilities", "/signals", "/actions", "/account/notices"],
        [DemoAccounts.CustomerServiceManager] =
        [
            "/", "/my-standards", "/strategy", "/standards", "/results/import", "/organisation/people", "/pulses", "/engagement/results",
            "/customer-scores", "/customer-scores/engagement", "/scorecards", "/promises", "/capabilities", "/signals", "/actions", "/actions/unowned",
            "/account/notices",
        ],
        [DemoAccounts.Director] =
        [
            "/", "/my-standards", "/strategy", "/standards", "/organisation/people", "/pulses", "/engagement/results", "/engagement/pulses",
            "/customer-scores", "/customer-scores/engagement", "/customer-scores/import", "/scorecards", "/promises", "/capabilities", "/signals", "/actions", "/actions/unowned",
            "/audit", "/account/notices",
        ],
        [DemoAccounts.Administrator] =
        [
            "/", "/my-standards", "/strategy", "/standards", "/organisation/units", "/organisation/people", "/organisation/people/import", "/pulses",
            "/engagement/results",
            "/engagement/pulses", "/engagement/questions", "/customer-scores", "/customer-scores/engagement", "/customer-scores/import",
            "/promises", "/capabilities", "/signals", "/actions", "/admin/api-keys", "/audit", "/admin/mail", "/account/notices",
        ],
    };

    [Theory]
    [InlineData(DemoAccounts.Administrator)]
    [InlineData(DemoAccounts.Director)]
    [InlineData(DemoAccounts.CustomerServiceManager)]
    [InlineData(DemoAccounts.Employee)]
    public async Task Shows_exactly_the_pages_the_role_may_use(string email)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(email);

        var menu = ctx.Render<NavMenu>();

        Assert.Equal(PagesOf[email], menu.FindAll("a").Select(a => a.GetAttribute("href") ?? ""));
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
