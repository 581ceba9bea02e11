using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Actions;

/// <summary>
/// The actions part of a scorecard: the actions of the scope's units that were open at some time in the quarter, each as
/// it stood at the quarter's end (done within it, or open and overdue or not), with the result impact up to the quarter
/// as the scope may see it (the same calculation as the action's page, the scope instead of a reader).
/// </summary>
public sealed class ActionScorecardSource(IPortalDbFactory dbFactory, ActionCauses causes) : IScorecardActionSource
{
    public async Task<ScorecardActions> GetAsync(Quarter quarter, UnitScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        DateOnly start = quarter.Start, end = quarter.End;
        var endOfDay = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var candidates = await db.ImprovementActions.AsNoTracking().Include(a => a.CheckIns)
            .Where(a => a.CreatedAtUtc < endOfDay && (a.ClosedOn == null || a.ClosedOn >= start))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var actions = candidates.Where(a => scope.Includes(a.UnitId)).ToList();
        if (actions.Count == 0) return ScorecardActions.None;

        var nl = await causes.DescribeAsync(db, actions, "nl", cancellationToken);
        var en = await causes.DescribeAsync(db, actions, "en", cancellationToken);
        var ownerIds = actions.Select(a => a.OwnerPersonId).Distinct().ToList();
        var owners = await db.People.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var reader = CauseReader.Scorecard(scope);

        var items = new List<ScorecardAction>();
        foreach (var action in actions)
        {
            var status = action.StatusOn(end);
            ScorecardActionState? state = status switch
            {
                ActionStatus.Done => ScorecardActionState.Completed,
                ActionStatus.Dropped => null,
                _ => action.DueOn < end ? ScorecardActionState.Overdue : ScorecardActionState.Open,
            };
            if (state is null) continue;
            var impact = await causes.ImpactAsync(db, action.Cause, reader, quarter, cancellationToken);
            var view = nl[action.Id];
            var result = impact.Impact;
            items.Add(new ScorecardAction(action.Id, action.Title, action.UnitId, units.GetValueOrDefault(action.UnitId, "?"), owners.GetValueOrDefault(action.OwnerPersonId, "?"),
                action.DueOn, status, state.Value, status.IsOpen() ? null : action.ClosedOn, action.Cause.Kind, action.Cause.Quarter,
                view.Subject, en[action.Id].Subject, action.Cause.StandardId, action.Cause.PromiseId, action.Cause.UnitId, action.Cause.Measure,
                view.ValueKind, view.MetricUnit, impact.FiguresShown, result?.Baseline.Value, result?.Now?.Value, result?.Now?.Quarter, result?.Change,
                result?.Verdict ?? ImpactVerdict.NotYetMeasured));
        }
        return new ScorecardActions(items.OrderBy(a => a.State).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToList());
    }
}
