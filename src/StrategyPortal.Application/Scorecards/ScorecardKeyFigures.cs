using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// The key figures of a scorecard's cover, each with its value the quarter before: what the PDF's cover and the home
/// page's "quarter at a glance" show, read from one <see cref="ScorecardData"/> in one place so the two cannot differ.
/// Engagement figures are null when the scope's group is hidden by the anonymity rules (<see cref="EngagementShown"/>).
/// </summary>
public sealed record ScorecardKeyFigures(
    Quarter Quarter,
    int? UnitId,
    string? UnitName,
    double? StandardsGreen,
    double? StandardsGreenBefore,
    int StandardsRed,
    int StandardsTurnedRed,
    int PromisesBacked,
    int PromisesTotal,
    int PromisesUnbacked,
    bool EngagementShown,
    int MinGroupSize,
    double? Engaged,
    double? EngagedBefore,
    double? Enps,
    double? EnpsBefore,
    double? Nps,
    double? NpsBefore,
    double? Csat,
    double? CsatBefore)
{
    public static ScorecardKeyFigures Of(ScorecardData data)
    {
        var standards = data.Standards;
        var previousRag = standards.Trend.Count > 1 ? standards.Trend[^2] : null;
        var engagement = data.Engagement;
        var previousEngagement = engagement.Trend.Count > 1 ? engagement.Trend[^2] : null;
        var customers = data.Customers;
        var promises = data.Promises.Promises;
        var shown = engagement.IsShown;
        return new ScorecardKeyFigures(data.Quarter, data.UnitId, data.UnitName,
            standards.GreenShare, previousRag?.GreenShare, standards.Count(Domain.Standards.RagStatus.Red), standards.TurnedRed.Count,
            promises.Count(p => p.Verdict == PromiseVerdict.Backed), promises.Count, promises.Count(p => p.Verdict == PromiseVerdict.Unbacked),
            shown, engagement.MinGroupSize,
            shown ? engagement.Shares!.Engaged : null, shown ? previousEngagement?.Engaged : null,
            shown ? engagement.Enps : null, shown ? previousEngagement?.Enps : null,
            customers.Current?.Nps, customers.Previous?.Nps, customers.Current?.Csat, customers.Previous?.Csat);
    }
}
