using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Access;

/// <summary>Who is asking: read fresh from the database per scope, so a deactivated person or a changed role counts at once.</summary>
public sealed record UserContext(int? PersonId, string? Name, PortalRole? Role, int? OrgUnitId)
{
    public static UserContext Anonymous { get; } = new(null, null, null, null);

    public bool IsAuthenticated => PersonId is not null && Role is not null;

    public bool Can(string permission) => Role is { } role && RolePermissions.Allows(role, permission);

    public void Demand(string permission)
    {
        if (!Can(permission)) throw new Common.ForbiddenException();
    }
}

public interface ICurrentUser
{
    Task<UserContext> GetAsync(CancellationToken cancellationToken = default);
}
