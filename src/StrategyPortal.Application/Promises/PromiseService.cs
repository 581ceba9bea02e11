using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Promises;

/// <summary>
/// Marketing promises and their check (SERVQUAL gap 4): the board, a promise's detail and history, registering and
/// changing promises. Managers of marketing units edit the promises of their units; marketing, service managers,
/// directors and administrators read the board.
/// </summary>
public sealed class PromiseService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    PromiseCheckRunner runner,
    PromiseReasonText reasons,
    IValidator<PromiseInput> validator,
    MessageText text)
{
    public Quarter CurrentQuarter => runner.CurrentQuarter;

    public async Task<PromiseBoard> GetBoardAsync(PromiseBoardQuery query, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesRead);
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var today = runner.Today;
        var all = await db.MarketingPromises.AsNoTracking().OrderBy(p => p.LiveFrom).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var campaigns = all.Select(p => p.Campaign).Where(c => c.Length > 0).Distinct().Order(StringComparer.CurrentCultureIgnoreCase).ToList();
        var rows = await RowsAsync(db, all.Where(p => query.IncludeEnded || p.LiveTo is null || p.LiveTo >= today).ToList(), cancellationToken);
        var counted = rows;
        if (query.Channel is { } channel) rows = rows.Where(r => r.Channels.Contains(channel)).ToList();
        if (!string.IsNullOrWhiteSpace(query.Campaign)) rows = rows.Where(r => string.Equals(r.Campaign, query.Campaign, StringComparison.CurrentCultureIgnoreCase)).ToList();
        var filtered = query.Verdict is { } verdict ? rows.Where(r => r.Verdict == verdict).ToList() : rows;
        var ordered = filtered.OrderByDescending(r => r.Flagged).ThenByDescending(r => r.Verdict).ThenBy(r => r.LiveFrom).ToList();
        return new PromiseBoard(new PagedResult<PromiseRow>(ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ordered.Count, page, pageSize),
            campaigns, rows.Count(r => r.Verdict == PromiseVerdict.Backed), rows.Count(r => r.Verdict == PromiseVerdict.AtRisk),
            rows.Count(r => r.Verdict == PromiseVerdict.Unbacked));
    }

    public async Task<PromiseDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var promise = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Promise", id);
        var row = (await RowsAsync(db, [promise], cancellationToken)).Single();
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var capabilityIds = promise.Requirements.Select(r => r.CapabilityId).ToList();
        var capabilities = await db.Capabilities.AsNoTracking().Where(c => capabilityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var requirements = promise.Requirements.Select(r =>
        {
            var c = capabilities.GetValueOrDefault(r.CapabilityId);
            return new RequirementRow(r.CapabilityId, c?.Name ?? "?", c is null ? string.Empty : unitNames.GetValueOrDefault(c.OwnerUnitId, string.Empty),
                c?.Area ?? CapabilityArea.Processes, r.MinMaturity, c?.Maturity ?? 0, r.Channels, r.HoursText, r.CapacityPerDay);
        }).ToList();
        var standardIds = promise.RequiredStandardIds.ToList();
        var standards = await db.ServiceStandards.AsNoTracking().Where(s => standardIds.Contains(s.Id)).Select(s => s.Title).ToListAsync(cancellationToken);
        var history = (await db.PromiseCheckResults.AsNoTracking().Where(r => r.PromiseId == id).ToListAsync(cancellationToken))
            .OrderByDescending(r => r.QuarterKey)
            .Select(r => new VerdictHistoryRow(r.Quarter, r.Verdict, reasons.Of(r.Reasons), r.Complaints, r.EvaluatedAtUtc)).ToList();
        var signals = await SignalService.RowsAsync(db, db.ServiceSignals.AsNoTracking().Where(s => s.PromiseId == id), unitNames, user, scope, false, cancellationToken);
        var canEdit = await CanEditAsync(db, user, scope, promise.OwnerUnitId, cancellationToken);
        var input = new PromiseInput
        {
            Id = promise.Id, Version = promise.Version, Claim = promise.Claim, Channels = [.. promise.Channels], Campaign = promise.Campaign,
            OwnerUnitId = promise.OwnerUnitId, LiveFrom = promise.LiveFrom, LiveTo = promise.LiveTo, RequiredStandardIds = [.. promise.RequiredStandardIds],
            Requirements = promise.Requirements.Select(r => new RequirementInput
            {
                CapabilityId = r.CapabilityId, MinMaturity = r.MinMaturity, Channels = [.. r.Channels], Hours = r.HoursText, CapacityPerDay = r.CapacityPerDay,
            }).ToList(),
        };
        return new PromiseDetail(row, promise.OwnerUnitId, promise.Version, requirements, standards, history, signals.Items, canEdit, input);
    }

    /// <summary>A new promise's form: owned by the reader's first marketing unit, live from today.</summary>
    public async Task<PromiseInput> NewAsync(CancellationToken cancellationToken = default)
    {
        var units = await GetOwnerUnitsAsync(cancellationToken);
        return new PromiseInput { OwnerUnitId = units.FirstOrDefault()?.Id ?? 0, LiveFrom = runner.Today };
    }

    /// <summary>The marketing units the reader may register promises for.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetOwnerUnitsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesManage);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return (await PromiseAccess.MarketingUnitsAsync(db, scope, cancellationToken)).Select(u => new OptionItem(u.Id, u.Name)).ToList();
    }

    /// <summary>Every capability a requirement can name, with its unit ("Webcare — WhatsApp-service").</summary>
    public async Task<IReadOnlyList<OptionItem>> GetCapabilityOptionsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesRead);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Capabilities.AsNoTracking().Join(db.OrgUnits, c => c.OwnerUnitId, u => u.Id, (c, u) => new { c.Id, c.Name, Unit = u.Name })
            .OrderBy(x => x.Unit).ThenBy(x => x.Name).Select(x => new OptionItem(x.Id, x.Unit + " — " + x.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Active standards a promise can require to be green.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetStandardOptionsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesRead);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await PromiseAccess.ActiveStandardOptionsAsync(db, cancellationToken);
    }

    public async Task<int> CreateAsync(PromiseInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesManage);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await CanEditAsync(db, user, scope, input.OwnerUnitId, cancellationToken)) throw new ForbiddenException();
        var requirements = await RequirementsAsync(db, input, cancellationToken);
        MarketingPromise promise;
        try
        {
            promise = new MarketingPromise(input.Claim, input.Channels, input.Campaign, user.PersonId!.Value, input.OwnerUnitId,
                input.LiveFrom!.Value, input.LiveTo, await ExistingStandardsAsync(db, input, cancellationToken));
            promise.SetRequirements(requirements);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.MarketingPromises.Add(promise);
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            await runner.RefreshPromisesAsync(db, [promise.Id], ct);
            return true;
        }, cancellationToken);
        return promise.Id;
    }

    public async Task UpdateAsync(PromiseInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesManage);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var promise = await db.MarketingPromises.Include(p => p.Requirements).FirstOrDefaultAsync(p => p.Id == input.Id, cancellationToken)
            ?? throw new NotFoundException("Promise", input.Id);
        if (!await CanEditAsync(db, user, scope, promise.OwnerUnitId, cancellationToken) || !await CanEditAsync(db, user, scope, input.OwnerUnitId, cancellationToken))
            throw new ForbiddenException();
        var requirements = await RequirementsAsync(db, input, cancellationToken);
        db.ExpectVersion(promise, input.Version);
        try
        {
            promise.Update(input.Claim, input.Channels, input.Campaign, promise.OwnerPersonId, input.OwnerUnitId,
                input.LiveFrom!.Value, input.LiveTo, await ExistingStandardsAsync(db, input, cancellationToken));
            promise.SetRequirements(requirements);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveOrConflictAsync(text["conflict.promise"], ct);
            await runner.RefreshPromisesAsync(db, [promise.Id], ct);
            return true;
        }, cancellationToken);
    }

    public async Task DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PromisesManage);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var promise = await db.MarketingPromises.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Promise", id);
        if (!await CanEditAsync(db, user, scope, promise.OwnerUnitId, cancellationToken)) throw new ForbiddenException();
        db.ExpectVersion(promise, version);
        db.MarketingPromises.Remove(promise);
        await db.SaveOrConflictAsync(text["conflict.promise"], cancellationToken);
    }

    /// <summary>
    /// Promises live (or going live) while Unbacked that concern the reader: the ones they own, and the ones leaning on
    /// capabilities of units they manage. Empty for everyone else.
    /// </summary>
    public async Task<IReadOnlyList<PromiseNotice>> GetNoticesAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.IsAuthenticated || user.Role is not PortalRole.Manager) return [];
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var today = runner.Today;
        var promises = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements)
            .Where(p => p.LiveTo == null || p.LiveTo >= today).ToListAsync(cancellationToken);
        var myCapabilities = (await db.Capabilities.AsNoTracking().Select(c => new { c.Id, c.OwnerUnitId }).ToListAsync(cancellationToken))
            .Where(c => scope.Includes(c.OwnerUnitId)).Select(c => c.Id).ToHashSet();
        var concerned = promises.Where(p => p.OwnerPersonId == user.PersonId || p.Requirements.Any(r => myCapabilities.Contains(r.CapabilityId))).ToList();
        var rows = await RowsAsync(db, concerned, cancellationToken);
        var owned = concerned.Where(p => p.OwnerPersonId == user.PersonId).Select(p => p.Id).ToHashSet();
        return rows.Where(r => r.Flagged).Select(r => new PromiseNotice(r.Id, r.Claim, r.LiveFrom, r.Reasons) { Owned = owned.Contains(r.Id) }).ToList();
    }

    /// <summary>Board rows with the verdict of the judged quarter (stored; evaluated and stored first when it never was).</summary>
    internal async Task<List<PromiseRow>> RowsAsync(IPortalDb db, IReadOnlyList<MarketingPromise> promises, CancellationToken cancellationToken)
    {
        var today = runner.Today;
        var current = runner.CurrentQuarter;
        var ids = promises.Select(p => p.Id).ToList();
        var owners = await db.People.AsNoTracking().Where(p => db.MarketingPromises.Any(m => m.OwnerPersonId == p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var judged = promises.ToDictionary(p => p.Id, p => PromiseCheckRunner.JudgedQuarter(p, current).Key);
        var keys = judged.Values.Distinct().ToList();
        var stored = (await db.PromiseCheckResults.AsNoTracking().Where(r => ids.Contains(r.PromiseId) && keys.Contains(r.QuarterKey)).ToListAsync(cancellationToken))
            .Where(r => judged[r.PromiseId] == r.QuarterKey).ToDictionary(r => r.PromiseId);
        var missing = promises.Where(p => !stored.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (missing.Count > 0)
        {
            // Never evaluated in the quarter it is judged in (the first days of a new quarter, before the daily re-check ran):
            // evaluate and store now, so the board, the flag and the scorecard agree.
            foreach (var group in missing.GroupBy(id => judged[id]))
                await runner.RefreshQuarterAsync(group.ToList(), Quarter.FromKey(group.Key), cancellationToken);
            foreach (var r in await db.PromiseCheckResults.AsNoTracking().Where(r => missing.Contains(r.PromiseId) && keys.Contains(r.QuarterKey)).ToListAsync(cancellationToken))
                if (judged[r.PromiseId] == r.QuarterKey) stored[r.PromiseId] = r;
        }
        return promises.Select(p =>
        {
            var result = stored.GetValueOrDefault(p.Id);
            return new PromiseRow(p.Id, p.Claim, p.Campaign, p.Channels, owners.GetValueOrDefault(p.OwnerPersonId, string.Empty), p.LiveFrom, p.LiveTo,
                p.IsLiveOn(today), p.LiveTo is { } end && end < today, Quarter.FromKey(judged[p.Id]), result?.Verdict,
                result is null ? [] : reasons.Of(result.Reasons), result?.Complaints ?? 0);
        }).ToList();
    }

    private static async Task<bool> CanEditAsync(IPortalDb db, UserContext user, UnitScope scope, int ownerUnitId, CancellationToken cancellationToken) =>
        user.Can(Permission.PromisesManage) && (await PromiseAccess.MarketingUnitsAsync(db, scope, cancellationToken)).Any(u => u.Id == ownerUnitId);

    private async Task<List<PromiseRequirement>> RequirementsAsync(IPortalDb db, PromiseInput input, CancellationToken cancellationToken)
    {
        var ids = input.Requirements.Select(r => r.CapabilityId).ToList();
        var existing = await db.Capabilities.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var list = new List<PromiseRequirement>();
        for (var i = 0; i < input.Requirements.Count; i++)
        {
            var r = input.Requirements[i];
            if (!existing.Contains(r.CapabilityId)) throw text.Invalid<PromiseInput>(p => p.Requirements[i].CapabilityId, "promise.capability-unknown");
            try { list.Add(new PromiseRequirement(r.CapabilityId, r.MinMaturity, r.Channels, ServiceHours.Parse(r.Hours), r.CapacityPerDay)); }
            catch (DomainException e) { throw text.Invalid(e); }
        }
        return list;
    }

    private static async Task<List<int>> ExistingStandardsAsync(IPortalDb db, PromiseInput input, CancellationToken cancellationToken)
    {
        var ids = input.RequiredStandardIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.ServiceStandards.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
    }
}
