using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

public enum SignalKind
{
    Complaint = 0,
    Question = 1,
    Compliment = 2,
}

/// <summary>
/// What customer service or webcare heard from customers: a complaint, question or compliment on a channel and
/// date, how many times, a short text and optionally the promise it concerns. Service forwards it to marketing,
/// marketing acknowledges it, so the customer does not have to tell the story twice.
/// </summary>
public class ServiceSignal : IVersioned
{
    public const int TextMaxLength = 500;
    public const int MaxCount = 100_000;

    private ServiceSignal() { Text = LoggedByName = string.Empty; }

    public ServiceSignal(int unitId, SignalKind kind, ServiceChannel channel, DateOnly date, int count, string text, int? promiseId,
        int loggedById, string loggedByName, DateTime loggedAtUtc) : this()
    {
        UnitId = unitId;
        LoggedById = loggedById;
        LoggedByName = loggedByName;
        LoggedAtUtc = DateTime.SpecifyKind(loggedAtUtc, DateTimeKind.Utc);
        Update(kind, channel, date, count, text, promiseId);
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public SignalKind Kind { get; private set; }
    public ServiceChannel Channel { get; private set; }
    public DateOnly Date { get; private set; }
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);
    public int Count { get; private set; }
    public string Text { get; private set; }
    public int? PromiseId { get; private set; }
    public int LoggedById { get; private set; }
    public string LoggedByName { get; private set; }
    public DateTime LoggedAtUtc { get; private set; }
    public DateTime? ForwardedAtUtc { get; private set; }
    public int? ForwardedById { get; private set; }
    public string? ForwardedByName { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public int? AcknowledgedById { get; private set; }
    public string? AcknowledgedByName { get; private set; }
    public int Version { get; set; }

    public bool IsForwarded => ForwardedAtUtc is not null;
    public bool IsAcknowledged => AcknowledgedAtUtc is not null;

    public void Update(SignalKind kind, ServiceChannel channel, DateOnly date, int count, string text, int? promiseId)
    {
        ValidKind(kind);
        ValidCount(count);
        var trimmed = ValidText(text);
        Kind = kind;
        Channel = channel;
        Date = date;
        QuarterKey = Quarter.Of(date).Key;
        Count = count;
        Text = trimmed;
        PromiseId = promiseId is > 0 ? promiseId : null;
    }

    public static SignalKind ValidKind(SignalKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new DomainException("signal.kind-invalid", "Unknown kind of signal.");

    public static int ValidCount(int count) =>
        count is < 1 or > MaxCount ? throw new DomainException("signal.count-range", $"The count runs from 1 to {MaxCount}.") : count;

    /// <summary>A day that has begun: signals report what customers already said.</summary>
    public static DateOnly ValidDate(DateOnly date, DateOnly today) =>
        date > today ? throw new DomainException("signal.date-future", "The date cannot lie in the future.") : date;

    public static string ValidText(string? text) => TextRules.Required(text, TextMaxLength, "signal.text");

    /// <summary>Corrects a mistake in what was logged, while the signal is still with service (marketing has not seen it).</summary>
    public void Correct(SignalKind kind, ServiceChannel channel, DateOnly date, int count, string text, int? promiseId)
    {
        EnsureNotForwarded();
        Update(kind, channel, date, count, text, promiseId);
    }

    /// <summary>Refuses to withdraw (delete) a signal marketing has been sent: it is part of what marketing was told.</summary>
    public void EnsureCanWithdraw() => EnsureNotForwarded();

    private void EnsureNotForwarded()
    {
        if (IsForwarded) throw new DomainException("signal.forwarded-final", "A signal forwarded to marketing can no longer be corrected or withdrawn.");
    }

    public void Forward(int byId, string byName, DateTime atUtc)
    {
        if (IsForwarded) throw new DomainException("signal.already-forwarded", "This signal has already been forwarded to marketing.");
        ForwardedById = byId;
        ForwardedByName = byName;
        ForwardedAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    public void Acknowledge(int byId, string byName, DateTime atUtc)
    {
        if (!IsForwarded) throw new DomainException("signal.not-forwarded", "Only a signal forwarded to marketing can be acknowledged.");
        if (IsAcknowledged) throw new DomainException("signal.already-acknowledged", "This signal has already been acknowledged.");
        AcknowledgedById = byId;
        AcknowledgedByName = byName;
        AcknowledgedAtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }
}
