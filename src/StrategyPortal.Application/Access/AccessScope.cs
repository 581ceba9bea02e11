using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Access;

/// <summary>
/// Which org units a user may see. Directors and administrators: all. Managers: their own unit
/// and everything below it. Employees: their own unit.
/// </summary>
public sealed class AccessScope(IPortalDbFactory dbFactory)
{
    public async Task<UnitScope> ForAsync(UserContext user, CancellationToken cancellationToken = default)
    {
        if (!user.IsAuthenticated) return UnitScope.None;
        if (user.Role is PortalRole.Director or PortalRole.Administrator) return UnitScope.Everything;
        if (user.OrgUnitId is not { } unitId) return UnitScope.None;
        if (user.Role is PortalRole.Employee) return new UnitScope(false, new HashSet<int> { unitId });

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        return new UnitScope(false, tree.SubtreeOf(unitId).ToHashSet());
    }
}

public sealed record UnitScope(bool All, IReadOnlySet<int> UnitIds)
{
    public static UnitScope Everything { get; } = new(true, new HashSet<int>());
    public static UnitScope None { get; } = new(false, new HashSet<int>());

    public bool Includes(int unitId) => All || UnitIds.Contains(unitId);
}
