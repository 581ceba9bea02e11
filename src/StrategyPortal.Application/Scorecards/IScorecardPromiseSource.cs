using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Scorecards;

/// <summary>One promise as a scorecard shows it for a quarter. Reasons are already worded in the
/// current UI culture (the scorecard sets it before asking).</summary>
public sealed record ScorecardPromise(
    int PromiseId,
    string Claim,
    string Campaign,
    string OwnerName,
    PromiseVerdict Verdict,
    PromiseVerdict? PreviousQuarterVerdict,
    IReadOnlyList<string> Reasons,
    int LinkedComplaints);

/// <summary>How many promises had each verdict in a quarter (for the trend).</summary>
public sealed record PromiseVerdictCount(Quarter Quarter, int Backed, int AtRisk, int Unbacked);

/// <summary>The promises part of a scorecard: the promises live in the quarter and the verdict history.</summary>
public sealed record ScorecardPromises(IReadOnlyList<ScorecardPromise> Promises, IReadOnlyList<PromiseVerdictCount> History)
{
    public static ScorecardPromises None { get; } = new([], []);
}

/// <summary>
/// Where scorecards read promises from, without a signed-in user (command line and background issuing
/// use it too). <paramref name="unitId"/> null is the company; a unit means the promises that lean on
/// capabilities owned by that unit or its sub-units. <paramref name="historyFrom"/> is the first quarter
/// of the history.
/// </summary>
public interface IScorecardPromiseSource
{
    Task<ScorecardPromises> GetAsync(Quarter quarter, int? unitId, Quarter historyFrom, CancellationToken cancellationToken = default);
}

/// <summary>The default until the promises feature registers its own.</summary>
public sealed class NoScorecardPromiseSource : IScorecardPromiseSource
{
    public Task<ScorecardPromises> GetAsync(Quarter quarter, int? unitId, Quarter historyFrom, CancellationToken cancellationToken = default) =>
        Task.FromResult(ScorecardPromises.None);
}
