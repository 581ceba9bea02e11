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

    public static IReadOnlyList<string> All { get; } =
    [
        OrganisationManage, PeopleRead, PeopleManage, SettingsManage,
    ];
}

public static class RolePermissions
{
    private static readonly Dictionary<PortalRole, HashSet<string>> Grants = new()
    {
        [PortalRole.Employee] = [],
        [PortalRole.Manager] = [Permission.PeopleRead],
        [PortalRole.Director] = [Permission.PeopleRead],
        [PortalRole.Administrator] = [Permission.OrganisationManage, Permission.PeopleRead, Permission.PeopleManage, Permission.SettingsManage],
    };

    public static bool Allows(PortalRole role, string permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<string> For(PortalRole role) => Grants[role];
}
