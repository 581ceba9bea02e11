namespace StrategyPortal.Domain.Access;

/// <summary>
/// Named permissions. Every page, endpoint and use case asks for one of these, never for a role,
/// so what a role may do is decided in one place: <see cref="RolePermissions"/>.
/// </summary>
public static class Permission
{
    public const string OrganisationManage = "organisation.manage";
    public const string PeopleRead = "people.read";
    public const string PeopleManage = "people.manage";
    public const string SettingsManage = "settings.manage";
    public const string StrategyChoose = "strategy.choose";
    public const string StandardsRead = "standards.read";
    public const string StandardsManage = "standards.manage";
    public const string ResultsRecord = "results.record";

    /// <summary>Answer the engagement pulses one is invited to.</summary>
    public const string EngagementAnswer = "engagement.answer";

    /// <summary>Read pulse results (managers: their units; directors and administrators: all), always above the anonymity thresholds.</summary>
    public const string EngagementResults = "engagement.results";

    /// <summary>Schedule pulses, stop them and send reminders.</summary>
    public const string EngagementSchedule = "engagement.schedule";

    /// <summary>Manage the question bank.</summary>
    public const string EngagementQuestions = "engagement.questions";
    public const string CustomerScoresRead = "customerscores.read";
    public const string CustomerScoresImport = "customerscores.import";
    public const string ApiKeysManage = "apikeys.manage";

    /// <summary>Browse the audit log (who changed what, with old and new values).</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Export everything the portal holds about a person, and erase a person.</summary>
    public const string PrivacyManage = "privacy.manage";

    public static IReadOnlyList<string> All { get; } =
    [
        OrganisationManage, PeopleRead, PeopleManage, SettingsManage,
        StrategyChoose, StandardsRead, StandardsManage, ResultsRecord,
        EngagementAnswer, EngagementResults, EngagementSchedule, EngagementQuestions,
        CustomerScoresRead, CustomerScoresImport, ApiKeysManage, AuditRead, PrivacyManage,
    ];
}

public static class RolePermissions
{
    private static readonly Dictionary<PortalRole, HashSet<string>> Grants = new()
    {
        [PortalRole.Employee] = [Permission.EngagementAnswer],
        [PortalRole.Manager] = [Permission.PeopleRead, Permission.StandardsRead, Permission.StandardsManage, Permission.ResultsRecord,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.CustomerScoresRead],
        [PortalRole.Director] = [Permission.PeopleRead, Permission.StrategyChoose, Permission.StandardsRead,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.EngagementSchedule,
            Permission.CustomerScoresRead, Permission.CustomerScoresImport, Permission.AuditRead],
        [PortalRole.Administrator] = [Permission.OrganisationManage, Permission.PeopleRead, Permission.PeopleManage, Permission.SettingsManage,
            Permission.StrategyChoose, Permission.StandardsRead, Permission.StandardsManage,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.EngagementSchedule, Permission.EngagementQuestions,
            Permission.CustomerScoresRead, Permission.CustomerScoresImport, Permission.ApiKeysManage,
            Permission.AuditRead, Permission.PrivacyManage],
    };

    public static bool Allows(PortalRole role, string permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<string> For(PortalRole role) => Grants[role];
}
