using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Actions;

/// <summary>
/// Actions on what the numbers say. Managers create and change actions for their units (with sub-units), directors for any
/// unit; everyone reads the actions of the units they see (employees: their own unit's) and the ones they own; owners (and
/// whoever may change the action) record check-ins. Every action starts from one cause the creator may see.
/// </summary>
public sealed class ActionService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    ActionCauses causes,
    UnownedFinder unowned,
    IValidator<ActionInput> inputValidator,
    IValidator<CheckInInput> checkInValidator,
    ActionOptions options,
    MessageText text,
    TimeProvider clock)
{
    /// <summary>A new action's default due date: this many days from today.</summary>
    public const int DefaultDueDays = 30;

    public DateOnly Today => clock.Today();
    public Quarter CurrentQuarter => Quarter.Of(Today);

    public async Task<PagedResult<ActionRow>> ListAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ReaderAsync(cancellationToken);
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var actions = Visible(db, user, scope);
        if (query.UnitId is { } unitId)
        {
            var subtree = (await TreeAsync(db, cancellationToken)).SubtreeOf(unitId).ToList();
            actions = actions.Where(a => subtree.Contains(a.UnitId));
        }
        if (query.Mine) actions = actions.Where(a => a.OwnerPersonId == user.PersonId);
        if (!query.AllStatuses)
            actions = query.Status is { } status ? actions.Where(a => a.Status == status)
                : actions.Where(a => a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress);
        var today = Today;
        if (query.OverdueOnly) actions = actions.Where(a => (a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress) && a.DueOn < today);
        var total = await actions.CountAsync(cancellationToken);
        var items = await actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<ActionRow>(await RowsAsync(db, items, cancellationToken), total, page, pageSize);
    }

    public async Task<ActionDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ReaderAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var action = await db.ImprovementActions.AsNoTracking().Include(a => a.CheckIns).FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("Action", id);
        if (!scope.Includes(action.UnitId) && action.OwnerPersonId != user.PersonId) throw new ForbiddenException();
        var row = (await RowsAsync(db, [action], cancellationToken)).Single();
        var view = (await causes.DescribeAsync(db, [action], Language, cancellationToken))[action.Id];
        var impact = await causes.ImpactAsync(db, action.Cause, CauseReader.Of(user, scope), CurrentQuarter, cancellationToken);
        var personIds = action.CheckIns.Select(c => c.ByPersonId).Append(action.CreatedByPersonId).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var checkIns = action.CheckIns.OrderByDescending(c => c.On).ThenByDescending(c => c.AtUtc)
            .Select(c => new CheckInRow(c.On, c.Note, c.NewStatus, names.GetValueOrDefault(c.ByPersonId, "?"), c.AtUtc)).ToList();
        var canEdit = CanEdit(user, scope, action);
        return new ActionDetail(row, action.Description, action.DropReason, view, impact, checkIns, names.GetValueOrDefault(action.CreatedByPersonId, "?"),
            action.Version, canEdit, action.IsOpen && (canEdit || action.OwnerPersonId == user.PersonId));
    }

    /// <summary>The form of a new action from a "Take action" link: refused when the reader may not see the cause or it may not be one.</summary>
    public async Task<NewActionForm> NewAsync(ActionCauseRef cause, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ManagerAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var resolved = await causes.ResolveAsync(db, cause, CauseReader.Of(user, scope), CurrentQuarter, cancellationToken);
        var units = await UnitsAsync(db, scope, cancellationToken);
        var unitId = units.Any(u => u.Id == resolved.DefaultUnitId) ? resolved.DefaultUnitId
            : units.FirstOrDefault(u => u.Id == user.OrgUnitId)?.Id ?? units.FirstOrDefault()?.Id ?? 0;
        var owners = unitId == 0 ? [] : await OwnerChoicesAsync(db, unitId, cancellationToken);
        var input = new ActionInput
        {
            Cause = cause,
            UnitId = unitId,
            OwnerPersonId = owners.Any(o => o.Id == user.PersonId) ? user.PersonId : null,
            DueOn = Today.AddDays(DefaultDueDays),
        };
        return new NewActionForm(input, resolved.View, new ImpactView(true, ActionImpact.Of(resolved.Cause, [])), units);
    }

    /// <summary>The people who may own an action of the unit (its reach), for the owner choice.</summary>
    public async Task<IReadOnlyList<PersonChoice>> GetOwnerChoicesAsync(int unitId, CancellationToken cancellationToken = default)
    {
        var (_, scope) = await ManagerAsync(cancellationToken);
        if (!scope.Includes(unitId)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await OwnerChoicesAsync(db, unitId, cancellationToken);
    }

    public async Task<int> CreateAsync(ActionInput input, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ManagerAsync(cancellationToken);
        await text.EnsureValidAsync(inputValidator, input, cancellationToken);
        if (!scope.Includes(input.UnitId)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.OrgUnits.AnyAsync(u => u.Id == input.UnitId && u.IsActive, cancellationToken))
            throw text.Invalid<ActionInput>(i => i.UnitId, "action.unit-invalid");
        var resolved = await causes.ResolveAsync(db, input.Cause!, CauseReader.Of(user, scope), CurrentQuarter, cancellationToken);
        await EnsureInReachAsync(db, input.OwnerPersonId!.Value, input.UnitId, cancellationToken);
        ImprovementAction action;
        try
        {
            action = new ImprovementAction(input.Title, input.Description, input.OwnerPersonId, input.UnitId, input.DueOn, resolved.Cause,
                user.PersonId!.Value, clock.GetUtcNow().UtcDateTime, Today);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.ImprovementActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return action.Id;
    }

    /// <summary>Changes title, description, owner and due date. A stale input.Version is a conflict; the unit and cause stay.</summary>
    public async Task UpdateAsync(ActionInput input, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ManagerAsync(cancellationToken);
        await text.EnsureValidAsync(inputValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var action = await db.ImprovementActions.Include(a => a.CheckIns).FirstOrDefaultAsync(a => a.Id == input.Id, cancellationToken)
            ?? throw new NotFoundException("Action", input.Id);
        if (!CanEdit(user, scope, action)) throw new ForbiddenException();
        if (input.OwnerPersonId != action.OwnerPersonId) await EnsureInReachAsync(db, input.OwnerPersonId!.Value, action.UnitId, cancellationToken);
        db.ExpectVersion(action, input.Version);
        var due = text.Check<ActionInput, DateOnly>(i => i.DueOn, () => ImprovementAction.ValidDueOn(input.DueOn, Today, action.DueOn));
        try { action.Revise(input.Title, input.Description, input.OwnerPersonId, due, Today); }
        catch (DomainException e) { throw text.Invalid(e); }
        await db.SaveOrConflictAsync(text["conflict.action"], cancellationToken);
    }

    /// <summary>Records a check-in (a dated note, optionally a status change) against the action's version the writer saw.</summary>
    public async Task CheckInAsync(CheckInInput input, CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ReaderAsync(cancellationToken);
        await text.EnsureValidAsync(checkInValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var action = await db.ImprovementActions.Include(a => a.CheckIns).FirstOrDefaultAsync(a => a.Id == input.ActionId, cancellationToken)
            ?? throw new NotFoundException("Action", input.ActionId);
        if (action.OwnerPersonId != user.PersonId && !CanEdit(user, scope, action)) throw new ForbiddenException();
        db.ExpectVersion(action, input.Version);
        try { action.EnsureOpen(); }
        catch (DomainException e) { throw text.Invalid(e); }
        var on = text.Check<CheckInInput, DateOnly>(c => c.On, () => action.ValidCheckInDay(input.On, Today));
        text.Check<CheckInInput, ActionStatus?>(c => c.NewStatus, () => action.ValidMove(input.NewStatus));
        try { action.CheckIn(on, input.Note, input.NewStatus, input.DropReason, user.PersonId!.Value, clock.GetUtcNow().UtcDateTime, Today); }
        catch (DomainException e) { throw text.Invalid(e); }
        // A check-in is a change of the action: a second writer working from the same version is told, even when the status stays.
        db.Entry(action).Property(a => a.Version).IsModified = true;
        await db.SaveOrConflictAsync(text["conflict.action"], cancellationToken);
    }

    /// <summary>The reader's own open actions that are overdue or due within <see cref="ActionOptions.DueSoonDays"/> days.</summary>
    public async Task<MyDueActions> GetMyDueAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.ActionsRead) || user.PersonId is not { } me) return new MyDueActions([], [], options.DueSoonDays);
        var today = Today;
        var until = today.AddDays(options.DueSoonDays);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var mine = await db.ImprovementActions.AsNoTracking()
            .Where(a => a.OwnerPersonId == me && (a.Status == ActionStatus.Planned || a.Status == ActionStatus.InProgress) && a.DueOn <= until)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var rows = await RowsAsync(db, mine, cancellationToken);
        return new MyDueActions(rows.Where(r => r.IsOverdue).ToList(), rows.Where(r => !r.IsOverdue).ToList(), options.DueSoonDays);
    }

    /// <summary>"Nothing red goes unowned": red standards, unbacked promises and weak engagement items of the reader's units with no open action after the grace days.</summary>
    public async Task<UnownedList> GetUnownedAsync(CancellationToken cancellationToken = default)
    {
        var (user, scope) = await ManagerAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var items = await unowned.FindAsync(db, CauseReader.Of(user, scope), Today, options, cancellationToken);
        return new UnownedList(items, options.UnownedAfterDays, options.FavourableBelow);
    }

    // ------------------------------------------------------------------ helpers

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    private async Task<(UserContext User, UnitScope Scope)> ReaderAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ActionsRead);
        return (user, await accessScope.ForAsync(user, cancellationToken));
    }

    private async Task<(UserContext User, UnitScope Scope)> ManagerAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ActionsManage);
        return (user, await accessScope.ForAsync(user, cancellationToken));
    }

    private static bool CanEdit(UserContext user, UnitScope scope, ImprovementAction action) =>
        action.IsOpen && user.Can(Permission.ActionsManage) && scope.Includes(action.UnitId);

    private static IQueryable<ImprovementAction> Visible(IPortalDb db, UserContext user, UnitScope scope)
    {
        var actions = db.ImprovementActions.AsNoTracking();
        if (scope.All) return actions;
        var units = scope.UnitIds.ToList();
        var me = user.PersonId;
        return actions.Where(a => units.Contains(a.UnitId) || a.OwnerPersonId == me);
    }

    private async Task<List<ActionRow>> RowsAsync(IPortalDb db, IReadOnlyList<ImprovementAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0) return [];
        var views = await causes.DescribeAsync(db, actions, Language, cancellationToken);
        var personIds = actions.Select(a => a.OwnerPersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var today = Today;
        return actions.Select(a => new ActionRow(a.Id, a.Title, a.UnitId, units.GetValueOrDefault(a.UnitId, "?"), a.OwnerPersonId, people.GetValueOrDefault(a.OwnerPersonId, "?"),
            a.DueOn, a.Status, a.IsOverdueOn(today), a.Cause.Kind, views[a.Id].Subject, a.CreatedOn, a.ClosedOn)).ToList();
    }

    private static async Task<IReadOnlyList<UnitChoice>> UnitsAsync(IPortalDb db, UnitScope scope, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        return OrganisationService.TreeOrder(units, new Dictionary<int, int>(), scope, includeInactive: false)
            .Where(u => scope.Includes(u.Id)).Select(u => new UnitChoice(u.Id, u.Path)).ToList();
    }

    /// <summary>The manageable units of the reader (for the unit choice of a new action).</summary>
    public async Task<IReadOnlyList<UnitChoice>> GetUnitsAsync(CancellationToken cancellationToken = default)
    {
        var (_, scope) = await ManagerAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await UnitsAsync(db, scope, cancellationToken);
    }

    private static async Task<OrgTree> TreeAsync(IPortalDb db, CancellationToken cancellationToken) =>
        new((await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.ParentId)));

    private static async Task<IReadOnlyList<PersonChoice>> OwnerChoicesAsync(IPortalDb db, int unitId, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(db, cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.Id, p.Name, p.Role, p.OrgUnitId }).ToListAsync(cancellationToken);
        return people.Where(p => ActionReach.MayOwn(p.Role, p.OrgUnitId, true, unitId, tree))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new PersonChoice(p.Id, p.Name, units.GetValueOrDefault(p.OrgUnitId, "?"))).ToList();
    }

    private async Task EnsureInReachAsync(IPortalDb db, int personId, int unitId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || !ActionReach.MayOwn(person.Role, person.OrgUnitId, person.IsActive, unitId, await TreeAsync(db, cancellationToken)))
            throw text.Invalid<ActionInput>(i => i.OwnerPersonId, "action.owner-out-of-reach");
    }
}
