using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private static string EmployeeEmail => OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Employee).Email;

    [Fact]
    public async Task Sign_in_page_lists_demo_accounts_switches_language_and_refuses_a_wrong_password()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Ui("Login.Title", Text.English));
        await Expect(page.GetByTestId("demo-banner")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("demo-accounts").Locator("tbody tr")).ToHaveCountAsync(OrganisationDemoSeed.Accounts.Count);
        await Expect(page.GetByTestId("demo-password")).ToHaveTextAsync(Portal.DemoPassword);
        await CheckPageAsync(page, "sign-in");

        await page.GetByTestId("lang-nl").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Ui("Login.Title", Text.Dutch));
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync(Text.Ui("Login.Password", Text.Dutch));
        await CheckPageAsync(page, "sign-in-nl");
        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.Ui("Login.Title", Text.English));

        await page.Locator("#email").FillAsync(EmployeeEmail);
        await page.Locator("#password").FillAsync("not-the-password-1");
        await page.GetByTestId("sign-in").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(Text.Ui("Login.Failed", Text.English));
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#email")).ToHaveValueAsync(EmployeeEmail);
        await CheckPageAsync(page, "sign-in-wrong-password");
    }

    [Fact]
    public async Task The_language_a_user_chooses_follows_them_to_another_browser()
    {
        var director = OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Director).Email;
        var first = await NewPageAsync();
        await SignInAsAsync(first, director);
        await Expect(first.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await first.GetByRole(AriaRole.Button, new() { Name = Text.Ui("Layout.Language", Text.English), Exact = true }).ClickAsync();
        await first.GetByTestId("lang-nl").ClickAsync();
        await Expect(first.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        // A fresh browser asking for English: the account's choice wins once signed in.
        var second = await NewPageAsync();
        await SignInAsAsync(second, director);
        await Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(second.Locator("h1")).ToHaveTextAsync(Text.Ui("Home.Title", Text.Dutch));
        await Expect(second.GetByTestId("sign-out")).ToContainTextAsync(Text.Ui("Layout.SignOut", Text.Dutch), new() { IgnoreCase = true });
    }

    [Fact]
    public async Task Employee_opening_the_units_page_is_told_access_is_denied()
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, EmployeeEmail);

        await page.GotoAsync("/organisation/units");
        await WaitForInteractiveAsync(page);

        var denied = page.GetByTestId("access-denied");
        await Expect(denied).ToBeVisibleAsync();
        await Expect(denied.Locator("h1")).ToHaveTextAsync(Text.Ui("Access.DeniedTitle", Text.English));
        await Expect(page.GetByTestId("units-table")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "employee-units-denied");
    }
}
