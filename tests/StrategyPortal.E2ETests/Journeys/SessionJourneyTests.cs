using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Web.Access;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>The portal with open circuits checking their sign-in every two seconds instead of every minute.</summary>
public sealed class QuickRevalidationPortalFixture : PortalFixture
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<CircuitRevalidationOptions>(o => o.Interval = Interval);
}

/// <summary>
/// Signing out ends the session on the server: a page that was already open with the same sign-in (another tab, or a
/// copy of the cookie in another browser) drops to the sign-in page at its circuit's next check, and loading any page
/// with the old cookie asks to sign in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionJourneyTests(BrowserFixture browser, QuickRevalidationPortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<QuickRevalidationPortalFixture>
{
    [Fact]
    public async Task An_open_page_of_a_session_that_signed_out_elsewhere_drops_to_the_sign_in_page()
    {
        var employee = OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Employee);
        var open = await NewPageAsync();
        await SignInAsAsync(open, employee.Email);
        await open.GotoAsync("/my-standards");
        await WaitForInteractiveAsync(open);
        await CheckPageAsync(open, "session-open-page");

        // The same sign-in in a second browser (its cookie copied), which signs out there.
        var copy = await NewPageAsync();
        await copy.Context.AddCookiesAsync((await open.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await copy.GotoAsync("/");
        await WaitForInteractiveAsync(copy);
        await Expect(copy.GetByTestId("user-name")).ToHaveTextAsync(employee.Name);
        await copy.GetByTestId("sign-out").ClickAsync();
        await Expect(copy).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?signedOut=true$"));

        // The open page, untouched since: its circuit notices at its next check and goes to the sign-in page.
        await Expect(open).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?returnUrl=%2Fmy-standards$"),
            new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
        await Expect(open.GetByTestId("sign-in")).ToBeVisibleAsync();
        await CheckPageAsync(open, "session-ended-elsewhere");

        // Loading a page with the old cookie does not sign anyone in either.
        await open.GotoAsync("/my-standards");
        Assert.Equal("/account/login", new Uri(open.Url).AbsolutePath);
    }
}
