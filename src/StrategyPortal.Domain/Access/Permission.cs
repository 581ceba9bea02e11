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

    /// <summary>List, download and preview scorecards (directors: all; managers: their own units).</summary>
    public const string ScorecardsRead = "scorecards.read";

    /// <summary>Close a quarter and issue its scorecards.</summary>
    public const string ScorecardsIssue = "scorecards.issue";
    /// <summary>Read the promise board and promise details (marketing, service managers, directors, administrators).</summary>
    public const string PromisesRead = "promises.read";

    /// <summary>Register and change promises; the service also demands that the user manages a marketing unit.</summary>
    public const string PromisesManage = "promises.manage";

    /// <summary>Read the capability register (employees: their own unit; managers: their units; directors and administrators: all).</summary>
    public const string CapabilitiesRead = "capabilities.read";

    /// <summary>Maintain the capabilities of one's own units.</summary>
    public const string CapabilitiesManage = "capabilities.manage";

    /// <summary>Open the signal inbox (scoped: service sees what its units logged, marketing what was forwarded).</summary>
    public const string SignalsRead = "signals.read";

    /// <summary>Log and forward service signals for one's own unit, and correct or withdraw them until they are forwarded.</summary>
    public const string SignalsLog = "signals.log";

    /// <summary>Acknowledge forwarded signals; the service also demands that the user manages a marketing unit.</summary>
    public const string SignalsAcknowledge = "signals.acknowledge";

    /// <summary>Browse the audit log (who changed what, with old and new values).</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Export everything the portal holds about a person, and erase a person.</summary>
    public const string PrivacyManage = "privacy.manage";

    /// <summary>Read the actions of one's units (employees: their own unit's) and the ones one owns; owners record check-ins.</summary>
    public const string ActionsRead = "actions.read";

    /// <summary>Start, change and follow up actions for one's units (directors: any unit), and see what is red without an action.</summary>
    public const string ActionsManage = "actions.manage";
    /// <summary>See the outgoing mail (queued, sent, failed) and send failed messages again.</summary>
    public const string MailManage = "mail.manage";

    public static IReadOnlyList<string> All { get; } =
    [
        OrganisationManage, PeopleRead, PeopleManage,
        StrategyChoose, StandardsRead, StandardsManage, ResultsRecord,
        EngagementAnswer, EngagementResults, EngagementSchedule, EngagementQuestions,
        CustomerScoresRead, CustomerScoresImport, ApiKeysManage,
        ScorecardsRead, ScorecardsIssue,
        PromisesRead, PromisesManage, CapabilitiesRead, CapabilitiesManage, SignalsRead, SignalsLog, SignalsAcknowledge,
        AuditRead, PrivacyManage,
        ActionsRead, ActionsManage,
        MailManage,
    ];
}

public static class RolePermissions
{
    private static readonly Dictionary<PortalRole, HashSet<string>> Grants = new()
    {
        [PortalRole.Employee] = [Permission.EngagementAnswer, Permission.CapabilitiesRead, Permission.SignalsRead, Permission.SignalsLog,
            Permission.ActionsRead],
        [PortalRole.Manager] = [Permission.PeopleRead, Permission.StandardsRead, Permission.StandardsManage, Permission.ResultsRecord,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.CustomerScoresRead,
            Permission.PromisesRead, Permission.PromisesManage, Permission.CapabilitiesRead, Permission.CapabilitiesManage,
            Permission.SignalsRead, Permission.SignalsLog, Permission.SignalsAcknowledge, Permission.ScorecardsRead,
            Permission.ActionsRead, Permission.ActionsManage],
        [PortalRole.Director] = [Permission.PeopleRead, Permission.StrategyChoose, Permission.StandardsRead,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.EngagementSchedule,
            Permission.CustomerScoresRead, Permission.CustomerScoresImport,
            Permission.PromisesRead, Permission.CapabilitiesRead, Permission.SignalsRead,
            Permission.ScorecardsRead, Permission.ScorecardsIssue, Permission.AuditRead,
            Permission.ActionsRead, Permission.ActionsManage],
        [PortalRole.Administrator] = [Permission.OrganisationManage, Permission.PeopleRead, Permission.PeopleManage,
            Permission.StrategyChoose, Permission.StandardsRead, Permission.StandardsManage,
            Permission.EngagementAnswer, Permission.EngagementResults, Permission.EngagementSchedule, Permission.EngagementQuestions,
            Permission.CustomerScoresRead, Permission.CustomerScoresImport, Permission.ApiKeysManage,
            Permission.PromisesRead, Permission.CapabilitiesRead, Permission.SignalsRead,
            Permission.AuditRead, Permission.PrivacyManage,
            Permission.ActionsRead, Permission.MailManage],
    };

    public static bool Allows(PortalRole role, string permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<string> For(PortalRole role) => Grants[role];
}
