using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.People;

/// <summary>
/// Applies a plan without errors to the entities of a roster loaded for change, in the caller's context (and
/// transaction): new units first (parents before children), then people, their managers (new ones included: EF writes
/// a new manager first), deactivations and the accounts of changed people, in one save.
/// </summary>
public sealed class PeoplePlanApplier(IPeopleAccounts accounts)
{
    /// <summary>The person entity of each planned record, in plan order (new ones have their ids once this returns).</summary>
    public async Task<IReadOnlyList<Person>> ApplyAsync(IPortalDb db, PeopleRoster roster, PeoplePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Errors.Count > 0) throw new InvalidOperationException("A plan with errors is never applied.");
        // New units level by level (a unit's parent is saved, and has its id, before the unit): one save per level.
        var newUnits = new OrgUnit?[plan.NewUnits.Count];
        var depthOf = plan.NewUnits.Select(u => u.Path.Count(c => c == OrgUnit.PathSeparator)).ToList();
        foreach (var depth in depthOf.Distinct().Order())
        {
            for (var i = 0; i < plan.NewUnits.Count; i++)
            {
                if (depthOf[i] != depth) continue;
                var planned = plan.NewUnits[i];
                db.OrgUnits.Add(newUnits[i] = new OrgUnit(planned.Name, planned.Kind, UnitId(planned.Parent, newUnits)));
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        var byId = roster.People.ToDictionary(p => p.Id);
        var entities = new List<Person>(plan.People.Count);
        var byKey = new Dictionary<PersonKey, Person>();
        foreach (var planned in plan.People)
        {
            var state = planned.State;
            Person person;
            if (planned.Existing is null)
            {
                person = new Person(state.Name, state.Email, UnitId(state.Unit, newUnits), state.Role);
                person.SetEmployeeNumber(state.EmployeeNumber);
                person.SetNameParts(state.FirstName, state.LastName);
                person.SetLanguage(state.Language);
                person.SetStartDate(state.StartDate);
                person.SetDirectoryUserName(state.UserName);
                if (!state.Active) person.Deactivate();
                db.People.Add(person);
            }
            else
            {
                person = byId[planned.Existing.Id];
                var changed = planned.ChangedFields;
                if (changed.HasFlag(PersonField.EmployeeNumber)) person.SetEmployeeNumber(state.EmployeeNumber);
                if ((changed & (PersonField.FirstName | PersonField.LastName)) != 0) person.SetNameParts(state.FirstName, state.LastName);
                if (changed.HasFlag(PersonField.DisplayName)) person.Rename(state.Name);
                if (changed.HasFlag(PersonField.Email)) person.ChangeEmail(state.Email);
                if (changed.HasFlag(PersonField.Unit)) person.MoveTo(UnitId(state.Unit, newUnits));
                if (changed.HasFlag(PersonField.Role)) person.ChangeRole(state.Role);
                if (changed.HasFlag(PersonField.Language)) person.SetLanguage(state.Language);
                if (changed.HasFlag(PersonField.StartDate)) person.SetStartDate(state.StartDate);
                if (changed.HasFlag(PersonField.UserName)) person.SetDirectoryUserName(state.UserName);
                if (changed.HasFlag(PersonField.Active))
                {
                    if (state.Active) person.Reactivate();
                    else person.Deactivate();
                }
            }
            entities.Add(person);
            byKey[planned.Key] = person;
        }
        foreach (var planned in plan.People)
        {
            var isNew = planned.Existing is null;
            if (!(isNew ? planned.State.Manager is not null : planned.ChangedFields.HasFlag(PersonField.Manager))) continue;
            var person = byKey[planned.Key];
            person.ReportTo(planned.State.Manager is { } key ? byKey.GetValueOrDefault(key) ?? byId[key.Id!.Value] : null);
        }
        foreach (var missing in plan.Missing) byId[missing.Id].Deactivate();

        // What the sign-in cookie or account holds (role and permissions, e-mail, whether one may sign in). Units and names are
        // read fresh per request, so an import that moves the administrator applying it does not end their session.
        var accountChanges = PersonField.Email | PersonField.Active | PersonField.Role;
        var touched = plan.People.Where(p => p.Existing is not null && (p.ChangedFields & accountChanges) != 0).Select(p => byId[p.Existing!.Id])
            .Concat(plan.Missing.Select(p => byId[p.Id])).ToList();
        if (touched.Count > 0) await accounts.SyncAsync(db, touched, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return entities;
    }

    private static int UnitId(UnitKey key, OrgUnit?[] newUnits) => key.Id ?? newUnits[key.NewUnit!.Value]!.Id;
}
