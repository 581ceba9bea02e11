using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>Identity's data-protection token provider under its own name and lifespan, for set-your-password links.</summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider dataProtectionProvider, IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<PortalUser>> logger) : DataProtectorTokenProvider<PortalUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "SetPassword";
}

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenProviderOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(7);
    }
}

public sealed class AccountInvitations(UserManager<PortalUser> users, PortalDbContext db, AccountService accounts,
    FluentValidation.IValidator<SetPasswordInput> validator, MessageText text) : IAccountInvitations
{
    public async Task EnsureAccountAsync(int personId, bool endEarlierLinks = false, CancellationToken cancellationToken = default)
    {
        var user = await AccountOfAsync(personId, cancellationToken);
        // A new security stamp ends every token made with the old one (the links of earlier invitations).
        if (endEarlierLinks && user is { PasswordHash: null }) await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>The person's account, created without a password when missing; null for an inactive or erased person.</summary>
    internal async Task<PortalUser?> AccountOfAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || !person.IsActive || person.IsErased) return null;
        var user = await users.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        if (user is not null) return user;
        user = new PortalUser { PersonId = personId, UserName = person.Email, Email = person.Email, EmailConfirmed = false, LockoutEnabled = true };
        var result = await users.CreateAsync(user);
        if (result.Succeeded) return user;
        // Another instance created it at the same moment (the unique e-mail refused ours): use that one.
        return await users.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken)
            ?? throw new InvalidOperationException("Could not create the account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>A fresh token for the account's set-your-password link; null when the account already has a password.</summary>
    internal async Task<string?> TokenAsync(PortalUser user) =>
        user.PasswordHash is not null ? null : await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);

    public async Task<InvitationCheck> CheckAsync(int userId, string token, CancellationToken cancellationToken = default)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return await CheckAsync(user, token);
    }

    private async Task<InvitationCheck> CheckAsync(PortalUser? user, string token)
    {
        if (user is null || string.IsNullOrEmpty(token) || user.ErasedEmailHash is not null) return InvitationCheck.Invalid;
        if (user.PasswordHash is not null) return InvitationCheck.Used;
        return await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token)
            ? InvitationCheck.Valid : InvitationCheck.Invalid;
    }

    public async Task<InvitationCheck> SetPasswordAsync(int userId, string token, SetPasswordInput input, CancellationToken cancellationToken = default)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var check = await CheckAsync(user, token);
        if (check != InvitationCheck.Valid) return check;
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var result = await users.AddPasswordAsync(user!, input.Password);
        if (!result.Succeeded)
        {
            // A second tab that was quicker: the account has its password now.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.UserAlreadyHasPassword))) return InvitationCheck.Used;
            throw ValidationFailedException.For<SetPasswordInput>(i => i.Password, string.Join(" ", result.Errors.Select(accounts.Describe)));
        }
        // The link reached the person's mailbox: the address is theirs.
        user!.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return InvitationCheck.Valid;
    }

    public async Task<IReadOnlySet<int>> PendingAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default)
    {
        var ids = personIds.ToList();
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.PersonId) && u.PasswordHash == null && u.ErasedEmailHash == null)
            .Select(u => u.PersonId).ToListAsync(cancellationToken)).ToHashSet();
    }
}
