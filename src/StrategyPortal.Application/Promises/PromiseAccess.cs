using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Promises;

/// <summary>Which units a user acts for in the promises feature: marketing units for promises, service units for signals.</summary>
internal static class PromiseAccess
{
    /// <summary>The active marketing units in the user's scope (a marketing manager has at least one).</summary>
    public static async Task<IReadOnlyList<OrgUnit>> MarketingUnitsAsync(IPortalDb db, UnitScope scope, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Kind == OrgUnitKind.Marketing).ToListAsync(cancellationToken);
        return units.Where(u => !scope.All && scope.Includes(u.Id)).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The active customer-service units in the user's scope, where signals are logged.</summary>
    public static async Task<IReadOnlyList<OrgUnit>> ServiceUnitsAsync(IPortalDb db, UnitScope scope, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Kind == OrgUnitKind.CustomerService).ToListAsync(cancellationToken);
        return units.Where(u => !scope.All && scope.Includes(u.Id)).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Active standards as choices, "Unit — Title": what a capability is measured by and a promise can require to be green.</summary>
    public static async Task<IReadOnlyList<OptionItem>> ActiveStandardOptionsAsync(IPortalDb db, CancellationToken cancellationToken) =>
        await db.ServiceStandards.AsNoTracking().Where(s => s.Status == StandardStatus.Active)
            .Join(db.OrgUnits, s => s.OwnerUnitId, u => u.Id, (s, u) => new { s.Id, s.Title, Unit = u.Name })
            .OrderBy(x => x.Unit).ThenBy(x => x.Title).Select(x => new OptionItem(x.Id, x.Unit + " — " + x.Title)).ToListAsync(cancellationToken);
}
