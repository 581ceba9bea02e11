namespace StrategyPortal.Application.Access;

/// <summary>What a set-your-password link is worth when it is opened.</summary>
public enum InvitationCheck
{
    /// <summary>The link holds: the person may choose a password.</summary>
    Valid,

    /// <summary>Not a link this portal made, changed, expired, or for an account that no longer exists.</summary>
    Invalid,

    /// <summary>The password was already chosen with it (links work once).</summary>
    Used,
}

/// <summary>The password an invited person chooses, typed twice.</summary>
public sealed class SetPasswordInput
{
    public string Password { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>
/// Local accounts created by invitation (Identity in Infrastructure): the account exists without a password until its
/// person follows the e-mailed link and chooses one. The link's token is Identity's own, signed and time-limited; choosing
/// a password changes the account's security stamp, which ends the token.
/// </summary>
public interface IAccountInvitations
{
    /// <summary>
    /// Creates the person's local account without a password when it is missing (an invitation's account). For an account
    /// that still waits for its password, <paramref name="endEarlierLinks"/> makes every link sent before unusable.
    /// </summary>
    Task EnsureAccountAsync(int personId, bool endEarlierLinks = false, CancellationToken cancellationToken = default);

    Task<InvitationCheck> CheckAsync(int userId, string token, CancellationToken cancellationToken = default);

    /// <summary>Sets the password; refusals (the two differ, the password policy) come back as <see cref="Common.ValidationFailedException"/> per field.</summary>
    Task<InvitationCheck> SetPasswordAsync(int userId, string token, SetPasswordInput input, CancellationToken cancellationToken = default);

    /// <summary>Which of these people have an account that still waits for its password.</summary>
    Task<IReadOnlySet<int>> PendingAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default);
}
