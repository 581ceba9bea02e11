using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Actions;

/// <summary>
/// The cause's value in one quarter. <see cref="Standing"/> is set for causes judged in bands (a standard's RAG against
/// the version in force in that quarter, a promise's verdict) and null for plain values. A quarter without a value has
/// no value and, when judged, <see cref="CauseStanding.NoData"/>.
/// </summary>
public sealed record CauseReading(Quarter Quarter, double? Value, CauseStanding? Standing = null)
{
    public bool HasValue => Value is not null;

    public static CauseReading OfStandard(Quarter quarter, double? actual, RagStatus rag) => new(quarter, actual, ActionCause.StandingOf(rag));

    public static CauseReading OfPromise(Quarter quarter, PromiseVerdict? verdict) =>
        verdict is { } v ? new(quarter, (int)v, ActionCause.StandingOf(v)) : new(quarter, null, CauseStanding.NoData);
}

/// <summary>
/// The result impact of an action (as CatalystOne measures it): the cause's value when the action was created, its value
/// now (the latest quarter since that has one) and per quarter since. Better or worse is decided by the standing where the
/// cause is judged in bands and the standing moved, otherwise by the value in the cause's better direction.
/// </summary>
public sealed record ActionImpact(CauseReading Baseline, CauseReading? Now, IReadOnlyList<CauseReading> Since, double? Change, ImpactVerdict Verdict)
{
    private const double Tolerance = 1e-9;

    /// <param name="readings">The cause's readings; those after the baseline's quarter count, one per quarter (the last given wins).</param>
    public static ActionImpact Of(ActionCause cause, IEnumerable<CauseReading> readings)
    {
        var baseline = cause.BaselineReading;
        var since = readings.Where(r => r.Quarter > baseline.Quarter)
            .GroupBy(r => r.Quarter).Select(g => g.Last())
            .OrderBy(r => r.Quarter).ToList();
        var now = since.LastOrDefault(r => r.HasValue);
        if (now is null) return new ActionImpact(baseline, null, since, null, ImpactVerdict.NotYetMeasured);
        var change = now.Value!.Value - baseline.Value!.Value;
        return new ActionImpact(baseline, now, since, change, VerdictOf(baseline, now, change, cause.HigherIsBetter));
    }

    private static ImpactVerdict VerdictOf(CauseReading baseline, CauseReading now, double change, bool higherIsBetter)
    {
        if (baseline.Standing is { } before and not CauseStanding.NoData && now.Standing is { } after and not CauseStanding.NoData && before != after)
            return after < before ? ImpactVerdict.Improved : ImpactVerdict.Worsened;
        var scale = Math.Max(1, Math.Max(Math.Abs(baseline.Value!.Value), Math.Abs(now.Value!.Value)));
        if (Math.Abs(change) <= Tolerance * scale) return ImpactVerdict.Unchanged;
        return (change > 0) == higherIsBetter ? ImpactVerdict.Improved : ImpactVerdict.Worsened;
    }
}
