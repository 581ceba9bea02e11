using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Organisation;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

using static StrategyPortal.E2ETests.Infrastructure.MudSelects;

namespace StrategyPortal.E2ETests.Journeys;

/// <summary>
/// Issue 8's "done when": every change made in a browser shows up in the audit log with old and new values.
/// An administrator changes a person's role, a manager changes a standard's target and records and corrects a
/// result, the marketing manager edits a promise; then the administrator finds each change on /audit through its
/// filters, with who, what and the old and new value. Directors may read the log, employees may not.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AuditJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    private static DemoAccount Account(PortalRole role, string unit) =>
        OrganisationDemoSeed.Accounts.First(a => a.Role == role && a.Unit == unit);

    private static readonly DemoAccount Administrator = Account(PortalRole.Administrator, "IT");
    private static readonly DemoAccount Director = Account(PortalRole.Director, "Directie");
    private static readonly DemoAccount ServiceManager = Account(PortalRole.Manager, "Klantenservice");
    private static readonly DemoAccount MarketingManager = Account(PortalRole.Manager, "Marketing");
    private static readonly DemoAccount Employee = Account(PortalRole.Employee, "Klantenservice");

    private const string StandardTitle = "Beloofde terugbelafspraken worden nagekomen";

    private static string Org(string key) => Text.Organisation(key, Text.English);

    private static string Ui(string key) => Text.Ui(key, Text.English);

    private static string A(string key) => Text.Access(key, Text.English);

    [Fact]
    public async Task Changes_made_in_the_browser_by_three_roles_show_up_in_the_audit_log_with_old_and_new_values()
    {
        var run = Guid.NewGuid().ToString("N")[..8];

        // 1. The administrator makes an employee of Logistiek a manager.
        var admin = await NewPageAsync();
        await SignInAsAsync(admin, Administrator.Email);
        await admin.GotoAsync("/organisation/people");
        await WaitForInteractiveAsync(admin);
        await ChooseAsync(admin, admin.GetByLabel(Org("People.Unit")), $"{OrganisationDemoSeed.CompanyName} / Logistiek");
        await ChooseAsync(admin, admin.GetByLabel(Ui("Common.Role")), Ui("Role.Employee"));
        var personRow = admin.GetByTestId("people-table").Locator("tbody tr.mud-table-row").First;
        await Expect(personRow).ToContainTextAsync("Logistiek");
        var personName = (await personRow.Locator("td").First.InnerTextAsync()).Trim();
        var privacyHref = await personRow.GetByRole(AriaRole.Link, new() { Name = $"{Org("People.PersonalData")} {personName}" }).GetAttributeAsync("href");
        var personId = PrivacyLink().Match(privacyHref!).Groups[1].Value;
        await personRow.GetByRole(AriaRole.Button, new() { Name = $"{Ui("Common.Edit")} {personName}", Exact = true }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await ChooseAsync(admin, dialog.GetByLabel(Ui("Common.Role")), Ui("Role.Manager"));
        await CheckPageAsync(admin, "person-role-change");
        await dialog.GetByTestId("save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync(Org("People.Saved"));

        // 2. The customer-service manager moves a standard's target and records, then corrects, this quarter's result.
        var manager = await NewPageAsync();
        await SignInAsAsync(manager, ServiceManager.Email);
        await manager.GotoAsync("/standards");
        await WaitForInteractiveAsync(manager);
        await manager.GetByTestId("filter-search").FillAsync(StandardTitle);
        await manager.GetByTestId("standard-link").Filter(new() { HasText = StandardTitle }).First.ClickAsync();
        await manager.WaitForURLAsync(StandardUrl());
        var standardId = StandardUrl().Match(manager.Url).Groups[1].Value;
        await WaitForInteractiveAsync(manager);
        await manager.GetByTestId("edit-standard").ClickAsync();
        var standardDialog = manager.GetByRole(AriaRole.Dialog);
        var targetField = standardDialog.GetByTestId("standard-target");
        await Expect(targetField).Not.ToHaveValueAsync("");
        var oldTarget = await targetField.InputValueAsync();
        var newTarget = double.Parse(oldTarget, CultureInfo.InvariantCulture) >= 50 ? "41" : "59";
        await targetField.FillAsync(newTarget);
        await CheckPageAsync(manager, "standard-target-change");
        await standardDialog.GetByTestId("save").ClickAsync();
        await Expect(standardDialog).ToHaveCountAsync(0);

        var quarter = Quarter.Of(DateTime.UtcNow).ToString();
        var resultRow = manager.GetByTestId($"result-{quarter}");
        const string firstResult = "37";
        const string correctedResult = "38";
        // The demo may already hold this quarter's result: then the first save is a correction of it.
        var previousResult = await RecordResultAsync(manager, resultRow, quarter, firstResult);
        await RecordResultAsync(manager, resultRow, quarter, correctedResult);
        await CheckPageAsync(manager, "standard-after-changes");

        // 3. The marketing manager renames a promise's campaign.
        var marketer = await NewPageAsync();
        await SignInAsAsync(marketer, MarketingManager.Email);
        await marketer.GotoAsync("/promises");
        await WaitForInteractiveAsync(marketer);
        await marketer.GetByTestId("promise-link").First.ClickAsync();
        await marketer.WaitForURLAsync(PromiseUrl());
        var promiseId = PromiseUrl().Match(marketer.Url).Groups[1].Value;
        await WaitForInteractiveAsync(marketer);
        await marketer.GetByTestId("edit-promise").ClickAsync();
        var promiseDialog = marketer.GetByRole(AriaRole.Dialog);
        var campaignField = promiseDialog.GetByTestId("promise-campaign");
        var oldCampaign = await campaignField.InputValueAsync();
        var newCampaign = $"Audit campaign {run}";
        await campaignField.FillAsync(newCampaign);
        await CheckPageAsync(marketer, "promise-campaign-change");
        await promiseDialog.GetByTestId("save").ClickAsync();
        await Expect(promiseDialog).ToHaveCountAsync(0);

        // 4. The administrator finds each change in the audit log.
        await admin.GotoAsync("/audit");
        await WaitForInteractiveAsync(admin);
        await Expect(admin.Locator("h1")).ToHaveTextAsync(A("Audit.Title"));
        await CheckPageAsync(admin, "audit-log");

        // The role change: filtered by kind and by who.
        await FilterAsync(admin, kind: "Person", actor: Administrator.Name);
        var roleEntry = Entry(admin, "Person", personId).First;
        await ExpectChangeAsync(roleEntry, Administrator.Name, "Role", nameof(PortalRole.Employee), nameof(PortalRole.Manager));
        await CheckPageAsync(admin, "audit-person-role");

        // The target: kind and who.
        await FilterAsync(admin, kind: "ServiceStandard", actor: ServiceManager.Name);
        await ExpectChangeAsync(Entry(admin, "ServiceStandard", standardId).First, ServiceManager.Name, "Target", oldTarget, newTarget);
        await CheckPageAsync(admin, "audit-standard-target");

        // The result: the first value (recorded, or a correction of the demo's value), then the correction, newest first.
        await FilterAsync(admin, kind: "StandardResult", actor: ServiceManager.Name);
        var resultEntries = admin.GetByTestId("audit-table").Locator("tbody tr.mud-table-row");
        await Expect(resultEntries).ToHaveCountAsync(2);
        await Expect(resultEntries.Nth(0)).ToContainTextAsync(A("Audit.Action.Changed"));
        await ExpectChangeAsync(resultEntries.Nth(0), ServiceManager.Name, "ActualValue", firstResult, correctedResult);
        await ExpectChangeAsync(resultEntries.Nth(1), ServiceManager.Name, "ActualValue", previousResult, firstResult);
        // Moments read as dates and times, not as the stored round-trip text.
        var recordedAt = resultEntries.Nth(0).GetByTestId("audit-diff").Locator("tbody tr")
            .Filter(new() { Has = admin.GetByRole(AriaRole.Rowheader, new() { Name = "RecordedAtUtc", Exact = true }) }).Locator(".audit-new");
        await Expect(recordedAt).ToHaveTextAsync(new Regex(@"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}\s?[AP]M$"));
        await CheckPageAsync(admin, "audit-standard-result");

        // The promise: found by the free text alone (its new campaign name), on a fresh page without the other filters.
        await admin.ReloadAsync();
        await WaitForInteractiveAsync(admin);
        await FilterAsync(admin, kind: null, actor: null, text: run);
        var promiseEntry = Entry(admin, "MarketingPromise", promiseId);
        await Expect(promiseEntry).ToHaveCountAsync(1);
        await ExpectChangeAsync(promiseEntry, MarketingManager.Name, "Campaign", oldCampaign, newCampaign);
        await CheckPageAsync(admin, "audit-promise-campaign");
    }

    [Fact]
    public async Task The_director_may_read_the_audit_log_and_an_employee_may_not()
    {
        var director = await NewPageAsync();
        await SignInAsAsync(director, Director.Email);
        await director.GotoAsync("/audit");
        await WaitForInteractiveAsync(director);
        await Expect(director.Locator("h1")).ToHaveTextAsync(A("Audit.Title"));
        await Expect(director.GetByTestId("audit-table").Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync();
        await CheckPageAsync(director, "director-audit");

        var employee = await NewPageAsync();
        await SignInAsAsync(employee, Employee.Email);
        await Expect(employee.GetByRole(AriaRole.Link, new() { Name = Ui("Nav.Audit") })).ToHaveCountAsync(0);
        await employee.GotoAsync("/audit");
        await WaitForInteractiveAsync(employee);
        await Expect(employee.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(employee.GetByTestId("audit-table")).ToHaveCountAsync(0);
        await CheckPageAsync(employee, "employee-audit-refused");
    }

    /// <summary>Records or corrects the quarter's result; returns the value the dialog showed before (null: none yet).</summary>
    private static async Task<string?> RecordResultAsync(IPage page, ILocator row, string quarter, string value)
    {
        await row.GetByTestId($"record-{quarter}").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var field = dialog.GetByTestId("result-value");
        await Expect(field).ToBeVisibleAsync();
        var previous = await field.InputValueAsync();
        await field.FillAsync(value);
        await dialog.GetByTestId("save-result").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("result-actual")).ToContainTextAsync(value);
        return previous.Length == 0 ? null : previous;
    }

    /// <summary>Sets the audit page's filters (kind null: left as it is) and waits for the table to reload.</summary>
    private static async Task FilterAsync(IPage page, string? kind, string? actor, string? text = null)
    {
        if (kind is not null) await ChooseAsync(page, page.GetByLabel(A("Audit.EntityType")), kind);
        await page.GetByTestId("audit-actor").FillAsync(actor ?? "");
        await page.GetByTestId("audit-search").FillAsync(text ?? "");
        // Debounced: wait until every row shown matches the filters.
        var rows = page.GetByTestId("audit-table").Locator("tbody tr.mud-table-row");
        if (kind is not null) await Expect(rows.Filter(new() { HasNotText = kind + " #" })).ToHaveCountAsync(0);
        if (actor is not null) await Expect(rows.Filter(new() { HasNotText = actor })).ToHaveCountAsync(0);
        if (text is not null) await Expect(rows.Filter(new() { HasNotText = text })).ToHaveCountAsync(0);
        await Expect(rows.First).ToBeVisibleAsync();
    }

    /// <summary>The audit rows about one entity, e.g. "Person #12".</summary>
    private static ILocator Entry(IPage page, string kind, string id) =>
        page.GetByTestId("audit-table").Locator("tbody tr.mud-table-row")
            .Filter(new() { Has = page.Locator("code", new() { HasTextRegex = new Regex($"^{Regex.Escape(kind)} #{Regex.Escape(id)}$") }) });

    /// <summary>The entry names who made it, and shows the field's old and new value (no old value: none shown).</summary>
    private static async Task ExpectChangeAsync(ILocator entry, string who, string field, string? oldValue, string newValue)
    {
        await Expect(entry).ToContainTextAsync(who);
        var change = entry.GetByTestId("audit-diff").Locator("tbody tr")
            .Filter(new() { Has = entry.Page.GetByRole(AriaRole.Rowheader, new() { Name = field, Exact = true }) });
        await Expect(change).ToHaveCountAsync(1);
        if (oldValue is null) await Expect(change.Locator(".audit-old")).ToHaveCountAsync(0);
        else await Expect(change.Locator(".audit-old")).ToHaveTextAsync(oldValue);
        await Expect(change.Locator(".audit-new")).ToHaveTextAsync(newValue);
    }


    [GeneratedRegex(@"/organisation/people/(\d+)/privacy$")]
    private static partial Regex PrivacyLink();

    [GeneratedRegex(@"/standards/(\d+)$")]
    private static partial Regex StandardUrl();

    [GeneratedRegex(@"/promises/(\d+)$")]
    private static partial Regex PromiseUrl();
}
