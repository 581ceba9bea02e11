using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.People;

public enum DayOneStep
{
    Units,
    People,
    Strategy,
    FirstPulse,
    ApiKeys,
}

/// <summary>One step of a new company's first day, done or not, and where it is done.</summary>
public sealed record DayOneItem(DayOneStep Step, bool Done, string Href);

/// <summary>
/// The administrator's first-day checklist: units below the company, people besides the administrator, a chosen
/// strategy, a first pulse and an API key for the HR or identity system. Each step ticks itself off as the data
/// arrives; nothing is stored about the checklist itself.
/// </summary>
public sealed class DayOneService(IPortalDbFactory dbFactory, ICurrentUser currentUser)
{
    /// <summary>The steps, in order; empty for anyone but an administrator.</summary>
    public async Task<IReadOnlyList<DayOneItem>> GetAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.OrganisationManage) || !user.Can(Permission.PeopleManage)) return [];
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return
        [
            new(DayOneStep.Units, await db.OrgUnits.AnyAsync(u => u.ParentId != null && u.IsActive, cancellationToken), "/organisation/units"),
            new(DayOneStep.People, await db.People.CountAsync(p => p.IsActive, cancellationToken) > 1, "/organisation/people/import"),
            new(DayOneStep.Strategy, await db.ServiceStrategyChoices.AnyAsync(cancellationToken), "/strategy"),
            new(DayOneStep.FirstPulse, await db.PulseSurveys.AnyAsync(cancellationToken), "/engagement/pulses"),
            new(DayOneStep.ApiKeys, await db.ApiKeys.AnyAsync(k => k.RevokedAt == null, cancellationToken), "/admin/api-keys"),
        ];
    }
}
