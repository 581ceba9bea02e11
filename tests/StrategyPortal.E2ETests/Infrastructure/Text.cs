using System.Globalization;
using System.Resources;
using StrategyPortal.Application.Localization;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Localization;
using StrategyPortal.Web.Organisation;
using StrategyPortal.Web.Standards;
using StrategyPortal.Web.Strategy;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// The app's own resource strings, so journeys expect exactly what a reader sees in each language.
/// A missing key fails loudly instead of comparing against null.
/// </summary>
public static class Text
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");

    private static readonly ResourceManager UiStrings = new(typeof(Ui));
    private static readonly ResourceManager OrganisationStrings = new(typeof(OrganisationText));
    private static readonly ResourceManager MessageStrings = new(typeof(Messages));
    private static readonly ResourceManager StandardsStrings = new(typeof(StandardsText));
    private static readonly ResourceManager StrategyStrings = new(typeof(StrategyText));
    private static readonly ResourceManager CustomerScoreStrings = new(typeof(CustomerScoresText));
    private static readonly ResourceManager PromiseStrings = new(typeof(StrategyPortal.Web.Promises.PromisesText));
    private static readonly ResourceManager EngagementStrings = new(typeof(StrategyPortal.Web.Engagement.EngagementText));
    private static readonly ResourceManager AccessStrings = new(typeof(StrategyPortal.Web.Access.AccessText));
    private static readonly ResourceManager ScorecardStrings = new(typeof(StrategyPortal.Web.Scorecards.ScorecardsPageText));
    private static readonly ResourceManager ActionStrings = new(typeof(StrategyPortal.Web.Actions.ActionsText));
    private static readonly ResourceManager NotificationStrings = new(typeof(StrategyPortal.Web.Notifications.NotificationsText));
    private static readonly ResourceManager HomeStrings = new(typeof(StrategyPortal.Web.Home.HomeText));
    private static readonly ResourceManager MailStrings = new(typeof(StrategyPortal.Application.Notifications.MailText));
    private static readonly ResourceManager PeopleStrings = new(typeof(StrategyPortal.Web.People.PeopleText));

    public static string Ui(string key, CultureInfo culture) => Get(UiStrings, key, culture);

    public static string Organisation(string key, CultureInfo culture) => Get(OrganisationStrings, key, culture);

    public static string Message(string key, CultureInfo culture) => Get(MessageStrings, key, culture);

    public static string Standards(string key, CultureInfo culture) => Get(StandardsStrings, key, culture);

    public static string Strategy(string key, CultureInfo culture) => Get(StrategyStrings, key, culture);
    public static string CustomerScores(string key, CultureInfo culture) => Get(CustomerScoreStrings, key, culture);
    public static string Promises(string key, CultureInfo culture) => Get(PromiseStrings, key, culture);

    public static string Engagement(string key, CultureInfo culture) => Get(EngagementStrings, key, culture);

    public static string Scorecards(string key, CultureInfo culture) => Get(ScorecardStrings, key, culture);

    public static string Access(string key, CultureInfo culture) => Get(AccessStrings, key, culture);

    public static string Actions(string key, CultureInfo culture) => Get(ActionStrings, key, culture);
    public static string Notifications(string key, CultureInfo culture) => Get(NotificationStrings, key, culture);

    public static string Home(string key, CultureInfo culture) => Get(HomeStrings, key, culture);

    public static string Mail(string key, CultureInfo culture) => Get(MailStrings, key, culture);
    public static string People(string key, CultureInfo culture) => Get(PeopleStrings, key, culture);

    private static string Get(ResourceManager resources, string key, CultureInfo culture) =>
        resources.GetString(key, culture) ?? throw new InvalidOperationException($"Resource key '{key}' is missing from {resources.BaseName}.");
}
