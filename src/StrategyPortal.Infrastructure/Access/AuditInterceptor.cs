using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Access;

/// <summary>Who is changing data, as the audit log names them. Jobs and seeding act as the system.</summary>
public sealed record AuditActor(int? PersonId, string Name)
{
    public static AuditActor System { get; } = new(null, "system");
}

/// <summary>
/// Records every create, change and delete of the domain's entities as <see cref="AuditEntry"/> rows,
/// in the same transaction as the change: the entries are added after the save has assigned keys and
/// before the (own or ambient) transaction commits. Identity's tables, Data Protection keys and
/// entities marked <see cref="NotAuditedAttribute"/> are left out; the log itself cannot be edited.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly string DomainAssembly = typeof(AuditEntry).Assembly.GetName().Name!;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is PortalDbContext db && db.PendingAudit is { } pending)
        {
            db.PendingAudit = null;
            db.AuditEntries.AddRange(pending.Changes.Select(p => p.ToEntry()));
            db.SaveChanges();
            pending.OwnedTransaction?.Commit();
            pending.OwnedTransaction?.Dispose();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && db.PendingAudit is { } pending)
        {
            db.PendingAudit = null;
            db.AuditEntries.AddRange(pending.Changes.Select(p => p.ToEntry()));
            await db.SaveChangesAsync(cancellationToken);
            if (pending.OwnedTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Abandon(DbContext? context)
    {
        if (context is not PortalDbContext db || db.PendingAudit is not { } pending) return;
        db.PendingAudit = null;
        pending.OwnedTransaction?.Rollback();
        pending.OwnedTransaction?.Dispose();
    }

    private void Prepare(DbContext? context)
    {
        if (context is not PortalDbContext db || db.PendingAudit is not null) return;
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>())
            if (entry.State is EntityState.Modified or EntityState.Deleted && !db.AllowAuditPseudonymisation)
                throw new InvalidOperationException("The audit log is append-only.");

        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata.ClrType))
            .Select(e => new PendingChange(e, e.State, Values(e), clock.GetUtcNow().UtcDateTime, db.Actor))
            // A save that only moved the row version (a check-in that claims its action against concurrent edits) changed nothing to log.
            .Where(c => c.State != EntityState.Modified || c.Values.Count > 0)
            .ToList();
        if (changes.Count == 0) return;
        var owned = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        db.PendingAudit = new PendingAudit(changes, owned);
    }

    private static readonly ConcurrentDictionary<Type, bool> AuditedTypes = new();

    private static bool IsAudited(Type type) => AuditedTypes.GetOrAdd(type, static t => IsAuditedType(t));

    private static bool IsAuditedType(Type type) =>
        type != typeof(AuditEntry)
        && type.Assembly.GetName().Name == DomainAssembly
        && type.GetCustomAttribute<NotAuditedAttribute>() is null;

    private static Dictionary<string, (object? Old, object? New)> Values(EntityEntry entry)
    {
        var values = new Dictionary<string, (object?, object?)>();
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsShadowProperty() && !property.Metadata.IsForeignKey()) continue;
            var old = entry.State == EntityState.Added ? null : property.OriginalValue;
            var now = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(old, now))) continue;
            if (property.Metadata.Name == "Version") continue;
            values[property.Metadata.Name] = (old, now);
        }
        return values;
    }

    internal sealed record PendingAudit(List<PendingChange> Changes, IDbContextTransaction? OwnedTransaction);

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    internal sealed record PendingChange(EntityEntry Entry, EntityState State, Dictionary<string, (object? Old, object? New)> Values, DateTime At, AuditActor Actor)
    {
        public AuditEntry ToEntry()
        {
            // Keys assigned by the database are known only now, after the save.
            var keyProperties = Entry.Metadata.FindPrimaryKey()?.Properties ?? [];
            var key = keyProperties.Select(p => Convert.ToString(Entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture));
            if (State == EntityState.Added)
                foreach (var property in keyProperties)
                    Values[property.Name] = (null, Entry.Property(property.Name).CurrentValue);
            // So are the keys of rows saved in the same change that a foreign key points to (a new person's new manager).
            if (State != EntityState.Deleted)
                foreach (var property in Entry.Metadata.GetForeignKeyProperties())
                    if (Values.TryGetValue(property.Name, out var value))
                        Values[property.Name] = (value.Old, Entry.Property(property.Name).CurrentValue);
            var action = State switch { EntityState.Added => AuditAction.Created, EntityState.Deleted => AuditAction.Deleted, _ => AuditAction.Changed };
            return DirectEntry(Actor, At, Entry.Metadata.ClrType.Name, string.Join(",", key), action, Values);
        }
    }

    /// <summary>An entry in the interceptor's form for a change it did not see (see <c>IPortalDb.AuditDirectChange</c>).</summary>
    internal static AuditEntry DirectEntry(AuditActor actor, DateTime at, string entityType, string entityId, AuditAction action,
        Dictionary<string, (object? Old, object? New)> values)
    {
        var json = JsonSerializer.Serialize(values.ToDictionary(v => v.Key, v => new { old = v.Value.Old, @new = v.Value.New }), JsonOptions);
        return new AuditEntry(at, actor.PersonId, actor.Name, action, entityType, entityId, json);
    }
}
