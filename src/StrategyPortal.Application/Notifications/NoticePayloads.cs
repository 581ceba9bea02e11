using System.Text.Json;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// What a notice says, as stored in <see cref="OutboxMessage.Payload"/> when the change happens: facts of that moment
/// (names, texts, figures), never a secret. Links and the language are settled when the message is sent.
/// </summary>
public abstract record NoticePayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, GetType(), Json);

    public static NoticePayload Deserialize(NoticeKind kind, string json) => (NoticePayload)(JsonSerializer.Deserialize(json, TypeOf(kind), Json)
        ?? throw new InvalidOperationException($"An empty payload for a {kind} notice."));

    public static Type TypeOf(NoticeKind kind) => kind switch
    {
        NoticeKind.AccountInvitation => typeof(AccountInvitationNotice),
        NoticeKind.SignalForwarded => typeof(SignalForwardedNotice),
        NoticeKind.SignalAcknowledged => typeof(SignalAcknowledgedNotice),
        NoticeKind.PromiseUnbacked => typeof(PromiseUnbackedNotice),
        NoticeKind.StandardRed => typeof(StandardRedNotice),
        NoticeKind.ScorecardsIssued => typeof(ScorecardsIssuedNotice),
        NoticeKind.PulseInvitation or NoticeKind.PulseReminder => typeof(PulseNotice),
        NoticeKind.ActionDueSoon or NoticeKind.ActionOverdue => typeof(ActionReminderNotice),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notice kind."),
    };
}

/// <summary>A new local account: the set-your-password link is made when the message is sent.</summary>
public sealed record AccountInvitationNotice(int PersonId, string InvitedByName) : NoticePayload;

/// <param name="MarketingUnits">The marketing units the recipient manages (the "why").</param>
public sealed record SignalForwardedNotice(int SignalId, string UnitName, SignalKind SignalKind, int Count, DateOnly Date, string Text,
    string? PromiseClaim, string ForwardedByName, string MarketingUnits) : NoticePayload;

/// <param name="Role">"forwarded" or "logged": why the recipient hears of it.</param>
public sealed record SignalAcknowledgedNotice(int SignalId, string UnitName, SignalKind SignalKind, DateOnly Date, string Text,
    string AcknowledgedByName, string Role) : NoticePayload;

/// <param name="Reasons">Why service cannot back it, worded in the recipient's language when sent.</param>
/// <param name="ConcernedUnit">Null for the promise's owner; else the unit the recipient manages whose capabilities it leans on.</param>
public sealed record PromiseUnbackedNotice(int PromiseId, string Claim, DateOnly LiveFrom, int QuarterKey, IReadOnlyList<PromiseReason> Reasons,
    string? ConcernedUnit) : NoticePayload;

public sealed record StandardRedNotice(int StandardId, string Title, string UnitName, int QuarterKey, double Actual, double? Target,
    MetricUnit Unit, MetricDirection Direction) : NoticePayload;

/// <param name="Scorecards">The scorecards the recipient is sent (unit null: the company's).</param>
/// <param name="Role">"director" or "manager".</param>
public sealed record ScorecardsIssuedNotice(int IssueId, int QuarterKey, int IssueNumber, string IssuedByName, string Role,
    IReadOnlyList<IssuedUnit> Scorecards) : NoticePayload;

public sealed record IssuedUnit(int? UnitId, string UnitName);

/// <summary>A pulse invitation or reminder: the personal link is made when the message is sent.</summary>
public sealed record PulseNotice(int RoundId, string Title, DateOnly OpensOn, DateOnly ClosesOn) : NoticePayload;

/// <summary>
/// An action due soon or overdue, for its owner: what they can already read on the action's page — its title, unit, due
/// date and status, and its cause in both languages (an engagement cause names its unit and item, never people or figures).
/// </summary>
/// <param name="Cause">The cause's line per language ("nl", "en").</param>
public sealed record ActionReminderNotice(int ActionId, string Title, string UnitName, DateOnly DueOn, Domain.Actions.ActionStatus Status,
    IReadOnlyDictionary<string, string> Cause) : NoticePayload;
