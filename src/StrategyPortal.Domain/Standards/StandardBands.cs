using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>
/// The colour band of the share of a unit's standards that are on target (the scorecard cover's key figure): good from
/// 80 %, poor below 60 %. A standard's own status is its RAG status, not a band.
/// </summary>
public static class StandardBands
{
    public static BandScale OnTargetShare { get; } = new(80, 60);
}
