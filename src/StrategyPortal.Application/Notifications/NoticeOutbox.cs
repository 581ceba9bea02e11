using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Queues notices in the outbox as part of the change that causes them: <see cref="AddAsync"/> adds the messages to the
/// caller's <see cref="IPortalDb"/>, and the caller's own save (its transaction) stores them together with the change —
/// both or neither. After the save, <see cref="Wake"/> lets this instance's worker send them at once.
/// Only active people who have not switched the kind off get a message; personal invitations cannot be switched off.
/// </summary>
public sealed class NoticeOutbox(OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Adds one message of <paramref name="kind"/> per recipient, each with its own payload; returns how many were added.</summary>
    public Task<int> AddAsync(IPortalDb db, NoticeKind kind, IReadOnlyCollection<int> personIds, Func<int, NoticePayload> payloadFor,
        CancellationToken cancellationToken = default) =>
        QueueAsync(db, kind, personIds, payloadFor, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary><see cref="AddAsync(IPortalDb, NoticeKind, IReadOnlyCollection{int}, Func{int, NoticePayload}, CancellationToken)"/> for code without a service (a round recording its audience).</summary>
    public static async Task<int> QueueAsync(IPortalDb db, NoticeKind kind, IReadOnlyCollection<int> personIds, Func<int, NoticePayload> payloadFor,
        DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var ids = personIds.Distinct().ToList();
        if (ids.Count == 0) return 0;
        var people = new List<(int Id, string Name, string Email)>(ids.Count);
        foreach (var chunk in ids.Chunk(1000))
            people.AddRange((await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id) && p.IsActive && !p.IsErased)
                .Select(p => new { p.Id, p.Name, p.Email }).ToListAsync(cancellationToken)).Select(p => (p.Id, p.Name, p.Email)));
        var off = kind.CanSwitchOff() ? await SwitchedOffAsync(db, kind, ids, cancellationToken) : [];
        var now = nowUtc;
        var added = 0;
        foreach (var person in people.Where(p => !off.Contains(p.Id)).OrderBy(p => p.Id))
        {
            db.OutboxMessages.Add(new OutboxMessage(kind, person.Id, person.Email, person.Name, payloadFor(person.Id).Serialize(), now));
            added++;
        }
        return added;
    }

    public Task<int> AddAsync(IPortalDb db, NoticeKind kind, IReadOnlyCollection<int> personIds, NoticePayload payload, CancellationToken cancellationToken = default) =>
        AddAsync(db, kind, personIds, _ => payload, cancellationToken);

    /// <summary>Wakes this instance's worker; call after the save that stored the messages.</summary>
    public void Wake() => signal.Notify();

    private static async Task<HashSet<int>> SwitchedOffAsync(IPortalDb db, NoticeKind kind, List<int> ids, CancellationToken cancellationToken)
    {
        var result = new HashSet<int>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var settings in await db.NoticeSettings.AsNoTracking().Where(s => chunk.Contains(s.PersonId) && s.OffKinds != 0).ToListAsync(cancellationToken))
                if (!settings.Receives(kind)) result.Add(settings.PersonId);
        return result;
    }
}

/// <summary>
/// Who manages a unit, for notices: the active managers of the unit itself, or — when it has none — of the nearest unit
/// above it that has one (a team without a manager of its own is managed from its department).
/// </summary>
public static class UnitManagers
{
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<int>>> OfAsync(IPortalDb db, IEnumerable<int> unitIds, CancellationToken cancellationToken)
    {
        var wanted = unitIds.Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<int, IReadOnlyList<int>>();
        var parents = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId, cancellationToken);
        var managers = (await db.People.AsNoTracking().Where(p => p.IsActive && p.Role == PortalRole.Manager)
                .Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(cancellationToken))
            .ToLookup(p => p.OrgUnitId, p => p.Id);
        var result = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var unitId in wanted)
        {
            int? current = unitId;
            var guard = 0;
            while (current is { } id && !managers[id].Any() && guard++ < 100) current = parents.GetValueOrDefault(id);
            result[unitId] = current is { } found ? managers[found].Order().ToList() : [];
        }
        return result;
    }

    /// <summary>The active directors (every scorecard-issued notice goes to them).</summary>
    public static async Task<IReadOnlyList<int>> DirectorsAsync(IPortalDb db, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.IsActive && p.Role == PortalRole.Director).Select(p => p.Id).OrderBy(id => id).ToListAsync(cancellationToken);
}
