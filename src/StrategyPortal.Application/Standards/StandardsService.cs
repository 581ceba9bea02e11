using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Standards;
using static StrategyPortal.Application.Common.StrategyReader;

namespace StrategyPortal.Application.Standards;

/// <summary>
/// Service standards: the catalogue, adopting and writing standards, versions, retiring, results and their
/// RAG. Managers manage the standards of their own units (with sub-units); directors and administrators read
/// all; every employee reads the standards of their own unit.
/// </summary>
public sealed class StandardsService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IValidator<StandardInput> standardValidator,
    IValidator<ResultInput> resultValidator,
    MessageText text,
    TimeProvider clock,
    Promises.PromiseCheckRunner promiseChecks,
    Notifications.Notices notices)
{
    /// <summary>How many quarters the detail page shows at most.</summary>
    public const int TimelineQuarters = 12;

    public Quarter CurrentQuarter => StrategyReader.CurrentQuarter(clock);

    public async Task<StandardCatalogueView> GetCatalogueAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var lead = LeadFor(await LoadStrategyAsync(db, cancellationToken), CurrentQuarter);
        var adopted = await ScopedStandards(db, scope)
            .Where(s => s.TemplateCode != null && s.Status != StandardStatus.Retired)
            .Join(db.OrgUnits, s => s.OwnerUnitId, u => u.Id, (s, u) => new { s.TemplateCode, u.Name })
            .ToListAsync(cancellationToken);
        var byCode = adopted.GroupBy(a => a.TemplateCode!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Name).Distinct().Order(StringComparer.CurrentCultureIgnoreCase).ToList(), StringComparer.OrdinalIgnoreCase);
        var culture = CultureInfo.CurrentUICulture.Name;
        var entries = StandardCatalogue.All
            .OrderBy(t => t.Discipline == lead ? 0 : 1).ThenBy(t => t.Discipline).ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => new CatalogueEntry(t.Code, t.Discipline, t.Aspect, t.Channel, t.Rater, t.Unit, t.Direction, t.TextFor(culture),
                t.TargetFor(lead), t.IsAmbitiousUnder(lead), t.LeadOnly, byCode.GetValueOrDefault(t.Code) ?? []))
            .ToList();
        return new StandardCatalogueView(lead, entries);
    }

    /// <summary>A create form filled from a template, in the reader's language, with the target that fits the company's lead discipline.</summary>
    public async Task<StandardInput> NewFromTemplateAsync(string code, int? unitId = null, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        var template = StandardCatalogue.Find(code) ?? throw new NotFoundException("Template", code);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var lead = LeadFor(await LoadStrategyAsync(db, cancellationToken), CurrentQuarter);
        var definition = template.DefinitionFor(lead, CultureInfo.CurrentUICulture.Name);
        var units = await GetManageableUnitsAsync(cancellationToken);
        var owner = unitId is { } id && units.Any(u => u.Id == id) ? id
            : units.FirstOrDefault(u => u.Id == user.OrgUnitId)?.Id ?? units.FirstOrDefault()?.Id ?? 0;
        return new StandardInput
        {
            TemplateCode = template.Code,
            OwnerUnitId = owner,
            Title = definition.Title,
            Description = definition.Description,
            Aspect = definition.Aspect,
            Channel = definition.Channel,
            Rater = definition.Rater,
            Metric = definition.Metric,
            Unit = definition.Unit,
            Direction = definition.Direction,
            Target = definition.Target,
            Status = StandardStatus.Active,
            EffectiveQuarter = CurrentQuarter,
        };
    }

    /// <summary>The active units the reader may own standards for, in tree order with their path.</summary>
    public async Task<IReadOnlyList<UnitOption>> GetManageableUnitsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        return await UnitsInScopeAsync(user, cancellationToken);
    }

    /// <summary>The units whose standards the reader may see (for filters).</summary>
    public async Task<IReadOnlyList<UnitOption>> GetVisibleUnitsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        return await UnitsInScopeAsync(user, cancellationToken);
    }

    public async Task<PagedResult<StandardRow>> ListAsync(StandardsQuery query, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);
        var quarter = query.Quarter ?? CurrentQuarter;

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standards = ScopedStandards(db, scope);
        if (query.UnitId is { } unitId)
        {
            var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
            var subtree = new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(unitId).ToList();
            standards = standards.Where(s => subtree.Contains(s.OwnerUnitId));
        }
        if (query.Aspect is { } aspect) standards = standards.Where(s => s.Aspect == aspect);
        if (query.Channel is { } channel) standards = standards.Where(s => s.Channel == channel);
        if (query.Status is { } status) standards = standards.Where(s => s.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            standards = standards.Where(s => s.Title.ToLower().Contains(term) || s.Metric.ToLower().Contains(term));
        }

        var rows = await JudgeAsync(db, await standards.ToListAsync(cancellationToken), quarter, cancellationToken);
        if (query.Rag is { } rag) rows = rows.Where(r => r.Rag == rag).ToList();
        var ordered = rows.OrderBy(r => r.OwnerUnitName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id).ToList();
        return new PagedResult<StandardRow>(ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ordered.Count, page, pageSize);
    }

    public async Task<StandardDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standard = await db.ServiceStandards.AsNoTracking().Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Standard", id);
        if (!scope.Includes(standard.OwnerUnitId)) throw new ForbiddenException();
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var results = await db.StandardResults.AsNoTracking().Where(r => r.StandardId == id).ToListAsync(cancellationToken);

        var versions = standard.Versions
            .OrderByDescending(v => v.Number)
            .Select(v => new StandardVersionRow(v.Number, v.EffectiveQuarter, v.Status, unitNames.GetValueOrDefault(v.OwnerUnitId, "?"), v.Definition,
                v.ChangedByName, v.ChangedAtUtc, v.ChangedFields))
            .ToList();

        var first = Quarter.FromKey(standard.Versions.Min(v => v.EffectiveQuarterKey));
        var lastKey = Math.Max(CurrentQuarter.Key, results.Count == 0 ? 0 : results.Max(r => r.QuarterKey));
        var last = Quarter.FromKey(Math.Max(lastKey, first.Key));
        var byQuarter = results.ToDictionary(r => r.QuarterKey);
        var timeline = Quarter.Range(first, last).TakeLast(TimelineQuarters).Select(q =>
        {
            var version = standard.VersionFor(q);
            var result = byQuarter.GetValueOrDefault(q.Key);
            var rag = version is { Status: StandardStatus.Active } ? RagJudgement.Judge(result?.ActualValue, version.Definition) : RagStatus.NoData;
            return new StandardResultRow(q, version?.Target, version?.Definition.EffectiveAmberThreshold, version?.Status, result?.ActualValue, rag,
                result?.RecordedByName, result?.RecordedAtUtc, result?.Version ?? 0);
        }).ToList();

        var inScope = scope.Includes(standard.OwnerUnitId);
        return new StandardDetail(standard.Id, standard.OwnerUnitId, unitNames.GetValueOrDefault(standard.OwnerUnitId, "?"), standard.TemplateCode,
            standard.Status, standard.Definition, standard.Version, standard.LatestVersion.EffectiveQuarter, standard.NextChangeQuarter(CurrentQuarter), versions, timeline,
            inScope && user.Can(Permission.StandardsManage), inScope && user.Can(Permission.ResultsRecord));
    }

    /// <summary>Adopts a template (input.TemplateCode) or creates an own standard.</summary>
    public async Task<int> CreateAsync(StandardInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        await text.EnsureValidAsync(standardValidator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        if (!scope.Includes(input.OwnerUnitId)) throw new ForbiddenException();
        if (input.TemplateCode is { Length: > 0 } code && StandardCatalogue.Find(code) is null)
            throw text.Invalid<StandardInput>(s => s.TemplateCode, "standard.template-invalid");

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await EnsureActiveUnitAsync(db, input.OwnerUnitId, cancellationToken);
        await EnsureUniqueTitleAsync(db, input.Title, input.OwnerUnitId, null, cancellationToken);
        ServiceStandard standard;
        try
        {
            standard = new ServiceStandard(input.OwnerUnitId, StandardCatalogue.Find(input.TemplateCode)?.Code, input.ToDefinition(), input.Status,
                input.EffectiveQuarter!.Value, EditorOf(user, clock));
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.ServiceStandards.Add(standard);
        await db.SaveChangesAsync(cancellationToken);
        return standard.Id;
    }

    /// <summary>Saves a new version of the standard, in force from input.EffectiveQuarter. A stale input.Version is a conflict.</summary>
    public async Task UpdateAsync(StandardInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        await text.EnsureValidAsync(standardValidator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standard = await LoadForChangeAsync(db, input.Id, scope, cancellationToken);
        if (!scope.Includes(input.OwnerUnitId)) throw new ForbiddenException();
        if (input.OwnerUnitId != standard.OwnerUnitId) await EnsureActiveUnitAsync(db, input.OwnerUnitId, cancellationToken);
        await EnsureUniqueTitleAsync(db, input.Title, input.OwnerUnitId, standard.Id, cancellationToken);
        db.ExpectVersion(standard, input.Version);
        text.Check<StandardInput, Quarter>(s => s.EffectiveQuarter, () => standard.ValidEffectiveQuarter(input.EffectiveQuarter!.Value));
        try { standard.Revise(input.ToDefinition(), input.OwnerUnitId, input.EffectiveQuarter!.Value, EditorOf(user, clock)); }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await SaveOrConflictAsync(db, "conflict.standard", ct);
            await promiseChecks.RefreshStandardsSinceAsync(db, [standard.Id], input.EffectiveQuarter!.Value, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Moves only the target (a proposal item): a threshold that would end up on the wrong side falls back to the default band.</summary>
    public async Task RetargetAsync(int standardId, int version, double target, Quarter effectiveQuarter, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standard = await LoadForChangeAsync(db, standardId, scope, cancellationToken);
        var current = standard.Definition;
        var threshold = current.AmberThreshold is { } t && RagJudgement.IsOnWorseSide(target, t, current.Direction) && t != target ? current.AmberThreshold : null;
        db.ExpectVersion(standard, version);
        var quarter = standard.NextChangeQuarter(effectiveQuarter);
        try { standard.Revise(current with { Target = target, AmberThreshold = threshold }, standard.OwnerUnitId, quarter, EditorOf(user, clock)); }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await SaveOrConflictAsync(db, "conflict.standard", ct);
            await promiseChecks.RefreshStandardsSinceAsync(db, [standard.Id], quarter, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Activates a draft or retired standard, or retires an active one, from <paramref name="effectiveQuarter"/> on.</summary>
    public async Task SetStatusAsync(int standardId, StandardStatus status, Quarter effectiveQuarter, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsManage);
        if (status == StandardStatus.Draft) throw new ValidationFailedException("", text["standard.back-to-draft"]);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standard = await LoadForChangeAsync(db, standardId, scope, cancellationToken);
        if (status == StandardStatus.Active) await EnsureUniqueTitleAsync(db, standard.Title, standard.OwnerUnitId, standard.Id, cancellationToken);
        db.ExpectVersion(standard, version);
        try
        {
            if (status == StandardStatus.Active) standard.Activate(effectiveQuarter, EditorOf(user, clock));
            else standard.Retire(effectiveQuarter, EditorOf(user, clock));
        }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await SaveOrConflictAsync(db, "conflict.standard", ct);
            await promiseChecks.RefreshStandardsSinceAsync(db, [standard.Id], effectiveQuarter, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Records (Version 0) or corrects (Version of the result) the actual value of a quarter.</summary>
    public async Task RecordResultAsync(ResultInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ResultsRecord);
        await text.EnsureValidAsync(resultValidator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standard = await db.ServiceStandards.Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == input.StandardId, cancellationToken)
            ?? throw new NotFoundException("Standard", input.StandardId);
        if (!scope.Includes(standard.OwnerUnitId)) throw new ForbiddenException();
        var quarter = text.Check<ResultInput, Quarter>(r => r.Quarter, () => standard.ValidResultQuarter(input.Quarter!.Value));
        var value = text.Check<ResultInput, double>(r => r.Value, () => standard.ValidResultValue(quarter, input.Value!.Value));
        var existing = await db.StandardResults.FirstOrDefaultAsync(r => r.StandardId == standard.Id && r.QuarterKey == quarter.Key, cancellationToken);
        var before = existing?.ActualValue;
        try
        {
            if (existing is null)
            {
                if (input.Version != 0) throw new ConcurrencyConflictException(text["conflict.result"]);
                db.StandardResults.Add(standard.RecordResult(quarter, value, EditorOf(user, clock)));
            }
            else
            {
                if (input.Version == 0) throw new ConcurrencyConflictException(text["conflict.result"]);
                db.ExpectVersion(existing, input.Version);
                standard.CorrectResult(existing, value, EditorOf(user, clock));
            }
        }
        catch (DomainException e) { throw text.Invalid(e); }
        await notices.StandardsTurnedRedAsync(db, [(standard, quarter, before, value)], cancellationToken);
        // A red result puts promises that need this standard at risk in that quarter.
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await SaveOrConflictAsync(db, "conflict.result", ct);
            await promiseChecks.RefreshStandardsAsync(db, [standard.Id], [quarter], ct);
            return true;
        }, cancellationToken);
        notices.Wake();
    }

    /// <summary>The active standards of the reader's own unit: for every signed-in person, read-only.</summary>
    public async Task<MyUnitStandards> GetMyUnitAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.IsAuthenticated || user.OrgUnitId is not { } unitId) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        var quarter = CurrentQuarter;
        var lead = LeadFor(await LoadStrategyAsync(db, cancellationToken), quarter);
        var standards = await db.ServiceStandards.AsNoTracking().Include(s => s.Versions)
            .Where(s => s.OwnerUnitId == unitId && s.Status == StandardStatus.Active)
            .ToListAsync(cancellationToken);
        var ids = standards.Select(s => s.Id).ToList();
        var results = await db.StandardResults.AsNoTracking().Where(r => ids.Contains(r.StandardId)).ToListAsync(cancellationToken);
        var latestByStandard = results.GroupBy(r => r.StandardId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.QuarterKey)!);
        var rows = standards
            .Select(s =>
            {
                var latest = latestByStandard.GetValueOrDefault(s.Id);
                var target = s.VersionFor(quarter)?.Target ?? s.Target;
                return new MyStandardRow(s.Id, s.Title, s.Description, s.Metric, s.Aspect, s.Channel, s.Unit, s.Direction, target,
                    latest?.Quarter, latest?.ActualValue, latest is null ? RagStatus.NoData : s.Judge(latest.Quarter, latest.ActualValue));
            })
            .OrderBy(r => r.Aspect).ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new MyUnitStandards(unitName, lead, quarter, rows);
    }

    internal static IQueryable<ServiceStandard> ScopedStandards(IPortalDb db, UnitScope scope)
    {
        var standards = db.ServiceStandards.AsNoTracking();
        if (scope.All) return standards;
        var visible = scope.UnitIds.ToList();
        return standards.Where(s => visible.Contains(s.OwnerUnitId));
    }

    /// <summary>Judges each standard for the quarter against the version in force then.</summary>
    internal static async Task<List<StandardRow>> JudgeAsync(IPortalDb db, IReadOnlyList<ServiceStandard> standards, Quarter quarter, CancellationToken cancellationToken)
    {
        var ids = standards.Select(s => s.Id).ToList();
        var versions = (await db.ServiceStandardVersions.AsNoTracking().Where(v => ids.Contains(v.StandardId) && v.EffectiveQuarterKey <= quarter.Key)
            .ToListAsync(cancellationToken)).ToLookup(v => v.StandardId);
        var results = await db.StandardResults.AsNoTracking().Where(r => ids.Contains(r.StandardId) && r.QuarterKey == quarter.Key)
            .ToDictionaryAsync(r => r.StandardId, r => r.ActualValue, cancellationToken);
        var unitIds = standards.Select(s => s.OwnerUnitId).Distinct().ToList();
        var unitNames = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return standards.Select(s =>
        {
            var version = ServiceStandard.VersionIn(versions[s.Id], quarter);
            var actual = results.TryGetValue(s.Id, out var a) ? a : (double?)null;
            var inForce = version is { Status: StandardStatus.Active };
            var rag = inForce ? RagJudgement.Judge(actual, version!.Definition) : RagStatus.NoData;
            return new StandardRow(s.Id, s.Title, s.OwnerUnitId, unitNames.GetValueOrDefault(s.OwnerUnitId, "?"), s.Aspect, s.Channel, s.Rater, s.Metric,
                s.Unit, s.Direction, version?.Target, version?.Definition.EffectiveAmberThreshold, s.Status, actual, rag, s.TemplateCode) { InForce = inForce };
        }).ToList();
    }

    private async Task<IReadOnlyList<UnitOption>> UnitsInScopeAsync(UserContext user, CancellationToken cancellationToken)
    {
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        return OrganisationService.TreeOrder(units, new Dictionary<int, int>(), scope, includeInactive: false)
            .Where(u => scope.Includes(u.Id))
            .Select(u => new UnitOption(u.Id, u.Path))
            .ToList();
    }

    private static async Task<ServiceStandard> LoadForChangeAsync(IPortalDb db, int id, UnitScope scope, CancellationToken cancellationToken)
    {
        var standard = await db.ServiceStandards.Include(s => s.Versions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Standard", id);
        if (!scope.Includes(standard.OwnerUnitId)) throw new ForbiddenException();
        return standard;
    }

    private async Task EnsureActiveUnitAsync(IPortalDb db, int unitId, CancellationToken cancellationToken)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == unitId && u.IsActive, cancellationToken))
            throw text.Invalid<StandardInput>(s => s.OwnerUnitId, "standard.unit-invalid");
    }

    private async Task EnsureUniqueTitleAsync(IPortalDb db, string title, int unitId, int? exceptId, CancellationToken cancellationToken)
    {
        var normalised = title.Trim().ToLower();
        if (await db.ServiceStandards.AnyAsync(s => s.OwnerUnitId == unitId && s.Id != exceptId && s.Status != StandardStatus.Retired && s.Title.ToLower() == normalised, cancellationToken))
            throw text.Invalid<StandardInput>(s => s.Title, "standard.title-taken");
    }

    /// <summary>A stale version, or a second row for the same standard version or quarter, is someone else's save in between.</summary>
    private async Task SaveOrConflictAsync(IPortalDb db, string conflictKey, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConcurrencyConflictException(text[conflictKey]);
        }
    }
}
