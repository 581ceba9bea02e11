using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary>
/// One person saved through the planner's rules (the people page): the record is planned against the people it can
/// touch, its errors become field errors of the form, and a clean plan is applied.
/// </summary>
public sealed class PeopleWriter(PeoplePlanner planner, PeoplePlanApplier applier)
{
    /// <param name="fields">The form field that shows an error about a record field (none: the whole form).</param>
    /// <param name="beforeApply">Runs on the tracked person before the save (an expected row version).</param>
    public async Task<Person> SaveOneAsync<TInput>(IPortalDb db, PersonData record, int? actingPersonId, InputFields<PersonField, TInput> fields,
        Action<Person>? beforeApply, CancellationToken cancellationToken)
    {
        var roster = await PeopleRoster.LoadForAsync(db, [record], cancellationToken);
        var plan = planner.Plan(roster, [record], new PlanOptions { Mode = PeopleSyncMode.Delta, Match = PersonMatch.ById, ActingPersonId = actingPersonId });
        if (plan.Errors.Count > 0)
        {
            if (plan.Errors.Any(e => e.Kind == PlanErrorKind.NotFound)) throw new NotFoundException("Person", record.PersonId ?? 0);
            throw fields.Refuse(plan.Errors.Select(e => (e.Field, e.Message)));
        }
        if (plan.People[0].Existing is { } existing) beforeApply?.Invoke(roster.People.First(p => p.Id == existing.Id));
        return (await applier.ApplyAsync(db, roster, plan, cancellationToken))[0];
    }
}
