using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Actions;

/// <summary>
/// An action a unit takes on what the numbers say: a title, an owner (a person), a due date, a status and check-ins,
/// started from exactly one <see cref="ActionCause"/> whose value then is the baseline of its result impact. Planned and
/// in-progress actions are open; done and dropped (with a reason) are closed and take no more changes.
/// </summary>
public class ImprovementAction : IVersioned
{
    public const int TitleMaxLength = 160;
    public const int DescriptionMaxLength = 2000;
    public const int DropReasonMaxLength = 500;

    private readonly List<ActionCheckIn> _checkIns = [];

    private ImprovementAction()
    {
        Title = Description = string.Empty;
        Cause = null!;
    }

    /// <param name="today">The day it is created: a due date before it is refused.</param>
    public ImprovementAction(string title, string description, int? ownerPersonId, int unitId, DateOnly? dueOn, ActionCause cause,
        int createdByPersonId, DateTime createdAtUtc, DateOnly today) : this()
    {
        Apply(title, description, ownerPersonId, ValidDueOn(dueOn, today));
        UnitId = unitId;
        Cause = cause ?? throw new DomainException("action.cause-required", "An action starts from exactly one cause.");
        Status = ActionStatus.Planned;
        CreatedByPersonId = createdByPersonId;
        CreatedAtUtc = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public string Description { get; private set; }
    public int OwnerPersonId { get; private set; }
    public int UnitId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public ActionStatus Status { get; private set; }
    public string? DropReason { get; private set; }

    /// <summary>The day it was done or dropped.</summary>
    public DateOnly? ClosedOn { get; private set; }
    public ActionCause Cause { get; private set; }
    public int CreatedByPersonId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int Version { get; set; }

    /// <summary>Check-ins, oldest first (loaded with the action when needed).</summary>
    public IReadOnlyList<ActionCheckIn> CheckIns => _checkIns.OrderBy(c => c.On).ThenBy(c => c.AtUtc).ToList();

    public bool IsOpen => Status.IsOpen();

    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;

    /// <summary>Open and due on or before <paramref name="today"/> + <paramref name="days"/> (overdue ones included).</summary>
    public bool IsDueWithin(DateOnly today, int days) => IsOpen && DueOn <= today.AddDays(days);

    /// <summary>
    /// The status the action had at the end of <paramref name="day"/>, from its check-ins (a scorecard shows its actions as
    /// they stood at the quarter's end): planned from its creation until the first check-in that moved it.
    /// </summary>
    public ActionStatus StatusOn(DateOnly day) =>
        _checkIns.Where(c => c.NewStatus is not null && c.On <= day).OrderBy(c => c.On).ThenBy(c => c.AtUtc).LastOrDefault()?.NewStatus ?? ActionStatus.Planned;

    /// <summary>The created-on day in the quarter sense: when the action started.</summary>
    public DateOnly CreatedOn => DateOnly.FromDateTime(CreatedAtUtc);

    /// <summary>Changes what the action is and who owns it. A due date that moves may not move into the past.</summary>
    public void Revise(string title, string description, int? ownerPersonId, DateOnly? dueOn, DateOnly today)
    {
        EnsureOpen();
        Apply(title, description, ownerPersonId, ValidDueOn(dueOn, today, DueOn));
    }

    /// <summary>Records a dated note, optionally moving the status (to dropped only with a reason).</summary>
    public ActionCheckIn CheckIn(DateOnly on, string note, ActionStatus? newStatus, string? dropReason, int byPersonId, DateTime atUtc, DateOnly today)
    {
        EnsureOpen();
        on = ValidCheckInDay(on, today);
        var text = ActionCheckIn.ValidNote(note);
        newStatus = ValidMove(newStatus);
        var reason = ValidDropReason(newStatus, dropReason);
        if (newStatus is { } status)
        {
            Status = status;
            DropReason = status == ActionStatus.Dropped ? reason : null;
            if (!status.IsOpen()) ClosedOn = on;
        }
        var checkIn = new ActionCheckIn(on, text, newStatus, byPersonId, atUtc);
        _checkIns.Add(checkIn);
        return checkIn;
    }

    // ------------------------------------------------------------------ the rules (the input's validator and the service use them too)

    public static string ValidTitle(string? title) => TextRules.Required(title, TitleMaxLength, "action.title");

    public static string ValidDescription(string? description) => TextRules.Optional(description, DescriptionMaxLength, "action.description");

    public static int ValidOwner(int? ownerPersonId) =>
        ownerPersonId is > 0 ? ownerPersonId.Value : throw new DomainException("action.owner-required", "An action needs an owner.");

    public static DateOnly ValidDueOn(DateOnly? dueOn) =>
        dueOn ?? throw new DomainException("action.due-required", "An action needs a due date.");

    /// <summary>A new or moved due date may not lie before <paramref name="today"/>; an unchanged one (<paramref name="current"/>, now overdue) stays.</summary>
    public static DateOnly ValidDueOn(DateOnly? dueOn, DateOnly today, DateOnly? current = null)
    {
        var due = ValidDueOn(dueOn);
        if (due != current && due < today) throw new DomainException("action.due-in-past", "The due date cannot lie in the past.");
        return due;
    }

    /// <summary>The reason, required when the action is dropped (empty otherwise).</summary>
    public static string ValidDropReason(ActionStatus? newStatus, string? reason) => newStatus == ActionStatus.Dropped
        ? TextRules.Required(reason, DropReasonMaxLength, "action.drop-reason")
        : TextRules.Optional(reason, DropReasonMaxLength, "action.drop-reason");

    /// <summary>A check-in's day: not in the future, not before the action started.</summary>
    public DateOnly ValidCheckInDay(DateOnly? on, DateOnly today)
    {
        var day = on ?? throw new DomainException("action.checkin-date-required", "A check-in needs a date.");
        if (day > today) throw new DomainException("action.checkin-future", "A check-in cannot be dated in the future.");
        if (day < CreatedOn) throw new DomainException("action.checkin-before-start", "A check-in cannot be dated before the action started.");
        return day;
    }

    /// <summary>The status a check-in moves the action to, or null when it stays (the same status is no move).</summary>
    public ActionStatus? ValidMove(ActionStatus? newStatus)
    {
        if (newStatus is not { } status || status == Status) return null;
        if (!Enum.IsDefined(status) || !CanMove(Status, status)) throw new DomainException("action.status-move", "An action cannot go back to an earlier status.");
        return status;
    }

    /// <summary>The status moves forward only: planned → in progress → done, and from either open status to dropped.</summary>
    public static bool CanMove(ActionStatus from, ActionStatus to) => from.IsOpen() && to switch
    {
        ActionStatus.InProgress => from == ActionStatus.Planned,
        ActionStatus.Done or ActionStatus.Dropped => true,
        _ => false,
    };

    /// <summary>A done or dropped action takes no more changes.</summary>
    public void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException("action.closed", "This action is closed (done or dropped) and can no longer be changed.");
    }

    private void Apply(string title, string description, int? ownerPersonId, DateOnly dueOn)
    {
        Title = ValidTitle(title);
        Description = ValidDescription(description);
        OwnerPersonId = ValidOwner(ownerPersonId);
        DueOn = dueOn;
    }
}

/// <summary>A dated note on an action, with the status it moved the action to (if it did).</summary>
public class ActionCheckIn
{
    public const int NoteMaxLength = 1000;

    private ActionCheckIn() { Note = string.Empty; }

    public static string ValidNote(string? note) => TextRules.Required(note, NoteMaxLength, "action.note");

    internal ActionCheckIn(DateOnly on, string note, ActionStatus? newStatus, int byPersonId, DateTime atUtc) : this()
    {
        On = on;
        Note = note;
        NewStatus = newStatus;
        ByPersonId = byPersonId;
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int ActionId { get; private set; }
    public DateOnly On { get; private set; }
    public string Note { get; private set; }
    public ActionStatus? NewStatus { get; private set; }
    public int ByPersonId { get; private set; }
    public DateTime AtUtc { get; private set; }
}
