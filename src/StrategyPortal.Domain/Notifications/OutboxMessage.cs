using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Notifications;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (for the first time, or again after a failed try at <see cref="OutboxMessage.NextAttemptAtUtc"/>).</summary>
    Queued = 0,

    /// <summary>Claimed by a worker until <see cref="OutboxMessage.LeaseUntilUtc"/>; a lapsed lease (a stopped instance) makes it claimable again.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Every try failed (or the server refused the address for good): it waits for an administrator to retry it.</summary>
    Failed = 3,

    /// <summary>Not sent, and not to be: the recipient was deactivated or switched the kind off before it went out.</summary>
    Cancelled = 4,
}

/// <summary>
/// An e-mail to send, stored in the same transaction as the change that causes it and sent by the outbox worker of any
/// instance. It holds what to say (<see cref="Kind"/> and <see cref="Payload"/>, JSON) and to whom; the text is rendered
/// when it is sent, in the recipient's language then, and links that prove something (a password link) are made then
/// too, so no secret waits in the database. Job bookkeeping: not audited.
/// </summary>
[NotAudited]
public class OutboxMessage
{
    public const int PayloadMaxLength = 8000;
    public const int ErrorMaxLength = 1000;
    public const int OwnerMaxLength = 100;

    private OutboxMessage() { ToAddress = ToName = Payload = string.Empty; }

    public OutboxMessage(NoticeKind kind, int? personId, string toAddress, string toName, string payload, DateTime nowUtc) : this()
    {
        if (payload.Length > PayloadMaxLength) throw new ArgumentException("The notice's payload is too long.", nameof(payload));
        Kind = kind;
        PersonId = personId;
        ToAddress = toAddress.Length > Person.EmailMaxLength ? toAddress[..Person.EmailMaxLength] : toAddress;
        ToName = toName.Length > Person.NameMaxLength ? toName[..Person.NameMaxLength] : toName;
        Payload = payload;
        Status = OutboxStatus.Queued;
        CreatedAtUtc = NextAttemptAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public NoticeKind Kind { get; private set; }

    /// <summary>The person it is for (null once that person was erased).</summary>
    public int? PersonId { get; private set; }

    public string ToAddress { get; private set; }
    public string ToName { get; private set; }
    public string Payload { get; private set; }
    public OutboxStatus Status { get; private set; }

    /// <summary>How many times a worker claimed it (a try that was cut off by a stopped instance counts too).</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// When to try again after failed try number <paramref name="attempts"/> (1-based): <paramref name="baseDelay"/> doubled
    /// per earlier failure (30 s, 1 min, 2 min, 4 min … with the default), never more than <paramref name="maxDelay"/>.
    /// </summary>
    public static DateTime RetryAt(DateTime failedAtUtc, int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = baseDelay.Ticks * Math.Pow(2, doublings);
        return failedAtUtc + (delay >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)delay));
    }

    /// <summary>Whether try number <paramref name="attempts"/> was the last one allowed.</summary>
    public static bool GivesUpAfter(int attempts, int maxAttempts) => attempts >= Math.Max(1, maxAttempts);

    public static string Shorten(string error) => error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
}
