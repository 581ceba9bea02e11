using System.Text.Json;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>
/// The verdict a promise got for one quarter, with its reasons, as evaluated last. One row per promise and quarter;
/// re-evaluation overwrites it, so the history shows how the gap developed quarter by quarter.
/// </summary>
public class PromiseCheckResult
{
    private PromiseCheckResult() { ReasonsJson = "[]"; }

    public PromiseCheckResult(int promiseId, Quarter quarter, PromiseCheckOutcome outcome, int complaints, DateTime evaluatedAtUtc) : this()
    {
        PromiseId = promiseId;
        QuarterKey = quarter.Key;
        Apply(outcome, complaints, evaluatedAtUtc);
    }

    public int Id { get; private set; }
    public int PromiseId { get; private set; }
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);
    public PromiseVerdict Verdict { get; private set; }
    public string ReasonsJson { get; private set; }
    public int Complaints { get; private set; }
    public DateTime EvaluatedAtUtc { get; private set; }

    public IReadOnlyList<PromiseReason> Reasons =>
        (JsonSerializer.Deserialize<List<StoredReason>>(ReasonsJson) ?? []).Select(r => new PromiseReason(r.C, r.A)).ToList();

    public void Apply(PromiseCheckOutcome outcome, int complaints, DateTime evaluatedAtUtc)
    {
        Verdict = outcome.Verdict;
        ReasonsJson = JsonSerializer.Serialize(outcome.Reasons.Select(r => new StoredReason(r.Code, r.Args.ToList())).ToList());
        Complaints = complaints;
        EvaluatedAtUtc = DateTime.SpecifyKind(evaluatedAtUtc, DateTimeKind.Utc);
    }

    private sealed record StoredReason(string C, List<string> A);
}
