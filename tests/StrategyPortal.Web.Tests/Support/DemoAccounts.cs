namespace StrategyPortal.Web.Tests.Support;

public static class DemoAccounts
{
    public const string Administrator = "beheerder@noordlicht.example";
    public const string Director = "directeur@noordlicht.example";
    public const string CustomerServiceManager = "manager.klantenservice@noordlicht.example";
    public const string MarketingManager = "manager.marketing@noordlicht.example";
    public const string Employee = "medewerker@noordlicht.example";
}
