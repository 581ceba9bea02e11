using StrategyPortal.Domain.Common;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Identity;

namespace StrategyPortal.Infrastructure.Notifications;

/// <summary>
/// One-click unsubscribe tokens: "person:kind", signed and encrypted with the portal's Data Protection keys (shared by
/// all instances in the database), so a link cannot be made for someone else or another kind, and a changed one is refused.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider dataProtection) : IUnsubscribeTokens
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("StrategyPortal.Notices.Unsubscribe.v1");

    public string Create(int personId, NoticeKind kind) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{personId}:{(int)kind}"))));

    public (int PersonId, NoticeKind Kind)? Read(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            var parts = text.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) && Enum.IsDefined((NoticeKind)kind))
                return (personId, (NoticeKind)kind);
            return null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>The links of <see cref="INoticeLinks"/>, made when a message is sent.</summary>
public sealed class NoticeLinks(IUnsubscribeTokens unsubscribe, AccountInvitations invitations, MailOptions options, TimeProvider clock,
    IDataProtectionProvider dataProtection, IPortalDbFactory dbFactory) : INoticeLinks
{
    public string Unsubscribe(int personId, NoticeKind kind) => options.Link("/mail/unsubscribe/" + unsubscribe.Create(personId, kind));

    public async Task<InvitationLink?> SetPasswordAsync(int personId, CancellationToken cancellationToken = default)
    {
        if (!options.AccountInvitations) return null;
        if (await invitations.AccountOfAsync(personId, cancellationToken) is not { } user) return null;
        if (await invitations.TokenAsync(user) is not { } token) return null;
        var url = options.Link(string.Create(CultureInfo.InvariantCulture,
            $"/account/set-password?user={user.Id}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}"));
        return new InvitationLink(url, clock.GetUtcNow().UtcDateTime.AddDays(Math.Max(1, options.InvitationValidDays)));
    }

    private readonly IDataProtector _pulseLinks = dataProtection.CreateProtector("StrategyPortal.Notices.PulseLink.v1");

    /// <summary>
    /// The person's link for the round: made (a random token, kept hashed and encrypted) with the first e-mail that carries it,
    /// the same link in every later one. Null when the round has closed or the person was not invited to it.
    /// </summary>
    public async Task<string?> PulseAnswerAsync(int roundId, int personId, CancellationToken cancellationToken = default)
    {
        if (_prepared.TryGetValue((roundId, personId), out var prepared)) return prepared;
        var today = clock.Today();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.PulseRounds.AnyAsync(r => r.Id == roundId && r.ClosesOn >= today, cancellationToken)) return null;
        if (!await db.PulseInvitations.AnyAsync(i => i.RoundId == roundId && i.PersonId == personId, cancellationToken)) return null;
        var existing = await db.PulseLinks.AsNoTracking().FirstOrDefaultAsync(l => l.RoundId == roundId && l.PersonId == personId, cancellationToken);
        if (existing is not null) return Url(roundId, _pulseLinks.Unprotect(existing.ProtectedToken));
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.PulseLinks.Add(new PulseLink(roundId, personId, PulseLink.HashOf(token), _pulseLinks.Protect(token)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Url(roundId, token);
        }
        catch (DbUpdateException)
        {
            // Another instance made this person's link at the same moment: use theirs.
            await using var again = await dbFactory.CreateAsync(cancellationToken);
            var theirs = await again.PulseLinks.AsNoTracking().FirstAsync(l => l.RoundId == roundId && l.PersonId == personId, cancellationToken);
            return Url(roundId, _pulseLinks.Unprotect(theirs.ProtectedToken));
        }
    }

    private readonly Dictionary<(int RoundId, int PersonId), string?> _prepared = [];

    public async Task PreparePulseAnswersAsync(int roundId, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken = default)
    {
        var wanted = personIds.Where(id => !_prepared.ContainsKey((roundId, id))).Distinct().ToList();
        if (wanted.Count == 0) return;
        var today = clock.Today();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.PulseRounds.AnyAsync(r => r.Id == roundId && r.ClosesOn >= today, cancellationToken))
        {
            foreach (var id in wanted) _prepared[(roundId, id)] = null;
            return;
        }
        var invited = new HashSet<int>();
        var existing = new Dictionary<int, string>();
        foreach (var chunk in wanted.Chunk(1000))
        {
            invited.UnionWith(await db.PulseInvitations.AsNoTracking().Where(i => i.RoundId == roundId && chunk.Contains(i.PersonId)).Select(i => i.PersonId).ToListAsync(cancellationToken));
            foreach (var link in await db.PulseLinks.AsNoTracking().Where(l => l.RoundId == roundId && chunk.Contains(l.PersonId)).Select(l => new { l.PersonId, l.ProtectedToken }).ToListAsync(cancellationToken))
                existing[link.PersonId] = link.ProtectedToken;
        }
        var made = new Dictionary<int, string>();
        foreach (var id in wanted.Where(invited.Contains).Where(id => !existing.ContainsKey(id)))
        {
            var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            db.PulseLinks.Add(new PulseLink(roundId, id, PulseLink.HashOf(token), _pulseLinks.Protect(token)));
            made[id] = token;
        }
        try
        {
            if (made.Count > 0) await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance made some of these links at the same moment: each is then found one by one (PulseAnswerAsync).
            return;
        }
        foreach (var id in wanted)
            _prepared[(roundId, id)] = made.TryGetValue(id, out var token) ? Url(roundId, token)
                : existing.TryGetValue(id, out var protectedToken) ? Url(roundId, _pulseLinks.Unprotect(protectedToken))
                : null;
    }

    private string Url(int roundId, string token) =>
        options.Link(string.Create(CultureInfo.InvariantCulture, $"/pulses/{roundId}/link/{token}"));
}
