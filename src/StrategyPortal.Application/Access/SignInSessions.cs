namespace StrategyPortal.Application.Access;

/// <summary>
/// The server side of a sign-in: one record per sign-in, kept in the database (so every instance sees the same),
/// named by a secret that only the encrypted sign-in cookie carries. A cookie whose session is gone is refused,
/// so signing out ends the session everywhere, also for a copy of the cookie.
/// </summary>
public interface ISignInSessions
{
    /// <summary>Starts a session for the sign-in account <paramref name="userId"/>; returns the secret for the cookie.</summary>
    Task<string> StartAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Whether the session is still open; notes its use (at most every few minutes).</summary>
    Task<bool> IsActiveAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>Ends the session (sign-out, or a new sign-in in the same browser). Unknown secrets are ignored.</summary>
    Task EndAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a sign-in account (deactivation, erasure).</summary>
    Task EndAllAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Removes the sessions that have not been used for longer than <see cref="SignInSessionOptions.IdleTimeout"/>; returns how many.</summary>
    Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default);
}

/// <summary>How long an unused session stays open: the sign-in cookie's own (sliding) lifetime, set by the host.</summary>
public sealed class SignInSessionOptions
{
    /// <summary>The sign-in cookie's sliding lifetime, and so the session's.</summary>
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(8);

    public TimeSpan IdleTimeout { get; set; } = SignInLifetime;

    /// <summary>A session's last use is written at most this often (a read per request, a write per few minutes).</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(5);
}
