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
    public const string CustomerScoresRead = "customerscores.read";
    public const string CustomerScoresImport = "customerscores.import";
    public const string ApiKeysManage = "apikeys.manage";

    public static IReadOnlyList<string> All { get; } =
    [
        OrganisationManage, PeopleRead, PeopleManage, SettingsManage,
        CustomerScoresRead, CustomerScoresImport, ApiKeysManage,
    ];
}

public static class RolePermissions
{
    private static readonly Dictionary<PortalRole, HashSet<string>> Grants = new()
    {
        [PortalRole.Employee] = [],
        [PortalRole.Manager] = [Permission.PeopleRead, Permission.CustomerScoresRead],
        [PortalRole.Director] = [Permission.PeopleRead, Permission.CustomerScoresRead, Permission.CustomerScoresImport],
        [PortalRole.Administrator] = [Permission.OrganisationManage, Permission.PeopleRead, Permission.PeopleManage, Permission.SettingsManage,
            Permission.CustomerScoresRead, Permission.CustomerScoresImport, Permission.ApiKeysManage],
    };

    public static bool Allows(PortalRole role, string permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<string> For(PortalRole role) => Grants[role];
}
