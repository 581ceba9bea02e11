using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>A person's e-mail settings as the settings page edits them.</summary>
public sealed class NoticeSettingsInput
{
    /// <summary>"nl", "en", or null: the portal language.</summary>
    public string? Language { get; set; }

    public Dictionary<NoticeKind, bool> Kinds { get; set; } = [];
    public int Version { get; set; }
}

public sealed class NoticeSettingsInputValidator : AbstractValidator<NoticeSettingsInput>
{
    public NoticeSettingsInputValidator() => RuleFor(i => i.Language).Satisfies(NoticeSettings.ValidLanguage);
}

/// <summary>What a one-click unsubscribe link did (or why it did nothing).</summary>
public enum UnsubscribeStatus
{
    /// <summary>The token is not one this portal issued, or it was changed.</summary>
    Invalid,

    /// <summary>The kind is now off for the person (it may have been off already).</summary>
    SwitchedOff,
}

public sealed record UnsubscribeOutcome(UnsubscribeStatus Status, NoticeKind? Kind = null, string? Email = null);

/// <summary>
/// Each person's e-mail settings: which notices they receive and in which language. The signed-in person edits their
/// own; a one-click unsubscribe link (RFC 8058) switches one kind off for the person it was sent to, without sign-in.
/// </summary>
public sealed class NoticeSettingsService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IUnsubscribeTokens tokens,
    IValidator<NoticeSettingsInput> validator, MessageText text)
{
    public async Task<NoticeSettingsInput> GetMineAsync(CancellationToken cancellationToken = default)
    {
        var (personId, role) = await SignedInAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.NoticeSettings.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken) ?? new NoticeSettings(personId);
        return new NoticeSettingsInput
        {
            Language = settings.Language,
            Kinds = NoticeKinds.For(role).ToDictionary(k => k, settings.Receives),
            Version = settings.Version,
        };
    }

    public async Task SaveMineAsync(NoticeSettingsInput input, CancellationToken cancellationToken = default)
    {
        var (personId, role) = await SignedInAsync(cancellationToken);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.NoticeSettings.FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken);
        if (settings is null)
        {
            if (input.Version != 0) throw new ConcurrencyConflictException(text["conflict.notice-settings"]);
            settings = new NoticeSettings(personId);
            db.NoticeSettings.Add(settings);
        }
        else db.ExpectVersion(settings, input.Version);
        try
        {
            settings.SetLanguage(input.Language);
            // Only the kinds the role can receive: the others keep what they were (a role changes back, the choice is kept).
            foreach (var (kind, on) in input.Kinds.Where(k => NoticeKinds.For(role).Contains(k.Key))) settings.Set(kind, on);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConcurrencyConflictException(text["conflict.notice-settings"]);
        }
    }

    /// <summary>What a token names, without changing anything (the page that asks "switch off?").</summary>
    public async Task<UnsubscribeOutcome> DescribeAsync(string token, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } named) return new UnsubscribeOutcome(UnsubscribeStatus.Invalid);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var email = await db.People.AsNoTracking().Where(p => p.Id == named.PersonId && !p.IsErased).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
        return email is null ? new UnsubscribeOutcome(UnsubscribeStatus.Invalid) : new UnsubscribeOutcome(UnsubscribeStatus.SwitchedOff, named.Kind, email);
    }

    /// <summary>Switches the token's kind off for the token's person. Needs no sign-in: the signed token is the proof.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string token, CancellationToken cancellationToken = default)
    {
        if (tokens.Read(token) is not { } named || !named.Kind.CanSwitchOff()) return new UnsubscribeOutcome(UnsubscribeStatus.Invalid);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var email = await db.People.AsNoTracking().Where(p => p.Id == named.PersonId && !p.IsErased).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
            if (email is null) return new UnsubscribeOutcome(UnsubscribeStatus.Invalid);
            var settings = await db.NoticeSettings.FirstOrDefaultAsync(s => s.PersonId == named.PersonId, cancellationToken);
            if (settings is null) db.NoticeSettings.Add(settings = new NoticeSettings(named.PersonId));
            settings.Set(named.Kind, false);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new UnsubscribeOutcome(UnsubscribeStatus.SwitchedOff, named.Kind, email);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The person saved their settings (or clicked twice) at the same moment: read them again and switch off once more.
            }
        }
    }

    private async Task<(int PersonId, Domain.Access.PortalRole Role)> SignedInAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        return user.IsAuthenticated && user.PersonId is { } id && user.Role is { } role ? (id, role) : throw new ForbiddenException();
    }
}
