using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Common;

/// <summary>Small helpers the strategy and standards use cases share.</summary>
internal static class StrategyReader
{
    public static async Task<ServiceStrategy> LoadStrategyAsync(IPortalDb db, CancellationToken cancellationToken) =>
        new(await db.ServiceStrategyChoices.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The discipline that sets targets now: the one in force this quarter, else the latest choice.</summary>
    public static ValueDiscipline? LeadFor(ServiceStrategy strategy, Quarter quarter) =>
        strategy.DisciplineFor(quarter) ?? strategy.Latest?.Discipline;

    public static Editor EditorOf(UserContext user, TimeProvider clock) =>
        new(user.PersonId ?? 0, user.Name ?? string.Empty, clock.GetUtcNow().UtcDateTime);

    public static Quarter CurrentQuarter(TimeProvider clock) => Quarter.Of(clock.GetUtcNow().UtcDateTime);
}
