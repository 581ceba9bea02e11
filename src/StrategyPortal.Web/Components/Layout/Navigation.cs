using MudBlazor;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Web.Components.Layout;

/// <summary>One entry of the side navigation. <see cref="Permission"/> null: every signed-in user.</summary>
public sealed record NavItem(string Href, string LabelKey, string Icon, string? Permission, bool ExactMatch = false);

/// <summary>The side navigation in one list, so the menu, its tests and the permission matrix read the same data.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("/", "Nav.Home", Icons.Material.Filled.Dashboard, null, ExactMatch: true),
        new("/my-standards", "Nav.MyStandards", Icons.Material.Filled.Flag, null),
        new("/strategy", "Nav.Strategy", Icons.Material.Filled.Explore, Permission.StandardsRead),
        new("/standards", "Nav.Standards", Icons.Material.Filled.Rule, Permission.StandardsRead),
        new("/results/import", "Nav.ImportResults", Icons.Material.Filled.UploadFile, Permission.ResultsRecord),
        new("/organisation/units", "Nav.Units", Icons.Material.Filled.AccountTree, Permission.OrganisationManage),
        new("/organisation/people", "Nav.People", Icons.Material.Filled.People, Permission.PeopleRead),
        new("/organisation/people/import", "Nav.PeopleImport", Icons.Material.Filled.GroupAdd, Permission.PeopleManage),
        new("/pulses", "Nav.MyPulses", Icons.Material.Filled.HowToVote, Permission.EngagementAnswer),
        new("/engagement/results", "Nav.EngagementResults", Icons.Material.Filled.Insights, Permission.EngagementResults),
        new("/engagement/pulses", "Nav.Pulses", Icons.Material.Filled.EventRepeat, Permission.EngagementSchedule),
        new("/engagement/questions", "Nav.Questions", Icons.Material.Filled.Quiz, Permission.EngagementQuestions),
        new("/customer-scores", "Nav.CustomerScores", Icons.Material.Filled.SentimentSatisfiedAlt, Permission.CustomerScoresRead, ExactMatch: true),
        new("/customer-scores/engagement", "Nav.EngagementCustomer", Icons.Material.Filled.ScatterPlot, Permission.CustomerScoresRead),
        new("/customer-scores/import", "Nav.CustomerScoreImport", Icons.Material.Filled.UploadFile, Permission.CustomerScoresImport),
        new("/scorecards", "Nav.Scorecards", Icons.Material.Filled.PictureAsPdf, Permission.ScorecardsRead),
        new("/promises", "Nav.Promises", Icons.Material.Filled.Campaign, Permission.PromisesRead),
        new("/capabilities", "Nav.Capabilities", Icons.Material.Filled.Engineering, Permission.CapabilitiesRead),
        new("/signals", "Nav.Signals", Icons.Material.Filled.Forum, Permission.SignalsRead),
        new("/actions", "Nav.Actions", Icons.Material.Filled.TaskAlt, Permission.ActionsRead, ExactMatch: true),
        new("/actions/unowned", "Nav.Unowned", Icons.Material.Filled.ReportProblem, Permission.ActionsManage),
        new("/admin/api-keys", "Nav.ApiKeys", Icons.Material.Filled.VpnKey, Permission.ApiKeysManage),
        new("/audit", "Nav.Audit", Icons.Material.Filled.History, Permission.AuditRead),
        new("/admin/mail", "Nav.Mail", Icons.Material.Filled.Outbox, Permission.MailManage),
        new("/account/notices", "Nav.Notices", Icons.Material.Filled.MarkEmailRead, null),
    ];

    public static IEnumerable<NavItem> For(Func<string, bool> has) =>
        Items.Where(i => i.Permission is null || has(i.Permission));
}
