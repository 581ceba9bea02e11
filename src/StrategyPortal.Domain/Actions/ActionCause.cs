using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Actions;

/// <summary>
/// The one thing an action was started from, with its value when the action was created (the baseline). The
/// factories hold the rules of what may be a cause: a standard only when amber or red in the quarter, a promise only
/// when at risk or unbacked, an engagement cell only when it was shown (never a hidden group), a customer score only
/// with a value, a signal only when it is a complaint or a question. Stored with the action; the ids point at the cause.
/// </summary>
public sealed class ActionCause
{
    private ActionCause() { }

    public ActionCauseKind Kind { get; private set; }

    /// <summary>The quarter the cause was seen in: its baseline's quarter.</summary>
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);

    public int? StandardId { get; private set; }
    public int? PromiseId { get; private set; }
    public int? RoundId { get; private set; }
    public int? QuestionId { get; private set; }

    /// <summary>The unit of an engagement cell, customer score or signal (a standard's and a promise's unit is their own).</summary>
    public int? UnitId { get; private set; }
    public ServiceChannel? Channel { get; private set; }
    public CustomerScoreMeasure? Measure { get; private set; }
    public int? SignalId { get; private set; }

    /// <summary>The value when the action was created: a standard's actual, a promise's verdict (0–2), a favourable % or eNPS, a score, a count.</summary>
    public double Baseline { get; private set; }
    public CauseStanding? BaselineStanding { get; private set; }

    /// <summary>Which way is better for the value: up (scores, favourable %) or down (complaints, lower-is-better standards, verdicts).</summary>
    public bool HigherIsBetter { get; private set; }

    public CauseReading BaselineReading => new(Quarter, Baseline, BaselineStanding);

    public static ActionCause ForStandard(int standardId, Quarter quarter, double? actual, RagStatus rag, MetricDirection direction)
    {
        if (rag is not (RagStatus.Amber or RagStatus.Red) || actual is not { } value)
            throw new DomainException("action.cause-standard-on-target", "Only a standard that was amber or red in the quarter can be the cause of an action.");
        return new ActionCause
        {
            Kind = ActionCauseKind.Standard, StandardId = standardId, QuarterKey = quarter.Key, Baseline = value,
            BaselineStanding = StandingOf(rag), HigherIsBetter = direction == MetricDirection.HigherIsBetter,
        };
    }

    public static ActionCause ForPromise(int promiseId, Quarter quarter, PromiseVerdict verdict)
    {
        if (verdict is not (PromiseVerdict.AtRisk or PromiseVerdict.Unbacked))
            throw new DomainException("action.cause-promise-backed", "Only a promise that is at risk or cannot be backed can be the cause of an action.");
        return new ActionCause
        {
            Kind = ActionCauseKind.Promise, PromiseId = promiseId, QuarterKey = quarter.Key, Baseline = (int)verdict,
            BaselineStanding = StandingOf(verdict), HigherIsBetter = false,
        };
    }

    /// <param name="visibility">How the results service showed the cell to the person creating the action.</param>
    public static ActionCause ForEngagement(int roundId, Quarter quarter, int unitId, int questionId, QuestionKind kind, GroupVisibility visibility, double? score)
    {
        if (visibility != GroupVisibility.Shown || score is not { } value)
            throw new DomainException("action.cause-hidden", "This result is not shown (too few answers), so it cannot be the cause of an action.");
        if (!kind.HasFavourable() && kind != QuestionKind.Enps)
            throw new DomainException("action.cause-not-scored", "Only a scored engagement item or the eNPS can be the cause of an action.");
        return new ActionCause
        {
            Kind = ActionCauseKind.Engagement, RoundId = roundId, QuarterKey = quarter.Key, UnitId = unitId, QuestionId = questionId,
            Baseline = value, HigherIsBetter = true,
        };
    }

    public static ActionCause ForCustomerScore(int unitId, ServiceChannel channel, CustomerScoreMeasure measure, Quarter quarter, double? value)
    {
        if (value is not { } v)
            throw new DomainException("action.cause-no-value", "This score has no value in the quarter, so it cannot be the cause of an action.");
        return new ActionCause
        {
            Kind = ActionCauseKind.CustomerScore, UnitId = unitId, Channel = channel, Measure = measure, QuarterKey = quarter.Key,
            Baseline = v, HigherIsBetter = measure != CustomerScoreMeasure.Complaints,
        };
    }

    /// <param name="count">How many signals of the same kind the unit logged on the channel in the quarter.</param>
    public static ActionCause ForSignal(int signalId, int unitId, ServiceChannel channel, SignalKind kind, Quarter quarter, int count)
    {
        if (kind == SignalKind.Compliment)
            throw new DomainException("action.cause-compliment", "A compliment needs no action; start one from a complaint or a question.");
        return new ActionCause
        {
            Kind = ActionCauseKind.Signal, SignalId = signalId, UnitId = unitId, Channel = channel, QuarterKey = quarter.Key,
            Baseline = count, HigherIsBetter = false,
        };
    }

    public static CauseStanding StandingOf(RagStatus rag) => rag switch
    {
        RagStatus.Green => CauseStanding.Good,
        RagStatus.Amber => CauseStanding.Watch,
        RagStatus.Red => CauseStanding.Bad,
        _ => CauseStanding.NoData,
    };

    public static CauseStanding StandingOf(PromiseVerdict verdict) => verdict switch
    {
        PromiseVerdict.Backed => CauseStanding.Good,
        PromiseVerdict.AtRisk => CauseStanding.Watch,
        _ => CauseStanding.Bad,
    };
}
