using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Access;

/// <summary>
/// Erases a person in one transaction: the person's name and e-mail become a pseudonym; every name
/// the domain keeps next to a person's id (standards changes, recorded results, strategy choices,
/// signals logged, forwarded and acknowledged, scorecard issues and the scorecards they issued)
/// becomes the same pseudonym; the audit log keeps its entries but names the pseudonym (as actor and
/// in recorded values); the sign-in account loses its e-mail, password, external logins and tokens,
/// is locked for good, and keeps only a hash of the e-mail so that signing in again is refused with
/// a clear message. Ids that point at the person (promise owner, API key creator, participations, action owner, creator and check-ins)
/// stay: they now point at the pseudonymous person. E-mails to the person and their e-mail settings are removed. A field added to the domain that names a person
/// must be added here (PersonalDataModelTests lists them all and fails on one it does not know).
/// </summary>
public sealed class PersonErasure(IPortalDbFactory dbFactory, ILogger<PersonErasure> logger) : IPersonErasure
{
    public async Task EraseAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var portalDb = await dbFactory.CreateAsync(cancellationToken);
        var db = (PortalDbContext)portalDb;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("person", personId);
        var (oldName, oldEmail) = (person.Name, person.Email);
        person.Erase();
        await db.SaveChangesAsync(cancellationToken);
        var pseudonym = person.Name;

        await db.ServiceStandardVersions.Where(v => v.ChangedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ChangedByName, pseudonym), cancellationToken);
        await db.StandardResults.Where(r => r.RecordedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecordedByName, pseudonym), cancellationToken);
        await db.ServiceStrategyChoices.Where(c => c.ChosenById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChosenByName, pseudonym), cancellationToken);
        await db.ServiceSignals.Where(g => g.LoggedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.LoggedByName, pseudonym), cancellationToken);
        await db.ServiceSignals.Where(g => g.ForwardedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ForwardedByName, pseudonym), cancellationToken);
        await db.ServiceSignals.Where(g => g.AcknowledgedById == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.AcknowledgedByName, pseudonym), cancellationToken);
        // Who issued a quarter's scorecards; the issued PDFs themselves stay byte for byte as issued (see privacy.md).
        var issues = db.ScorecardIssues.Where(i => i.RequestedByPersonId == personId).Select(i => i.Id);
        await db.IssuedScorecards.Where(c => issues.Contains(c.IssueId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IssuedByName, pseudonym), cancellationToken);
        await db.ScorecardIssues.Where(i => i.RequestedByPersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RequestedByName, pseudonym), cancellationToken);

        // E-mail: what waits for or was sent to the person goes (with their address), so do their e-mail choices; a name in
        // what others are told (who forwarded a signal, who issued scorecards) becomes the pseudonym.
        await db.OutboxMessages.Where(m => m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.NoticeSettings.Where(n => n.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        var quotedName = "\"" + JsonEncodedText.Encode(oldName) + "\"";
        var quotedPseudonym = "\"" + JsonEncodedText.Encode(pseudonym) + "\"";
        await db.OutboxMessages.Where(m => m.Payload.Contains(quotedName))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Payload, m => m.Payload.Replace(quotedName, quotedPseudonym)), cancellationToken);

        var user = await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        var accountEmail = user?.Email;
        if (user is not null)
        {
            var erasedLogin = Person.PseudonymEmail(personId);
            user.ErasedEmailHash = EmailHash(accountEmail ?? oldEmail);
            user.UserName = user.Email = erasedLogin;
            user.NormalizedUserName = user.NormalizedEmail = erasedLogin.ToUpperInvariant();
            user.PasswordHash = null;
            user.PhoneNumber = null;
            user.PreferredCulture = null;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            // A new stamp ends every open session at its next validation.
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            db.UserLogins.RemoveRange(db.UserLogins.Where(l => l.UserId == user.Id));
            db.UserTokens.RemoveRange(db.UserTokens.Where(t => t.UserId == user.Id));
            db.UserClaims.RemoveRange(db.UserClaims.Where(c => c.UserId == user.Id));
            db.SignInSessions.RemoveRange(db.SignInSessions.Where(s => s.UserId == user.Id));
        }

        // The audit log names people as actors and holds old values (the person's own name and e-mail
        // among them, also in the entry the erasure just wrote). Replace them by the pseudonym.
        var secrets = new[] { oldName, oldEmail, accountEmail ?? string.Empty }
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(s => JsonEncodedText.Encode(s).ToString()).ToList();
        var quoted = secrets.Select(s => "\"" + s + "\"").ToList();
        var entries = await db.AuditEntries.Where(a => a.ActorPersonId == personId).ToListAsync(cancellationToken);
        foreach (var secret in quoted)
            entries.AddRange(await db.AuditEntries.Where(a => a.Changes.Contains(secret)).ToListAsync(cancellationToken));
        // The interceptor and the database's triggers (AuditLogGuard) both refuse edits of the log unless told that
        // this is the pseudonymisation; the database is told by a marker row that never leaves this transaction.
        db.AllowAuditPseudonymisation = true;
        await AuditLogGuard.BeginPseudonymisationAsync(db.Database, personId, cancellationToken);
        foreach (var entry in entries.Distinct())
        {
            if (entry.ActorPersonId == personId) entry.Pseudonymise(pseudonym);
            entry.Redact(quoted, "\"" + JsonEncodedText.Encode(pseudonym) + "\"");
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditLogGuard.EndPseudonymisationAsync(db.Database, personId, cancellationToken);
        db.AllowAuditPseudonymisation = false;

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} erased", personId);
    }

    /// <summary>Lower-case hex SHA-256 of the normalised e-mail.</summary>
    public static string EmailHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Person.NormaliseEmail(email))));
}
