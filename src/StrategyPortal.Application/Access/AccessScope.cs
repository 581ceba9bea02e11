using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Access;

/// <summary>
/// Which org units a user may see. Directors and administrators: all. Managers: where people report to them (a
/// people file or SCIM gives the reporting line), their own unit and the units of everyone who reports to them;
/// otherwise their own unit and everything below it (<see cref="ReportingLines.ManagerUnits"/>). Employees: their own unit.
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
        return new UnitScope(false, ReportingLines.ManagerUnits(unitId, await UnitsOfReportsAsync(db, user.PersonId!.Value, cancellationToken), tree));
    }

    /// <summary>The units of the active people who report to the manager, directly or through others (one query per level).</summary>
    private static async Task<IReadOnlyCollection<int>> UnitsOfReportsAsync(IPortalDb db, int managerId, CancellationToken cancellationToken)
    {
        var units = new HashSet<int>();
        var seen = new HashSet<int> { managerId };
        var level = new List<int> { managerId };
        while (level.Count > 0)
        {
            var reports = await db.People.AsNoTracking().Where(p => p.ManagerId != null && level.Contains(p.ManagerId.Value) && p.IsActive)
                .Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(cancellationToken);
            units.UnionWith(reports.Select(r => r.OrgUnitId));
            level = reports.Select(r => r.Id).Where(seen.Add).ToList();
        }
        return units;
    }
}

public sealed record UnitScope(bool All, IReadOnlySet<int> UnitIds)
{
    public static UnitScope Everything { get; } = new(true, new HashSet<int>());
    public static UnitScope None { get; } = new(false, new HashSet<int>());

    public bool Includes(int unitId) => All || UnitIds.Contains(unitId);
}
