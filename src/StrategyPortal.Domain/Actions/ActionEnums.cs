namespace StrategyPortal.Domain.Actions;

/// <summary>Where an action stands. Planned and in progress are open; done and dropped are closed for good.</summary>
public enum ActionStatus
{
    Planned = 0,
    InProgress = 1,
    Done = 2,

    /// <summary>Given up, with a reason.</summary>
    Dropped = 3,
}

/// <summary>What an action was started from: exactly one cause, chosen where it is shown.</summary>
public enum ActionCauseKind
{
    /// <summary>A service standard that was amber or red in a quarter.</summary>
    Standard = 0,

    /// <summary>A marketing promise that was at risk or could not be backed in a quarter.</summary>
    Promise = 1,

    /// <summary>An engagement item or the eNPS of a unit in a closed pulse round, in a cell the reader was shown.</summary>
    Engagement = 2,

    /// <summary>A customer score (NPS, CSAT, CES or complaints) of a unit and a channel in a quarter.</summary>
    CustomerScore = 3,

    /// <summary>A complaint or question service logged.</summary>
    Signal = 4,
}

/// <summary>Which customer score an action acts on.</summary>
public enum CustomerScoreMeasure
{
    Nps = 0,
    Csat = 1,
    Ces = 2,
    Complaints = 3,
}

/// <summary>How a cause stands in a quarter where it is judged in bands (standards: RAG; promises: the verdict).</summary>
public enum CauseStanding
{
    /// <summary>Nothing measured in the quarter: never good.</summary>
    NoData = 0,
    Good = 1,
    Watch = 2,
    Bad = 3,
}

/// <summary>What the action has done to its cause so far: the value now against the baseline.</summary>
public enum ImpactVerdict
{
    /// <summary>No value since the action started.</summary>
    NotYetMeasured = 0,
    Improved = 1,
    Unchanged = 2,
    Worsened = 3,
}

public static class ActionStatusExtensions
{
    public static bool IsOpen(this ActionStatus status) => status is ActionStatus.Planned or ActionStatus.InProgress;
}
