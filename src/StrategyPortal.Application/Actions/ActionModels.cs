using System.Globalization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Actions;

/// <summary>The <c>Actions</c> configuration section.</summary>
public sealed class ActionOptions
{
    public const string Section = "Actions";

    /// <summary>Days something may be red (a standard, an unbacked promise, a weak engagement item) without an open action before it is listed as unowned.</summary>
    public int UnownedAfterDays { get; set; } = 14;

    /// <summary>An engagement item below this favourable % (in a shown group of the latest closed round) counts as red.</summary>
    public double FavourableBelow { get; set; } = 50;

    /// <summary>An owner's home page lists the open actions due within this many days (and every overdue one).</summary>
    public int DueSoonDays { get; set; } = 14;
}

/// <summary>
/// Where an action is started from, as a "Take action" link names it (<c>/actions/new?...</c>). The service checks that the
/// reader may see the cause and that it may be a cause (a standard off target, a shown engagement cell, …) before anything.
/// </summary>
public sealed record ActionCauseRef(
    ActionCauseKind Kind,
    Quarter? Quarter = null,
    int? StandardId = null,
    int? PromiseId = null,
    int? RoundId = null,
    int? UnitId = null,
    int? QuestionId = null,
    ServiceChannel? Channel = null,
    CustomerScoreMeasure? Measure = null,
    int? SignalId = null)
{
    public static ActionCauseRef OfStandard(int standardId, Quarter quarter) => new(ActionCauseKind.Standard, quarter, StandardId: standardId);
    public static ActionCauseRef OfPromise(int promiseId, Quarter quarter) => new(ActionCauseKind.Promise, quarter, PromiseId: promiseId);
    public static ActionCauseRef OfEngagement(int roundId, int unitId, int questionId) => new(ActionCauseKind.Engagement, RoundId: roundId, UnitId: unitId, QuestionId: questionId);
    public static ActionCauseRef OfCustomerScore(int unitId, ServiceChannel channel, CustomerScoreMeasure measure, Quarter quarter) =>
        new(ActionCauseKind.CustomerScore, quarter, UnitId: unitId, Channel: channel, Measure: measure);
    public static ActionCauseRef OfSignal(int signalId) => new(ActionCauseKind.Signal, SignalId: signalId);
}

/// <summary>How a cause's values are written: in the standard's own unit, as a verdict, a %, a signed score, a mean or a count.</summary>
public enum CauseValueKind
{
    Metric,
    Verdict,
    Percent,
    Score,
    Mean,
    Count,
}

/// <summary>
/// A cause as a reader sees it: what it is about (<see cref="Subject"/>: the standard's title, the promise's claim, the
/// item's wording, the signal's text), where and when, and how its values read. Holds no figure.
/// </summary>
public sealed record CauseView(
    ActionCauseKind Kind,
    Quarter Quarter,
    string Subject,
    string? UnitName,
    ServiceChannel? Channel,
    CustomerScoreMeasure? Measure,
    QuestionKind? QuestionKind,
    CauseValueKind ValueKind,
    MetricUnit? MetricUnit,
    string? Href)
{
    /// <summary>What the cause is, as a list or the scorecard names it beside its unit: "Standard: Webcare answers within the hour".</summary>
    public string Named(CultureInfo culture) => Name(Kind, Subject, culture);

    /// <inheritdoc cref="Named(CultureInfo)"/>
    public static string Name(ActionCauseKind kind, string subject, CultureInfo culture) => $"{Terms.Of(kind, culture)}: {subject}";

    /// <summary>The cause with where and when, as the action's page and its reminder name it: "Standard: Webcare answers within the hour (Webcare, 2026-Q2)"; a signal adds its channel.</summary>
    public string Line(CultureInfo culture)
    {
        string?[] where = [UnitName, Kind == ActionCauseKind.Signal ? Terms.Of(Channel, culture) : null, Quarter.ToString()];
        return $"{Named(culture)} ({string.Join(", ", where.Where(w => !string.IsNullOrEmpty(w)))})";
    }
}

/// <summary>The result impact as the reader may see it; null figures when the reader may not see the cause's figures.</summary>
public sealed record ImpactView(bool FiguresShown, ActionImpact? Impact)
{
    public static ImpactView Hidden { get; } = new(false, null);
}

public sealed class ActionQuery
{
    public int? UnitId { get; set; }

    /// <summary>Null: open actions; otherwise that status.</summary>
    public ActionStatus? Status { get; set; }
    public bool AllStatuses { get; set; }

    /// <summary>Only actions the reader owns.</summary>
    public bool Mine { get; set; }
    public bool OverdueOnly { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = Common.Paging.DefaultPageSize;
}

public sealed record ActionRow(
    int Id,
    string Title,
    int UnitId,
    string UnitName,
    int OwnerPersonId,
    string OwnerName,
    DateOnly DueOn,
    ActionStatus Status,
    bool IsOverdue,
    ActionCauseKind CauseKind,
    string CauseSubject,
    DateOnly CreatedOn,
    DateOnly? ClosedOn);

public sealed record CheckInRow(DateOnly On, string Note, ActionStatus? NewStatus, string ByName, DateTime AtUtc);

public sealed record ActionDetail(
    ActionRow Action,
    string Description,
    string? DropReason,
    CauseView Cause,
    ImpactView Impact,
    IReadOnlyList<CheckInRow> CheckIns,
    string CreatedByName,
    int Version,
    bool CanEdit,
    bool CanCheckIn);

/// <summary>Create (Id 0, with <see cref="Cause"/>) or change an action. Owner and due date are nullable so an empty field says "required".</summary>
public sealed class ActionInput
{
    public int Id { get; set; }
    public ActionCauseRef? Cause { get; set; }
    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public int UnitId { get; set; }
    public int? OwnerPersonId { get; set; }
    public DateOnly? DueOn { get; set; }
    public int Version { get; set; }
}

public sealed class CheckInInput
{
    public int ActionId { get; set; }
    public DateOnly? On { get; set; }
    public string Note { get; set; } = string.Empty;

    /// <summary>Null: the status stays.</summary>
    public ActionStatus? NewStatus { get; set; }
    public string? DropReason { get; set; }

    /// <summary>The action's version the check-in was written against.</summary>
    public int Version { get; set; }
}

/// <summary>A new action's form with its cause as the reader sees it, and the choices it offers.</summary>
public sealed record NewActionForm(ActionInput Input, CauseView Cause, ImpactView Baseline, IReadOnlyList<UnitChoice> Units);

public sealed record UnitChoice(int Id, string Path);

public sealed record PersonChoice(int Id, string Name, string UnitName);

/// <summary>The owner's open actions that are due soon or overdue (the home page).</summary>
public sealed record MyDueActions(IReadOnlyList<ActionRow> Overdue, IReadOnlyList<ActionRow> DueSoon, int DueSoonDays);

/// <summary>Something red without an open action for longer than the grace period: what it is, since when, and how to act on it.</summary>
public sealed record UnownedItem(
    ActionCauseKind Kind,
    string Subject,
    string UnitName,
    Quarter Quarter,
    double? Value,
    double? Target,
    CauseValueKind ValueKind,
    MetricUnit? MetricUnit,
    DateOnly OffTrackSince,
    int Days,
    ActionCauseRef TakeAction,
    string? Href);

public sealed record UnownedList(IReadOnlyList<UnownedItem> Items, int AfterDays, double FavourableBelow);
