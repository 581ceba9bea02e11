using StrategyPortal.Domain.Access;

namespace StrategyPortal.Domain.Notifications;

/// <summary>What an e-mail is about. Stored by name: never renumber.</summary>
public enum NoticeKind
{
    /// <summary>A new local account: a link to set one's own password (a personal invitation).</summary>
    AccountInvitation = 0,

    /// <summary>A pulse round opened: a personal link to answer it (a personal invitation).</summary>
    PulseInvitation = 1,

    /// <summary>A reminder to invited people without a participation.</summary>
    PulseReminder = 2,

    /// <summary>A service signal was forwarded to marketing (to the managers of the marketing units).</summary>
    SignalForwarded = 3,

    /// <summary>Marketing acknowledged a forwarded signal (to whoever logged and forwarded it).</summary>
    SignalAcknowledged = 4,

    /// <summary>A promise is live (or about to go live) while Unbacked (to its owner and the managers of the units it leans on).</summary>
    PromiseUnbacked = 5,

    /// <summary>A standard turned red in a quarter (to the managers of its unit).</summary>
    StandardRed = 6,

    /// <summary>A quarter's scorecards were issued (directors: the company's; managers: their units').</summary>
    ScorecardsIssued = 7,

    /// <summary>An open action comes due in a few days (to its owner).</summary>
    ActionDueSoon = 8,

    /// <summary>An open action passed its due date (to its owner, once per due date).</summary>
    ActionOverdue = 9,
}

public static class NoticeKinds
{
    /// <summary>The kinds a person can switch off (everything except personal invitations), in the order the settings page lists them.</summary>
    public static IReadOnlyList<NoticeKind> Optional { get; } =
    [
        NoticeKind.PulseReminder, NoticeKind.SignalForwarded, NoticeKind.SignalAcknowledged,
        NoticeKind.PromiseUnbacked, NoticeKind.StandardRed, NoticeKind.ScorecardsIssued,
        NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue,
    ];

    /// <summary>
    /// A personal invitation is sent once, to one person, for something only they can do with its link: it cannot be
    /// switched off and carries no <c>List-Unsubscribe</c> header (RFC 8058 is for messages one subscribes to).
    /// </summary>
    public static bool IsPersonalInvitation(this NoticeKind kind) => kind is NoticeKind.AccountInvitation or NoticeKind.PulseInvitation;

    public static bool CanSwitchOff(this NoticeKind kind) => !kind.IsPersonalInvitation();

    /// <summary>The kinds someone in <paramref name="role"/> can receive, so the settings page offers only those.</summary>
    public static IReadOnlyList<NoticeKind> For(PortalRole role) => role switch
    {
        // Anyone in a unit's reach may own an action (ActionReach), so every role can be reminded of one.
        PortalRole.Employee => [NoticeKind.PulseReminder, NoticeKind.SignalAcknowledged, NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue],
        PortalRole.Manager => Optional,
        PortalRole.Director => [NoticeKind.PulseReminder, NoticeKind.ScorecardsIssued, NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue],
        _ => [NoticeKind.PulseReminder, NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue],
    };
}
