using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>
/// Engagement per unit and quarter, as the pulses report it (the unit with its sub-units). When the
/// pulses' anonymity rules hide a unit for a quarter the entry is <see cref="Suppressed"/> and carries no
/// numbers: such a unit is never plotted or counted in a correlation.
/// </summary>
public sealed record UnitEngagement(int UnitId, Quarter Quarter, bool Suppressed, double? EngagedShare, double? Enps)
{
    public static UnitEngagement Hidden(int unitId, Quarter quarter) => new(unitId, quarter, true, null, null);
}

/// <summary>Where the engagement × customer view gets engagement from. The pulses feature provides the real one.</summary>
public interface IUnitEngagementSource
{
    Task<IReadOnlyList<UnitEngagement>> GetAsync(IReadOnlyCollection<int> unitIds, Quarter from, Quarter to, CancellationToken cancellationToken = default);
}

/// <summary>The default until pulses are wired in: no engagement data, so the view says so.</summary>
public sealed class NoUnitEngagementSource : IUnitEngagementSource
{
    public Task<IReadOnlyList<UnitEngagement>> GetAsync(IReadOnlyCollection<int> unitIds, Quarter from, Quarter to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UnitEngagement>>([]);
}
