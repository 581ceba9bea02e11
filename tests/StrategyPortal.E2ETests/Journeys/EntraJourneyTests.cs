using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.IntegrationTests.Access;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Entra sign-in in Chromium: the "Sign in with Microsoft" button, the local OpenID Connect provider on 127.0.0.1
/// (which signs in its <see cref="LocalOidcProvider.NextUser"/> without a login screen), and back to the portal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntraJourneyTests(BrowserFixture browser, EntraPortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<EntraPortalFixture>
{
    private readonly EntraPortalFixture _portal = portal;

    [Fact]
    public async Task With_the_local_OIDC_provider_configured_as_Entra_a_user_with_the_Director_app_role_signs_in_and_lands_as_director()
    {
        var director = OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Director);
        _portal.Oidc.NextUser = new OidcTestUser("oid-e2e-director", director.Email, director.Name, "Portal.Director");
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await Expect(page.GetByTestId("sign-in-entra")).ToHaveTextAsync(Text.Ui("Login.Entra", Text.English));
        await CheckPageAsync(page, "entra-sign-in");

        await page.GetByTestId("sign-in-entra").ClickAsync();

        // Portal → provider → the portal's callback → home, all in the browser.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/" && url.StartsWith(Portal.BaseAddress.ToString(), StringComparison.Ordinal));
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("welcome")).ToContainTextAsync(director.Name);
        await Expect(page.GetByTestId("role")).ToContainTextAsync(Text.Ui("Role.Director", Text.English));
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(director.Name);
        // A navigation item only a director (or administrator) has.
        await Expect(page.Locator(".mud-drawer a.mud-nav-link[href='/organisation/people']")).ToHaveTextAsync(Text.Ui("Nav.People", Text.English));
        await CheckPageAsync(page, "entra-director-home");

        await page.Locator(".mud-drawer a.mud-nav-link[href='/organisation/people']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(PortalPages.For("/organisation/people").Title(Text.English));
        await CheckPageAsync(page, "entra-director-people");

        // Signing out ends the portal session and the provider's, and comes back to the sign-in page.
        var endSessions = _portal.Oidc.EndSessionRequests;
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login" && url.StartsWith(Portal.BaseAddress.ToString(), StringComparison.Ordinal));
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(Text.Ui("Login.SignedOut", Text.English));
        Assert.Equal(endSessions + 1, _portal.Oidc.EndSessionRequests);
        await CheckPageAsync(page, "entra-signed-out");
        await page.GotoAsync("/");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("no-role")]
    [InlineData("unknown")]
    public async Task A_user_the_portal_refuses_lands_on_the_refusal_page_and_is_not_signed_in(string reason)
    {
        var employee = OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Employee);
        _portal.Oidc.NextUser = reason == "no-role"
            // A known person, but with an app role the mapping does not know.
            ? new OidcTestUser("oid-e2e-no-role", employee.Email, employee.Name, "Portal.Superuser")
            // A mapped role, but nobody in the portal has this e-mail (and unknown users are refused).
            : new OidcTestUser("oid-e2e-stranger", $"stranger.{Guid.NewGuid():N}@entra.example", "Stranger", "Portal.Employee");
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.GetByTestId("sign-in-entra").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin-refused" && url.StartsWith(Portal.BaseAddress.ToString(), StringComparison.Ordinal));
        var refused = page.GetByTestId("signin-refused");
        await Expect(refused).ToHaveAttributeAsync("data-reason", reason);
        await Expect(refused).ToHaveTextAsync(Text.Ui($"SignIn.Refused.{reason}", Text.English));
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Ui("SignIn.Refused.Title", Text.English));
        await CheckPageAsync(page, $"entra-refused-{reason}");

        await page.GotoAsync("/");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }
}
