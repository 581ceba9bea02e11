namespace StrategyPortal.Application.Access;

/// <summary>Sign-in accounts (ASP.NET Core Identity in Infrastructure), kept apart from the people they belong to.</summary>
public interface IAccountService
{
    Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a local account for a person; password policy failures come back as a whole-form <see cref="Common.ValidationFailedException"/> (the caller names its password field).</summary>
    Task CreateLoginAsync(int personId, string email, string password, CancellationToken cancellationToken = default);

    /// <summary>Which of these people have a sign-in account (one query for a page of people).</summary>
    Task<IReadOnlySet<int>> WithLoginAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default);

    /// <summary>Keeps the account's e-mail and sign-in state in step with the person (deactivated people cannot sign in).</summary>
    Task SyncWithPersonAsync(int personId, CancellationToken cancellationToken = default);

    /// <summary>Whether an erased person signed in with this e-mail (signing in again is refused with its own message).</summary>
    Task<bool> IsErasedEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>What the sign-in account of a person holds (for a privacy export); null when there is none.</summary>
    Task<LoginSummary?> DescribeLoginAsync(int personId, CancellationToken cancellationToken = default);
}

/// <summary>A sign-in account as a privacy export shows it (never the password hash or security stamp).</summary>
public sealed record LoginSummary(
    string? Email,
    bool EmailConfirmed,
    DateTimeOffset? LockoutEnd,
    int AccessFailedCount,
    string? PreferredCulture,
    bool DarkMode,
    IReadOnlyList<string> ExternalLogins,
    bool Erased,
    IReadOnlyList<SessionSummary> Sessions);

/// <summary>An open sign-in session of the account (<see cref="ISignInSessions"/>): when it started and was last used.</summary>
public sealed record SessionSummary(DateTime StartedUtc, DateTime LastSeenUtc);

public sealed record UserPreferences(string? Culture, bool DarkMode);

public interface IUserPreferencesStore
{
    Task<UserPreferences> GetAsync(int personId, CancellationToken cancellationToken = default);
    Task SetCultureAsync(int personId, string culture, CancellationToken cancellationToken = default);
    Task SetDarkModeAsync(int personId, bool darkMode, CancellationToken cancellationToken = default);
}
