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

/// <summary>
/// Reads who a person is for <see cref="ICurrentUser"/> (Infrastructure). It reads past <see cref="Common.IPortalDbFactory"/>,
/// which itself asks <see cref="ICurrentUser"/> who acts.
/// </summary>
public interface IUserContextSource
{
    /// <summary>The person as a user context; <see cref="UserContext.Anonymous"/> when they do not exist or are deactivated.</summary>
    Task<UserContext> ForPersonAsync(int personId, CancellationToken cancellationToken = default);
}
