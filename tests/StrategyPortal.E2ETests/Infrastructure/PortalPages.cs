using System.Globalization;
using Xunit.Sdk;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// What the journeys expect of each page in the navigation (<c>Navigation.Items</c>): its title (the <c>h1</c> and the
/// browser title) and, when it loads data after the first render, an element that shows it has loaded.
/// A feature that adds a navigation entry adds its page here; the role journeys fail until it does.
/// </summary>
public static class PortalPages
{
    /// <param name="Static">A plain server-rendered page (no circuit, no MudBlazor menu): journeys open it by address.</param>
    public sealed record PortalPage(string Href, Func<CultureInfo, string> Title, string? ReadySelector = null, bool Static = false);

    private static readonly Dictionary<string, PortalPage> ByHref = new[]
    {
        new PortalPage("/", c => Text.Ui("Home.Title", c), "[data-testid=welcome]"),
        new PortalPage("/organisation/units", c => Text.Organisation("Units.Title", c), "[data-testid=units-table] tbody tr"),
        new PortalPage("/organisation/people", c => Text.Organisation("People.Title", c), "[data-testid=people-table] tbody tr"),
        new PortalPage("/organisation/people/import", c => Text.People("Import.Title", c), "[data-testid=choose-file]"),
        new PortalPage("/my-standards", c => Text.Standards("My.Title", c), "[data-testid=my-unit]"),
        new PortalPage("/strategy", c => Text.Strategy("Strategy.Title", c), "[data-testid=coverage]"),
        new PortalPage("/standards", c => Text.Standards("List.Title", c), "[data-testid=standards-table] tbody tr"),
        new PortalPage("/results/import", c => Text.Standards("Import.Title", c), "[data-testid=choose-file]"),
        new PortalPage("/pulses", c => Text.Engagement("MyPulses.Title", c), "[data-testid=open-pulses], [data-testid=no-open-pulses]", Static: true),
        new PortalPage("/engagement/results", c => Text.Engagement("Results.Title", c), "[data-testid=round-select], [data-testid=no-rounds]"),
        new PortalPage("/engagement/pulses", c => Text.Engagement("Schedule.Title", c), "[data-testid=pulse], [data-testid=no-pulses]"),
        new PortalPage("/engagement/questions", c => Text.Engagement("Questions.Title", c), "[data-testid=questions-table]"),
        new PortalPage("/promises", c => Text.Promises("Board.Title", c), "[data-testid=promise-board] tbody tr"),
        new PortalPage("/capabilities", c => Text.Promises("Register.Title", c), "[data-testid=capabilities] tbody tr"),
        new PortalPage("/signals", c => Text.Promises("Inbox.Title", c), "[data-testid=signal-inbox] tbody tr"),
        new PortalPage("/customer-scores", c => Text.CustomerScores("Scores.Title", c), "[data-testid=trend-table] tbody tr"),
        new PortalPage("/customer-scores/engagement", c => Text.CustomerScores("Engagement.Title", c), "[data-testid=engagement-empty], [data-testid=correlation]"),
        new PortalPage("/customer-scores/import", c => Text.CustomerScores("Import.Title", c), "[data-testid=choose-file]"),
        new PortalPage("/scorecards", c => Text.Scorecards("Title", c), "[data-testid=scorecards-empty], [data-testid=scorecards-table]"),
        new PortalPage("/actions", c => Text.Actions("List.Title", c), "[data-testid=actions-table] tbody tr"),
        new PortalPage("/actions/unowned", c => Text.Actions("Unowned.Title", c), "[data-testid=unowned-table], [data-testid=unowned-empty]"),
        new PortalPage("/audit", c => Text.Access("Audit.Title", c), "[data-testid=audit-table] tbody tr, [data-testid=audit-empty]"),
        new PortalPage("/admin/api-keys", c => Text.Ui("ApiKeys.Title", c), "[data-testid=keys-empty], [data-testid=keys-table]"),
        new PortalPage("/admin/mail", c => Text.Notifications("Mail.Title", c), "[data-testid=mail-status], [data-testid=mail-empty]"),
        new PortalPage("/account/notices", c => Text.Notifications("Settings.Title", c), "[data-testid=settings-save]"),
    }.ToDictionary(p => p.Href, StringComparer.Ordinal);

    public static PortalPage For(string href) =>
        ByHref.TryGetValue(href, out var page)
            ? page
            : throw new XunitException($"The navigation links to '{href}', but the browser tests do not know that page. Add it to {nameof(PortalPages)}.");
}
