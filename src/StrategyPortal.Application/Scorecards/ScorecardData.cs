using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// Every number of one scorecard, frozen: an issued scorecard stores this as its snapshot (JSON via
/// System.Text.Json, so it must round-trip: records with public constructors, no cycles) and is always
/// drawn from it, never from live data.
/// </summary>
public sealed record ScorecardData(
    string CompanyName,
    Quarter Quarter,
    int? UnitId,
    string? UnitName,
    DateTime GeneratedAtUtc);
