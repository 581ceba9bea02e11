using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

using static StrategyPortal.E2ETests.Infrastructure.MudSelects;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>An administrator builds the organisation: a unit through its dialog, a person in it, and a refused e-mail address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private static string AdministratorEmail => OrganisationDemoSeed.Accounts.First(a => a.Role == PortalRole.Administrator).Email;

    private static string T(string key) => Text.Organisation(key, Text.English);

    private static string Ui(string key) => Text.Ui(key, Text.English);

    [Fact]
    public async Task Administrator_creates_a_unit_adds_a_person_to_it_and_finds_them()
    {
        const string unitName = "Chatteam";
        const string personName = "Noor Testers";
        const string personEmail = "noor.testers@noordlicht.example";
        var page = await NewPageAsync();
        await SignInAsAsync(page, AdministratorEmail);

        await page.GotoAsync("/organisation/units");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("units-table").Locator("tbody tr", new() { HasText = unitName })).ToHaveCountAsync(0);
        await page.GetByTestId("add-unit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(T("Units.Add"));
        await dialog.GetByLabel(Ui("Common.Name")).FillAsync(unitName);
        await ChooseAsync(page, dialog.GetByLabel(T("Units.Kind")), T("Kind.CustomerService"));
        await CheckPageAsync(page, "unit-dialog");
        await dialog.GetByTestId("save").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(T("Units.Saved"));
        var unitRow = page.GetByTestId("units-table").Locator("tbody tr", new() { HasText = unitName });
        await Expect(unitRow).ToHaveCountAsync(1);
        await Expect(unitRow).ToContainTextAsync(T("Kind.CustomerService"));
        await CheckPageAsync(page, "units-after-create");

        await page.GotoAsync("/organisation/people");
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("add-person").ClickAsync();
        await Expect(dialog).ToContainTextAsync(T("People.Add"));
        await dialog.GetByLabel(Ui("Common.Name")).FillAsync(personName);
        await dialog.GetByLabel(T("People.Email")).FillAsync(personEmail);
        await ChooseAsync(page, dialog.GetByLabel(T("People.Unit")), $"{OrganisationDemoSeed.CompanyName} / {unitName}");
        await CheckPageAsync(page, "person-dialog");
        await dialog.GetByTestId("save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(T("People.Saved"));

        await page.GetByLabel(Ui("Common.Search")).FillAsync("noor test");
        var rows = page.GetByTestId("people-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(personName);
        await Expect(rows).ToContainTextAsync(personEmail);
        await Expect(rows).ToContainTextAsync(unitName);
        await CheckPageAsync(page, "people-search");

        // The unit now counts its new member.
        await page.GotoAsync("/organisation/units");
        await WaitForInteractiveAsync(page);
        await Expect(unitRow.Locator("td").Nth(2)).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Saving_a_person_with_an_invalid_email_shows_the_message_and_keeps_the_input()
    {
        const string personName = "Iris Ongeldig";
        const string badEmail = "not-an-email";
        var page = await NewPageAsync();
        await SignInAsAsync(page, AdministratorEmail);
        await page.GotoAsync("/organisation/people");
        await WaitForInteractiveAsync(page);

        await page.GetByTestId("add-person").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var name = dialog.GetByLabel(Ui("Common.Name"));
        var email = dialog.GetByLabel(T("People.Email"));
        await name.FillAsync(personName);
        await email.FillAsync(badEmail);
        await dialog.GetByTestId("save").ClickAsync();

        await Expect(dialog.GetByText(Text.Message("person.email-invalid", Text.English))).ToBeVisibleAsync();
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveValueAsync(badEmail);
        await Expect(name).ToHaveValueAsync(personName);
        await CheckPageAsync(page, "person-dialog-invalid-email");

        await dialog.GetByRole(AriaRole.Button, new() { Name = Ui("Common.Cancel") }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await page.GetByLabel(Ui("Common.Search")).FillAsync(personName);
        await Expect(page.GetByTestId("people-empty")).ToHaveTextAsync(T("People.Empty"));
    }
}
