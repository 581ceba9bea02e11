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

    public static IReadOnlyList<string> All { get; } =
    [
        OrganisationManage, PeopleRead, PeopleManage, SettingsManage,
        StrategyChoose, StandardsRead, StandardsManage, ResultsRecord,
    ];
}

public static class RolePermissions
{
    private static readonly Dictionary<PortalRole, HashSet<string>> Grants = new()
    {
        [PortalRole.Employee] = [],
        [PortalRole.Manager] = [Permission.PeopleRead, Permission.StandardsRead, Permission.StandardsManage, Permission.ResultsRecord],
        [PortalRole.Director] = [Permission.PeopleRead, Permission.StrategyChoose, Permission.StandardsRead],
        [PortalRole.Administrator] = [Permission.OrganisationManage, Permission.PeopleRead, Permission.PeopleManage, Permission.SettingsManage,
            Permission.StrategyChoose, Permission.StandardsRead, Permission.StandardsManage],
    };

    public static bool Allows(PortalRole role, string permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<string> For(PortalRole role) => Grants[role];
}
