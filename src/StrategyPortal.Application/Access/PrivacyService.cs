using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Access;

/// <summary>Erases a person in one transaction (Infrastructure: it also reaches the sign-in account and the audit log).</summary>
public interface IPersonErasure
{
    /// <summary>Pseudonymises the person, their names in history and the audit log, and closes their sign-in account for good.</summary>
    Task EraseAsync(int personId, CancellationToken cancellationToken = default);
}

public sealed record PersonExport(
    DateTime ExportedAtUtc,
    PersonRecord Person,
    LoginSummary? Account,
    IReadOnlyList<PersonHistoryItem> History,
    IReadOnlyList<AuditRow> AuditTrailAsActor,
    IReadOnlyList<StandardChangeRecord> StandardsChanges,
    IReadOnlyList<ResultRecord> ResultsRecorded,
    IReadOnlyList<ApiKeyRecord> ApiKeysCreated,
    int PulseParticipations,
    string PulseNote);

public sealed record PersonRecord(int Id, string Name, string Email, string Role, int OrgUnitId, string OrgUnitName, bool IsActive, bool IsErased);

/// <summary>A change of the person's own record (unit, role, name, e-mail, active) as the audit log holds it.</summary>
public sealed record PersonHistoryItem(DateTime OccurredAtUtc, AuditAction Action, string ChangedBy, IReadOnlyList<AuditChange> Changes);

public sealed record StandardChangeRecord(int StandardId, int VersionNumber, string Title, DateTime ChangedAtUtc, string Changes);

public sealed record ResultRecord(int StandardId, int QuarterKey, double Value, DateTime RecordedAtUtc);

public sealed record ApiKeyRecord(string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// Privacy requests about one person (administrators only): export everything the portal holds about
/// them, and erase them. Pulse answers are never part of either: nothing links an answer to a person.
/// </summary>
public sealed class PrivacyService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IAccountService accounts, IPersonErasure erasure, TimeProvider clock, MessageText text)
{
    public const string PulseNote =
        "Pulse answers are stored apart from who took part, with nothing that links the two; they are not about this person in any way the portal can tell, so they are not exported.";

    public async Task<PersonExport> ExportAsync(int personId, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.PrivacyManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("person", personId);
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == person.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        var id = personId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var own = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Person" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var asActor = await db.AuditEntries.AsNoTracking().Where(a => a.ActorPersonId == personId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var versions = await db.ServiceStandardVersions.AsNoTracking().Where(v => v.ChangedById == personId).OrderBy(v => v.ChangedAtUtc)
            .Select(v => new StandardChangeRecord(v.StandardId, v.Number, v.Title, v.ChangedAtUtc, v.Changes)).ToListAsync(cancellationToken);
        var results = await db.StandardResults.AsNoTracking().Where(r => r.RecordedById == personId)
            .Select(r => new { r.StandardId, r.QuarterKey, r.ActualValue, r.RecordedAtUtc }).ToListAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CreatedByPersonId == personId).OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyRecord(k.Name, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(cancellationToken);
        var participations = await db.Participations.AsNoTracking().CountAsync(p => p.PersonId == personId, cancellationToken);

        return new PersonExport(
            clock.GetUtcNow().UtcDateTime,
            new PersonRecord(person.Id, person.Name, person.Email, person.Role.ToString(), person.OrgUnitId, unitName, person.IsActive, person.IsErased),
            await accounts.DescribeLoginAsync(personId, cancellationToken),
            own.Select(a => new PersonHistoryItem(a.OccurredAtUtc, a.Action, a.ActorName, AuditService.ParseChanges(a.Changes))).ToList(),
            asActor.Select(a => new AuditRow(a.Id, a.OccurredAtUtc, a.ActorPersonId, a.ActorName, a.Action, a.EntityType, a.EntityId, AuditService.ParseChanges(a.Changes))).ToList(),
            versions,
            results.OrderBy(r => r.RecordedAtUtc).Select(r => new ResultRecord(r.StandardId, r.QuarterKey, r.ActualValue, r.RecordedAtUtc)).ToList(),
            keys,
            participations,
            PulseNote);
    }

    public async Task EraseAsync(int personId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PrivacyManage);
        if (user.PersonId == personId) throw new ValidationFailedException(string.Empty, text["privacy.erase-self"]);
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("person", personId);
            if (person.IsErased) throw new ValidationFailedException(string.Empty, text["person.already-erased"]);
        }
        await erasure.EraseAsync(personId, cancellationToken);
    }
}
