using StrategyPortal.Application.Access;
using StrategyPortal.Application.Actions;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Scorecards;

/// <summary>Where an action stood at the end of the scorecard's quarter.</summary>
public enum ScorecardActionState
{
    /// <summary>Done within the quarter.</summary>
    Completed,

    /// <summary>Open at the quarter's end, past its due date.</summary>
    Overdue,

    /// <summary>Open at the quarter's end, not yet due.</summary>
    Open,
}

/// <summary>
/// The quarter's actions of the scope, frozen with the scorecard: each as it stood at the quarter's end, with its result
/// impact up to that quarter (figures the scope may not see are left out: <see cref="ScorecardAction.FiguresShown"/> false).
/// </summary>
public sealed record ScorecardActions(IReadOnlyList<ScorecardAction> Items)
{
    public static ScorecardActions None { get; } = new([]);

    public IReadOnlyList<ScorecardAction> In(ScorecardActionState state) => Items.Where(a => a.State == state).ToList();

    public ScorecardAction? Find(int? id) => id is { } i ? Items.FirstOrDefault(a => a.Id == i) : null;
}

/// <summary>One action in a scorecard. The cause's words are kept in both languages where they differ (an engagement item).</summary>
public sealed record ScorecardAction(
    int Id,
    string Title,
    int UnitId,
    string UnitName,
    string OwnerName,
    DateOnly DueOn,
    ActionStatus Status,
    ScorecardActionState State,
    DateOnly? ClosedOn,
    ActionCauseKind CauseKind,
    Quarter CauseQuarter,
    string CauseSubjectNl,
    string CauseSubjectEn,
    int? CauseStandardId,
    int? CausePromiseId,
    int? CauseUnitId,
    CustomerScoreMeasure? CauseMeasure,
    CauseValueKind ValueKind,
    MetricUnit? MetricUnit,
    bool FiguresShown,
    double? Baseline,
    double? Now,
    Quarter? NowQuarter,
    double? Change,
    ImpactVerdict Verdict)
{
    public string CauseSubject(string language) => language == "nl" ? CauseSubjectNl : CauseSubjectEn;
}

/// <summary>Where scorecards read the quarter's actions from, without a signed-in user. <paramref name="scope"/>: the scorecard's units.</summary>
public interface IScorecardActionSource
{
    Task<ScorecardActions> GetAsync(Quarter quarter, UnitScope scope, CancellationToken cancellationToken = default);
}
