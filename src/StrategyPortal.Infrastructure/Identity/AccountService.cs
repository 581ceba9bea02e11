using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

public sealed class AccountService(UserManager<PortalUser> users, PortalDbContext db, MessageText text, ISignInSessions sessions) : IAccountService, IUserPreferencesStore,
    Application.Notifications.IAccountCultures
{
    public async Task<IReadOnlyDictionary<int, string>> PreferredCulturesAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<int, string>();
        foreach (var chunk in personIds.Distinct().Chunk(1000))
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.PersonId) && u.PreferredCulture != null)
                         .Select(u => new { u.PersonId, u.PreferredCulture }).ToListAsync(cancellationToken))
                result[u.PersonId] = u.PreferredCulture!;
        return result;
    }

    public Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken = default) =>
        db.People.AnyAsync(p => p.Role == PortalRole.Administrator && p.IsActive, cancellationToken);

    public async Task CreateLoginAsync(int personId, string email, string password, CancellationToken cancellationToken = default)
    {
        var user = new PortalUser { PersonId = personId, UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new ValidationFailedException(string.Empty, string.Join(" ", result.Errors.Select(Describe)));
    }

    public async Task<IReadOnlySet<int>> WithLoginAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default)
    {
        var ids = personIds.ToList();
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.PersonId)).Select(u => u.PersonId).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task SyncWithPersonAsync(int personId, CancellationToken cancellationToken = default)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        if (person is null || user is null) return;
        if (!string.Equals(user.Email, person.Email, StringComparison.OrdinalIgnoreCase))
        {
            await users.SetEmailAsync(user, person.Email);
            await users.SetUserNameAsync(user, person.Email);
        }
        await users.SetLockoutEndDateAsync(user, person.IsActive ? null : DateTimeOffset.MaxValue);
        // A new stamp ends existing sessions at their next validation: role or unit changes count at once.
        await users.UpdateSecurityStampAsync(user);
        // A deactivated person's sessions end now, not at their next stamp check.
        if (!person.IsActive) await sessions.EndAllAsync(user.Id, cancellationToken);
    }

    public Task<bool> IsErasedEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var hash = Access.PersonErasure.EmailHash(email);
        return db.Users.AsNoTracking().AnyAsync(u => u.ErasedEmailHash == hash, cancellationToken);
    }

    public async Task<LoginSummary?> DescribeLoginAsync(int personId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        if (user is null) return null;
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == user.Id).Select(l => l.LoginProvider).ToListAsync(cancellationToken);
        var sessions = await db.SignInSessions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.StartedUtc)
            .Select(s => new SessionSummary(s.StartedUtc, s.LastSeenUtc)).ToListAsync(cancellationToken);
        return new LoginSummary(user.Email, user.EmailConfirmed, user.LockoutEnd, user.AccessFailedCount, user.PreferredCulture, user.DarkMode,
            logins, user.ErasedEmailHash is not null, sessions);
    }

    public async Task<UserPreferences> GetAsync(int personId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        return new UserPreferences(user?.PreferredCulture, user?.DarkMode ?? false);
    }

    public async Task SetCultureAsync(int personId, string culture, CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), cancellationToken);

    public async Task SetDarkModeAsync(int personId, bool darkMode, CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.PersonId == personId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DarkMode, darkMode), cancellationToken);

    internal string Describe(IdentityError error)
    {
        var options = users.Options.Password;
        return error.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => text.Format("password.too-short", options.RequiredLength),
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => text["password.requires-digit"],
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => text["password.requires-lower"],
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => text["password.requires-upper"],
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => text["password.requires-non-alphanumeric"],
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => text.Format("password.requires-unique", options.RequiredUniqueChars),
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail) => text["person.has-login"],
            _ => text.Format("password.invalid", error.Description),
        };
    }
}
