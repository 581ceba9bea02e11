using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Organisation;

/// <summary>Org units (a tree: company → departments → teams) and the people in them.</summary>
public sealed class OrganisationService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IAccountService accounts,
    IValidator<UnitInput> unitValidator,
    IValidator<PersonInput> personValidator,
    PeopleWriter writer,
    MessageText text,
    IAccountInvitations invitations,
    Notifications.Notices notices,
    Notifications.MailOptions mail)
{
    /// <summary>All units in tree order. Everyone signed in may read the tree (names only); people counts follow the reader's scope.</summary>
    public async Task<IReadOnlyList<OrgUnitNode>> GetUnitsAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.IsAuthenticated) throw new ForbiddenException();
        var scope = await accessScope.ForAsync(user, cancellationToken);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.People.AsNoTracking().Where(p => p.IsActive)
            .GroupBy(p => p.OrgUnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UnitId, g => g.Count, cancellationToken);
        return TreeOrder(units, counts, scope, includeInactive);
    }

    internal static IReadOnlyList<OrgUnitNode> TreeOrder(IReadOnlyList<OrgUnit> units, IReadOnlyDictionary<int, int> counts, UnitScope scope, bool includeInactive)
    {
        var tree = OrgTree.From(units);
        var byId = units.ToDictionary(u => u.Id);
        var result = new List<OrgUnitNode>(units.Count);
        foreach (var root in units.Where(u => u.ParentId is null || !byId.ContainsKey(u.ParentId.Value)).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase))
            Visit(root, 0, root.Name);
        return result;

        void Visit(OrgUnit unit, int depth, string path)
        {
            if (!includeInactive && !unit.IsActive) return;
            var people = scope.Includes(unit.Id) ? counts.GetValueOrDefault(unit.Id) : 0;
            result.Add(new OrgUnitNode(unit.Id, unit.Name, unit.Kind, unit.ParentId, unit.IsActive, depth, people, unit.Version) { Path = path, Code = unit.Code });
            foreach (var child in tree.ChildrenOf(unit.Id).Select(id => byId[id]).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase))
                Visit(child, depth + 1, path + " / " + child.Name);
        }
    }

    public async Task<int> CreateUnitAsync(UnitInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.OrganisationManage);
        await text.EnsureValidAsync(unitValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (input.ParentId is { } parentId)
        {
            var parent = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == parentId, cancellationToken);
            if (parent is null || !parent.IsActive) throw text.Invalid<UnitInput>(u => u.ParentId, "orgunit.parent-invalid");
        }
        else if (await db.OrgUnits.AnyAsync(u => u.ParentId == null, cancellationToken))
        {
            throw text.Invalid<UnitInput>(u => u.ParentId, "orgunit.parent-required");
        }
        await EnsureUniqueSiblingNameAsync(db, input.Name, input.ParentId, null, cancellationToken);
        var unit = new OrgUnit(input.Name, input.Kind, input.ParentId);
        await SetCodeAsync(db, unit, input.Code, cancellationToken);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit.Id;
    }

    public async Task UpdateUnitAsync(UnitInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.OrganisationManage);
        await text.EnsureValidAsync(unitValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == input.Id, cancellationToken) ?? throw new NotFoundException("Unit", input.Id);
        await EnsureUniqueSiblingNameAsync(db, input.Name, unit.ParentId, unit.Id, cancellationToken);
        db.ExpectVersion(unit, input.Version);
        unit.Rename(input.Name);
        unit.ChangeKind(input.Kind);
        await SetCodeAsync(db, unit, input.Code, cancellationToken);
        await db.SaveOrConflictAsync(text["conflict.unit"], cancellationToken);
    }

    public async Task MoveUnitAsync(int unitId, int newParentId, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.OrganisationManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.ToListAsync(cancellationToken);
        var unit = units.FirstOrDefault(u => u.Id == unitId) ?? throw new NotFoundException("Unit", unitId);
        var parent = units.FirstOrDefault(u => u.Id == newParentId);
        if (parent is null || !parent.IsActive) throw text.Invalid<UnitInput>(u => u.ParentId, "orgunit.parent-invalid");
        await EnsureUniqueSiblingNameAsync(db, unit.Name, newParentId, unit.Id, cancellationToken);
        db.ExpectVersion(unit, version);
        try
        {
            unit.MoveTo(newParentId, OrgTree.From(units));
        }
        catch (DomainException e)
        {
            throw text.Invalid<UnitInput>(u => u.ParentId, e);
        }
        await db.SaveOrConflictAsync(text["conflict.unit"], cancellationToken);
    }

    /// <summary>Deactivates a unit. Refused while it still has active people or active sub-units: they must move first.</summary>
    public async Task DeactivateUnitAsync(int unitId, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.OrganisationManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        var activePeople = await db.People.CountAsync(p => p.OrgUnitId == unitId && p.IsActive, cancellationToken);
        if (activePeople > 0) throw new ValidationFailedException("", text.Format("orgunit.has-people", activePeople));
        var activeChildren = await db.OrgUnits.CountAsync(u => u.ParentId == unitId && u.IsActive, cancellationToken);
        if (activeChildren > 0) throw new ValidationFailedException("", text.Format("orgunit.has-children", activeChildren));
        db.ExpectVersion(unit, version);
        try { unit.Deactivate(); }
        catch (DomainException e) { throw text.Invalid(e); }
        await db.SaveOrConflictAsync(text["conflict.unit"], cancellationToken);
    }

    public async Task ReactivateUnitAsync(int unitId, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.OrganisationManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        if (unit.ParentId is { } parentId && !await db.OrgUnits.AnyAsync(u => u.Id == parentId && u.IsActive, cancellationToken))
            throw new ValidationFailedException("", text["orgunit.parent-inactive"]);
        db.ExpectVersion(unit, version);
        unit.Reactivate();
        await db.SaveOrConflictAsync(text["conflict.unit"], cancellationToken);
    }

    /// <summary>People the reader may see: administrators and directors all, managers those of their own units (with sub-units).</summary>
    public async Task<PagedResult<PersonRow>> GetPeopleAsync(PeopleQuery query, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var people = db.People.AsNoTracking();
        if (!scope.All)
        {
            var visible = scope.UnitIds.ToList();
            people = people.Where(p => visible.Contains(p.OrgUnitId));
        }
        if (!query.IncludeInactive) people = people.Where(p => p.IsActive);
        if (query.Role is { } role) people = people.Where(p => p.Role == role);
        if (query.UnitId is { } unitId)
        {
            var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
            var subtree = new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(unitId).ToList();
            people = people.Where(p => subtree.Contains(p.OrgUnitId));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            people = people.Where(p => p.Name.ToLower().Contains(term) || p.Email.Contains(term));
        }

        var total = await people.CountAsync(cancellationToken);
        var rows = await people
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.OrgUnits, p => p.OrgUnitId, u => u.Id, (p, u) => new { Person = p, UnitName = u.Name })
            .ToListAsync(cancellationToken);
        var withLogin = await accounts.WithLoginAsync(rows.Select(r => r.Person.Id).ToList(), cancellationToken);
        var pending = await invitations.PendingAsync(rows.Select(r => r.Person.Id).ToList(), cancellationToken);
        var result = rows.Select(r => new PersonRow(r.Person.Id, r.Person.Name, r.Person.Email, r.Person.OrgUnitId, r.UnitName,
            r.Person.Role, r.Person.IsActive, withLogin.Contains(r.Person.Id), r.Person.Version) { InvitationPending = pending.Contains(r.Person.Id) }).ToList();
        return new PagedResult<PersonRow>(result, total, page, pageSize);
    }

    public async Task<int> CreatePersonAsync(PersonInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        await text.EnsureValidAsync(personValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var invite = input.SendInvitation && string.IsNullOrEmpty(input.InitialPassword);
        var person = await db.InTransactionAsync(async ct =>
        {
            var saved = await writer.SaveOneAsync(db, RecordOf(input, null), user.PersonId, PersonFields, null, ct);
            if (!invite) return saved;
            // The invitation commits with the person: no person without their e-mail, no e-mail without the person.
            await notices.AccountInvitationAsync(db, saved.Id, user.Name ?? string.Empty, ct);
            await db.SaveChangesAsync(ct);
            return saved;
        }, cancellationToken);
        if (invite)
        {
            // The account (without a password) now, so the people list shows it; the worker would create it when sending otherwise.
            await invitations.EnsureAccountAsync(person.Id, cancellationToken: cancellationToken);
            notices.Wake();
        }
        if (!string.IsNullOrEmpty(input.InitialPassword))
        {
            try
            {
                await accounts.CreateLoginAsync(person.Id, person.Email, input.InitialPassword, cancellationToken);
            }
            catch (ValidationFailedException e)
            {
                // Keep "nothing saved on error": the person goes again when the password is refused.
                db.People.Remove(person);
                await db.SaveChangesAsync(cancellationToken);
                throw ValidationFailedException.For<PersonInput>(p => p.InitialPassword, e.Message);
            }
        }
        return person.Id;
    }

    public async Task UpdatePersonAsync(PersonInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        await text.EnsureValidAsync(personValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var current = await db.People.AsNoTracking().Where(p => p.Id == input.Id).Select(p => new { p.OrgUnitId, p.IsErased }).FirstOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Person", input.Id);
        if (current.IsErased) throw new ValidationFailedException("", text["person.erased"]);
        try
        {
            await writer.SaveOneAsync(db, RecordOf(input, current.OrgUnitId), user.PersonId, PersonFields, p => db.ExpectVersion(p, input.Version), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(text["conflict.person"]);
        }
        await accounts.SyncWithPersonAsync(input.Id, cancellationToken);
    }

    /// <summary>The page's input as a record of the people rules; the unit only when it changes (a person may stay in a unit that was deactivated).</summary>
    private static PersonData RecordOf(PersonInput input, int? currentUnitId)
    {
        var record = new PersonData
        {
            PersonId = input.Id == 0 ? null : input.Id,
            Given = PersonField.DisplayName | PersonField.Email | PersonField.Role,
            DisplayName = input.Name,
            Email = input.Email,
            Role = input.Role,
        };
        if (currentUnitId != input.OrgUnitId)
        {
            record.Unit = UnitReference.ById(input.OrgUnitId);
            record.Given |= PersonField.Unit;
        }
        return record;
    }

    /// <summary>Where the people page shows what the people rules refuse (an e-mail taken, a unit gone); the rest is the form's.</summary>
    private static readonly InputFields<PersonField, PersonInput> PersonFields = new InputFields<PersonField, PersonInput>()
        .Bind(p => p.Name, PersonField.DisplayName, PersonField.FirstName, PersonField.LastName)
        .Bind(p => p.Email, PersonField.Email)
        .Bind(p => p.OrgUnitId, PersonField.Unit);

    public async Task SetPersonActiveAsync(int personId, bool active, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        if (!active && user.PersonId == personId) throw new ValidationFailedException("", text["person.cannot-deactivate-self"]);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var record = new PersonData { PersonId = personId, Given = PersonField.Active, Active = active };
        try
        {
            await writer.SaveOneAsync(db, record, user.PersonId, PersonFields, p => db.ExpectVersion(p, version), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(text["conflict.person"]);
        }
        await accounts.SyncWithPersonAsync(personId, cancellationToken);
    }

    /// <summary>
    /// E-mails a person (again) an invitation to choose their password: for someone without a local account, or whose
    /// account still waits for its password (an earlier link expired or was lost). Refused once a password was chosen.
    /// </summary>
    public async Task InviteAsync(int personId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("Person", personId);
        if (!person.IsActive) throw new ValidationFailedException("", text["person.invite-inactive"]);
        var hasLogin = (await accounts.WithLoginAsync([personId], cancellationToken)).Count > 0;
        if (hasLogin && (await invitations.PendingAsync([personId], cancellationToken)).Count == 0)
            throw new ValidationFailedException("", text["person.has-password"]);
        await invitations.EnsureAccountAsync(personId, endEarlierLinks: true, cancellationToken);
        await notices.AccountInvitationAsync(db, personId, user.Name ?? string.Empty, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notices.Wake();
    }

    /// <summary>
    /// How many active people have no local account and no invitation on its way: whom <see cref="InviteEveryoneWithoutAccountAsync"/>
    /// reaches (people from a people file or SCIM arrive without an account). Zero when local accounts are off.
    /// </summary>
    public async Task<int> CountWithoutAccountAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        if (!mail.AccountInvitations) return 0;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return (await WithoutAccountAsync(db, cancellationToken)).Count;
    }

    /// <summary>
    /// E-mails every active person without a local account an invitation to choose their password, queued in one
    /// transaction (the outbox sends them and makes each account). Returns how many were invited.
    /// </summary>
    public async Task<int> InviteEveryoneWithoutAccountAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        if (!mail.AccountInvitations) throw new ValidationFailedException("", text["person.invitations-off"]);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var invited = await db.InTransactionAsync(async ct =>
        {
            var ids = await WithoutAccountAsync(db, ct);
            foreach (var id in ids) await notices.AccountInvitationAsync(db, id, user.Name ?? string.Empty, ct);
            await db.SaveChangesAsync(ct);
            return ids.Count;
        }, cancellationToken);
        if (invited > 0) notices.Wake();
        return invited;
    }

    private async Task<List<int>> WithoutAccountAsync(IPortalDb db, CancellationToken cancellationToken)
    {
        var active = await db.People.AsNoTracking().Where(p => p.IsActive && !p.IsErased).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var withAccount = await accounts.WithLoginAsync(active, cancellationToken);
        var onTheirWay = (await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == Domain.Notifications.NoticeKind.AccountInvitation && m.PersonId != null
                && (m.Status == Domain.Notifications.OutboxStatus.Queued || m.Status == Domain.Notifications.OutboxStatus.Sending))
            .Select(m => m.PersonId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        return active.Where(id => !withAccount.Contains(id) && !onTheirWay.Contains(id)).ToList();
    }

    /// <summary>A unit code is unique whatever its case: people files and SCIM name units by it.</summary>
    private async Task SetCodeAsync(IPortalDb db, OrgUnit unit, string? code, CancellationToken cancellationToken)
    {
        try
        {
            var normalised = OrgUnit.NormaliseCode(code);
            if (normalised is not null)
            {
                var lower = normalised.ToLower();
                if (await db.OrgUnits.AnyAsync(u => u.Id != unit.Id && u.Code != null && u.Code.ToLower() == lower, cancellationToken))
                    throw text.Invalid<UnitInput>(u => u.Code, "orgunit.code-taken");
            }
            unit.SetCode(normalised);
        }
        catch (DomainException e) { throw text.Invalid<UnitInput>(u => u.Code, e); }
    }

    private async Task EnsureUniqueSiblingNameAsync(IPortalDb db, string name, int? parentId, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower();
        if (await db.OrgUnits.AnyAsync(u => u.ParentId == parentId && u.Id != exceptId && u.Name.ToLower() == trimmed, cancellationToken))
            throw text.Invalid<UnitInput>(u => u.Name, "orgunit.name-taken");
    }
}
