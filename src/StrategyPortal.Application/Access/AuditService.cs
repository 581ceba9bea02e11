using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Access;

/// <summary>What the audit log is filtered by; every part is optional. Dates are UTC days, both inclusive.</summary>
public sealed record AuditFilter(
    string? EntityType = null,
    string? Actor = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Text = null,
    AuditAction? Action = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize);

/// <summary>
/// One changed property: its old and new value as JSON text (null when there was none). For an id field (OrgUnitId…),
/// <see cref="OldName"/> and <see cref="NewName"/> name what the ids point at.
/// </summary>
public sealed record AuditChange(string Property, string? Old, string? New)
{
    public string? OldName { get; init; }
    public string? NewName { get; init; }

    /// <summary>Whether the values are ids of other things (a unit, a person…): shown by their names, never as numbers.</summary>
    public bool IsReference => AuditNames.KindOfIdField(Property) is not null;
}

public sealed record AuditRow(
    long Id,
    DateTime OccurredAtUtc,
    int? ActorPersonId,
    string ActorName,
    AuditAction Action,
    string EntityType,
    string EntityId,
    IReadOnlyList<AuditChange> Changes)
{
    /// <summary>The name of what changed (a person's name, a standard's title…), or null when it has none.</summary>
    public string? Subject { get; init; }
}

/// <summary>
/// Browsing the audit log. Administrators and directors (the company's) read it; nobody edits it.
/// The log never holds pulse answers: those entities are not audited at all.
/// </summary>
public sealed class AuditService(IPortalDbFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<PagedResult<AuditRow>> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.AuditRead);
        var (page, pageSize) = Paging.Normalise(filter.Page, filter.PageSize);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(a => a.EntityType == filter.EntityType);
        if (filter.Action is { } action) query = query.Where(a => a.Action == action);
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLower();
            query = query.Where(a => a.ActorName.ToLower().Contains(actor));
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAtUtc >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAtUtc < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLower();
            query = query.Where(a => a.Changes.ToLower().Contains(text) || a.EntityId == filter.Text.Trim() || a.EntityType.ToLower().Contains(text));
        }
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var parsed = entries.Select(e => (Entry: e, Changes: ParseChanges(e.Changes))).ToList();
        var names = await AuditNames.ResolverAsync(db, parsed.SelectMany(p => AuditNames.Wanted(p.Entry.EntityType, p.Entry.EntityId, p.Changes)).ToList(), cancellationToken);
        var rows = parsed.Select(p =>
        {
            var changes = p.Changes.Select(c => AuditNames.KindOfIdField(c.Property) is { } kind
                ? c with { OldName = c.Old is null ? null : names(kind, c.Old), NewName = c.New is null ? null : names(kind, c.New) }
                : c).ToList();
            return new AuditRow(p.Entry.Id, p.Entry.OccurredAtUtc, p.Entry.ActorPersonId, p.Entry.ActorName, p.Entry.Action, p.Entry.EntityType, p.Entry.EntityId, changes)
            {
                Subject = AuditNames.SubjectOf(p.Entry.EntityType, p.Entry.EntityId, p.Changes, names),
            };
        }).ToList();
        return new PagedResult<AuditRow>(rows, total, page, pageSize);
    }

    /// <summary>The entity kinds that occur in the log, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.AuditRead);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>Reads the interceptor's JSON (property → { old, new }) into rows, in the order written.</summary>
    public static IReadOnlyList<AuditChange> ParseChanges(string json)
    {
        var changes = new List<AuditChange>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return changes;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var old = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("old", out var o) ? Text(o) : null;
                var now = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("new", out var n) ? Text(n) : null;
                changes.Add(new AuditChange(property.Name, old, now));
            }
        }
        catch (JsonException)
        {
            changes.Add(new AuditChange("(raw)", null, json));
        }
        return changes;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
