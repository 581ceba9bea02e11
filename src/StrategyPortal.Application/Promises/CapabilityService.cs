using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Promises;

/// <summary>
/// The capability register: what service-side units can deliver. Managers maintain the capabilities of their own units;
/// managers, directors and administrators read all of them (marketing must see what service can keep); an employee
/// reads only the capabilities of their own unit.
/// </summary>
public sealed class CapabilityService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    PromiseCheckRunner runner,
    IValidator<CapabilityInput> validator,
    MessageText text)
{
    public async Task<IReadOnlyList<CapabilityRow>> ListAsync(CapabilityArea? area = null, int? unitId = null, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var query = db.Capabilities.AsNoTracking();
        if (user.Role == PortalRole.Employee) query = query.Where(c => c.OwnerUnitId == user.OrgUnitId);
        if (area is { } a) query = query.Where(c => c.Area == a);
        if (unitId is { } u) query = query.Where(c => c.OwnerUnitId == u);
        var capabilities = await query.ToListAsync(cancellationToken);
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
        var leaning = await db.PromiseRequirements.AsNoTracking()
            .Join(db.MarketingPromises, r => r.PromiseId, p => p.Id, (r, p) => new { r.CapabilityId, p.Id, p.Claim })
            .ToListAsync(cancellationToken);
        return capabilities
            .Select(c => new CapabilityRow(c.Id, c.Name, c.Area, c.OwnerUnitId, unitNames.GetValueOrDefault(c.OwnerUnitId, string.Empty), c.Description,
                c.Maturity, c.Evidence, c.Channels, c.HoursText, c.CapacityPerDay, c.StandardIds, c.Version,
                CanEdit(user, scope, c.OwnerUnitId),
                leaning.Where(l => l.CapabilityId == c.Id).Select(l => new PromiseRef(l.Id, l.Claim)).DistinctBy(p => p.Id).ToList()))
            .OrderBy(c => c.Area).ThenBy(c => c.OwnerUnitName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The units the reader may own capabilities for.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetManageableUnitsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesManage);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        return OrganisationService.TreeOrder(units, new Dictionary<int, int>(), scope, includeInactive: false)
            .Where(u => scope.Includes(u.Id)).Select(u => new OptionItem(u.Id, u.Path)).ToList();
    }

    /// <summary>Active standards a capability can be measured by.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetStandardOptionsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesRead);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await PromiseAccess.ActiveStandardOptionsAsync(db, cancellationToken);
    }

    public async Task<int> CreateAsync(CapabilityInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesManage);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        if (!CanEdit(user, scope, input.OwnerUnitId)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await EnsureActiveUnitAsync(db, input.OwnerUnitId, cancellationToken);
        var hours = ServiceHours.Parse(input.Hours);
        Capability capability;
        try
        {
            capability = new Capability(input.OwnerUnitId, input.Name, input.Area, input.Description, input.Maturity, input.Evidence, input.Channels, hours,
                input.CapacityPerDay, await ExistingStandardsAsync(db, input, cancellationToken));
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.Capabilities.Add(capability);
        await db.SaveChangesAsync(cancellationToken);
        return capability.Id;
    }

    public async Task UpdateAsync(CapabilityInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesManage);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var capability = await db.Capabilities.FirstOrDefaultAsync(c => c.Id == input.Id, cancellationToken) ?? throw new NotFoundException("Capability", input.Id);
        if (!CanEdit(user, scope, capability.OwnerUnitId) || !CanEdit(user, scope, input.OwnerUnitId)) throw new ForbiddenException();
        if (input.OwnerUnitId != capability.OwnerUnitId) await EnsureActiveUnitAsync(db, input.OwnerUnitId, cancellationToken);
        var hours = ServiceHours.Parse(input.Hours);
        db.ExpectVersion(capability, input.Version);
        try
        {
            capability.Update(input.OwnerUnitId, input.Name, input.Area, input.Description, input.Maturity, input.Evidence, input.Channels, hours,
                input.CapacityPerDay, await ExistingStandardsAsync(db, input, cancellationToken));
        }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveOrConflictAsync(text["conflict.capability"], ct);
            await runner.RefreshCapabilityAsync(db, capability.Id, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Deletes a capability no promise leans on; otherwise refuses and names the promises.</summary>
    public async Task DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CapabilitiesManage);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var capability = await db.Capabilities.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Capability", id);
        if (!CanEdit(user, scope, capability.OwnerUnitId)) throw new ForbiddenException();
        var claims = await db.PromiseRequirements.AsNoTracking().Where(r => r.CapabilityId == id)
            .Join(db.MarketingPromises, r => r.PromiseId, p => p.Id, (r, p) => p.Claim).Distinct().ToListAsync(cancellationToken);
        if (claims.Count > 0)
            throw new ValidationFailedException("", text.Format("capability.in-use", string.Join("; ", claims.Order(StringComparer.CurrentCultureIgnoreCase).Select(c => $"“{c}”"))));
        db.ExpectVersion(capability, version);
        db.Capabilities.Remove(capability);
        await db.SaveOrConflictAsync(text["conflict.capability"], cancellationToken);
    }

    private static bool CanEdit(UserContext user, UnitScope scope, int unitId) =>
        user.Can(Permission.CapabilitiesManage) && scope.Includes(unitId);

    private async Task EnsureActiveUnitAsync(IPortalDb db, int unitId, CancellationToken cancellationToken)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == unitId && u.IsActive, cancellationToken))
            throw text.Invalid<CapabilityInput>(c => c.OwnerUnitId, "capability.unit-invalid");
    }

    private static async Task<List<int>> ExistingStandardsAsync(IPortalDb db, CapabilityInput input, CancellationToken cancellationToken)
    {
        var ids = input.StandardIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.ServiceStandards.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
    }
}
