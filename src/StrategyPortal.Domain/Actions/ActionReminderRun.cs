using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Domain.Actions;

/// <summary>
/// An action reminder that was decided (and, unless the owner switched the kind off, queued as an e-mail in the same
/// transaction): one per (action, kind, due date, owner). The key lets only one instance remind an owner of one due date:
/// a second instance's insert fails and its message rolls back with it. A moved due date or a new owner is a new key, so
/// they get reminders of their own.
/// </summary>
[NotAudited] // the job's bookkeeping, like the outbox
public class ActionReminderRun
{
    private ActionReminderRun() { }

    public ActionReminderRun(int actionId, NoticeKind kind, DateOnly dueOn, int personId, DateTime sentAtUtc)
    {
        if (kind is not (NoticeKind.ActionDueSoon or NoticeKind.ActionOverdue))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an action reminder.");
        ActionId = actionId;
        Kind = kind;
        DueOn = dueOn;
        PersonId = personId;
        SentAtUtc = DateTime.SpecifyKind(sentAtUtc, DateTimeKind.Utc);
    }

    public int ActionId { get; private set; }
    public NoticeKind Kind { get; private set; }

    /// <summary>The due date the reminder was about.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The owner it went to.</summary>
    public int PersonId { get; private set; }

    public DateTime SentAtUtc { get; private set; }
}
