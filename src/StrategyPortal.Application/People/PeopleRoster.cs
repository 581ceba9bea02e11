using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.People;

/// <summary>
/// The people and units a plan is made against: everyone (a people file) or only who a record can touch (one SCIM
/// request, the people page) — then <see cref="OtherActiveAdministrators"/> counts the administrators left out, so
/// the last-administrator rule still sees the whole company.
/// </summary>
public sealed class PeopleRoster
{
    public PeopleRoster(IReadOnlyList<Person> people, IReadOnlyList<OrgUnit> units, bool complete, int otherActiveAdministrators = 0, int? activePeople = null)
    {
        People = people;
        Units = units;
        Complete = complete;
        OtherActiveAdministrators = otherActiveAdministrators;
        ActivePeople = activePeople ?? people.Count(p => p.IsActive);
    }

    public IReadOnlyList<Person> People { get; }
    public IReadOnlyList<OrgUnit> Units { get; }

    /// <summary>Everyone in the portal is in <see cref="People"/> (a full sync needs that).</summary>
    public bool Complete { get; }

    /// <summary>Active administrators not in <see cref="People"/>.</summary>
    public int OtherActiveAdministrators { get; }

    /// <summary>Active people in the whole portal (what the share of deactivations is taken of).</summary>
    public int ActivePeople { get; }

    /// <summary>Everyone and every unit. <paramref name="tracking"/>: loaded to be changed in this context.</summary>
    public static async Task<PeopleRoster> LoadAllAsync(IPortalDb db, bool tracking, CancellationToken cancellationToken)
    {
        var units = tracking ? await db.OrgUnits.ToListAsync(cancellationToken) : await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var people = tracking ? await db.People.ToListAsync(cancellationToken) : await db.People.AsNoTracking().ToListAsync(cancellationToken);
        return new PeopleRoster(people, units, complete: true);
    }

    /// <summary>
    /// Every unit, and the people the records can touch or collide with: by id, employee number, e-mail and user name,
    /// their managers, and each manager's own reporting line upwards (for the cycle check). Loaded for change.
    /// </summary>
    public static async Task<PeopleRoster> LoadForAsync(IPortalDb db, IReadOnlyCollection<PersonData> records, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.ToListAsync(cancellationToken);
        var ids = records.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value)
            .Concat(records.Where(r => r.Manager?.PersonId is not null).Select(r => r.Manager!.Value.PersonId!.Value)).Distinct().ToList();
        var numbers = records.Select(r => r.EmployeeNumber).Concat(records.Select(r => r.Manager?.EmployeeNumber))
            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct().ToList();
        var emails = records.Select(r => r.Email).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => Person.NormaliseEmail(e!)).Distinct().ToList();
        var userNames = records.Select(r => r.UserName).Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim().ToLowerInvariant()).Distinct().ToList();

        var people = await db.People
            .Where(p => ids.Contains(p.Id)
                        || (p.EmployeeNumber != null && numbers.Contains(p.EmployeeNumber))
                        || emails.Contains(p.Email)
                        || (p.DirectoryUserName != null && userNames.Contains(p.DirectoryUserName)))
            .ToListAsync(cancellationToken);
        // Upwards from every loaded person: a cycle through a changed person runs through their new manager's line.
        var loaded = people.Select(p => p.Id).ToHashSet();
        var next = people.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!.Value).Where(id => !loaded.Contains(id)).Distinct().ToList();
        while (next.Count > 0)
        {
            var managers = await db.People.Where(p => next.Contains(p.Id)).ToListAsync(cancellationToken);
            people.AddRange(managers);
            loaded.UnionWith(managers.Select(m => m.Id));
            next = managers.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!.Value).Where(id => !loaded.Contains(id)).Distinct().ToList();
        }
        var loadedIds = loaded.ToList();
        var otherAdministrators = await db.People.CountAsync(p => p.Role == PortalRole.Administrator && p.IsActive && !loadedIds.Contains(p.Id), cancellationToken);
        var active = await db.People.CountAsync(p => p.IsActive, cancellationToken);
        return new PeopleRoster(people, units, complete: false, otherAdministrators, active);
    }
}
