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
        if (dueOn is { } due && due < today) throw new DomainException("action.due-in-past", "The due date cannot lie in the past.");
        Apply(title, description, ownerPersonId, dueOn);
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
        if (dueOn is { } due && due != DueOn && due < today) throw new DomainException("action.due-in-past", "The due date cannot lie in the past.");
        Apply(title, description, ownerPersonId, dueOn);
    }

    /// <summary>Records a dated note, optionally moving the status (to dropped only with a reason).</summary>
    public ActionCheckIn CheckIn(DateOnly on, string note, ActionStatus? newStatus, string? dropReason, int byPersonId, DateTime atUtc, DateOnly today)
    {
        EnsureOpen();
        if (on > today) throw new DomainException("action.checkin-future", "A check-in cannot be dated in the future.");
        if (on < CreatedOn) throw new DomainException("action.checkin-before-start", "A check-in cannot be dated before the action started.");
        var text = (note ?? string.Empty).Trim();
        if (text.Length == 0) throw new DomainException("action.note-required", "Say in a few words where the action stands.");
        if (text.Length > ActionCheckIn.NoteMaxLength) throw new DomainException("action.note-too-long", $"A note has at most {ActionCheckIn.NoteMaxLength} characters.");
        if (newStatus is { } status && status != Status)
        {
            if (!CanMove(Status, status)) throw new DomainException("action.status-move", "An action cannot go back to an earlier status.");
            var reason = (dropReason ?? string.Empty).Trim();
            if (status == ActionStatus.Dropped && reason.Length == 0)
                throw new DomainException("action.drop-reason-required", "Say why the action is dropped.");
            if (reason.Length > DropReasonMaxLength) throw new DomainException("action.drop-reason-too-long", $"A reason has at most {DropReasonMaxLength} characters.");
            Status = status;
            DropReason = status == ActionStatus.Dropped ? reason : null;
            if (!status.IsOpen()) ClosedOn = on;
        }
        else newStatus = null;
        var checkIn = new ActionCheckIn(on, text, newStatus, byPersonId, atUtc);
        _checkIns.Add(checkIn);
        return checkIn;
    }

    /// <summary>The status moves forward only: planned → in progress → done, and from either open status to dropped.</summary>
    public static bool CanMove(ActionStatus from, ActionStatus to) => from.IsOpen() && to switch
    {
        ActionStatus.InProgress => from == ActionStatus.Planned,
        ActionStatus.Done or ActionStatus.Dropped => true,
        _ => false,
    };

    private void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException("action.closed", "This action is closed (done or dropped) and can no longer be changed.");
    }

    private void Apply(string title, string description, int? ownerPersonId, DateOnly? dueOn)
    {
        var titleText = (title ?? string.Empty).Trim();
        if (titleText.Length == 0) throw new DomainException("action.title-required", "An action needs a title.");
        if (titleText.Length > TitleMaxLength) throw new DomainException("action.title-too-long", $"A title has at most {TitleMaxLength} characters.");
        var descriptionText = (description ?? string.Empty).Trim();
        if (descriptionText.Length > DescriptionMaxLength) throw new DomainException("action.description-too-long", $"A description has at most {DescriptionMaxLength} characters.");
        if (ownerPersonId is not > 0) throw new DomainException("action.owner-required", "An action needs an owner.");
        if (dueOn is not { } due) throw new DomainException("action.due-required", "An action needs a due date.");
        Title = titleText;
        Description = descriptionText;
        OwnerPersonId = ownerPersonId.Value;
        DueOn = due;
    }
}

/// <summary>A dated note on an action, with the status it moved the action to (if it did).</summary>
public class ActionCheckIn
{
    public const int NoteMaxLength = 1000;

    private ActionCheckIn() { Note = string.Empty; }

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
