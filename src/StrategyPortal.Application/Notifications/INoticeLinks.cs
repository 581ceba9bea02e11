using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Links that prove something, made when a message is sent (Infrastructure: Data Protection and Identity), so no
/// usable token waits in the outbox.
/// </summary>
public interface INoticeLinks
{
    /// <summary>The one-click unsubscribe address for this person and kind: a signed token, no sign-in needed.</summary>
    string Unsubscribe(int personId, NoticeKind kind);

    /// <summary>
    /// The set-your-password link of the person's local account, creating the account (without a password) when it is
    /// missing; null when the person already chose a password, has no usable e-mail, or local accounts are off.
    /// </summary>
    Task<InvitationLink?> SetPasswordAsync(int personId, CancellationToken cancellationToken = default);

    /// <summary>The personal link that opens a pulse round's answer page without a password; null when the person has none.</summary>
    Task<string?> PulseAnswerAsync(int roundId, int personId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the personal links of many people for a round at once (one read, one write), so the <see cref="PulseAnswerAsync"/>
    /// calls that follow for them in this scope need no database: a batch of 10,000 invitations is not 10,000 transactions.
    /// </summary>
    Task PreparePulseAnswersAsync(int roundId, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default);
}

public sealed record InvitationLink(string Url, DateTime ValidUntilUtc);

/// <summary>Reads and checks one-click unsubscribe tokens (see <see cref="INoticeLinks.Unsubscribe"/>).</summary>
public interface IUnsubscribeTokens
{
    string Create(int personId, NoticeKind kind);

    /// <summary>The person and kind a token names; null for a token that was not issued by this portal or was changed.</summary>
    (int PersonId, NoticeKind Kind)? Read(string token);
}

/// <summary>The language each person chose for the portal (their account's), for e-mails that follow it.</summary>
public interface IAccountCultures
{
    Task<IReadOnlyDictionary<int, string>> PreferredCulturesAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default);
}
