using System.Globalization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Scorecards;

/// <summary>Which scorecard: the company's (UnitId null) or one unit's, for a quarter.</summary>
public sealed record ScorecardRequest(Quarter Quarter, int? UnitId);

/// <summary>
/// Gathers every number a scorecard shows, for the company or one unit, without a signed-in user
/// (the command line and the background batch use it). Anonymity thresholds are applied here, so a
/// snapshot never holds a suppressed figure.
/// </summary>
public interface IScorecardDataBuilder
{
    Task<ScorecardData> BuildAsync(ScorecardRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Draws a scorecard's PDF from its frozen data, in the given language.</summary>
public interface IScorecardPdfWriter
{
    byte[] Write(ScorecardData data, CultureInfo culture);
}
