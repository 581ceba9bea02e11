namespace StrategyPortal.Domain.Access;

public enum AuditAction
{
    Created = 0,
    Changed = 1,
    Deleted = 2,
}

/// <summary>
/// One recorded change: who, when, which entity, and the old and new values of what changed
/// (JSON). Written in the same transaction as the change; the application never edits or deletes it.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { EntityType = EntityId = ActorName = Changes = string.Empty; }

    public AuditEntry(DateTime occurredAtUtc, int? actorPersonId, string actorName, AuditAction action, string entityType, string entityId, string changes)
    {
        OccurredAtUtc = occurredAtUtc;
        ActorPersonId = actorPersonId;
        ActorName = actorName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public int? ActorPersonId { get; private set; }
    /// <summary>The actor's name at the time; replaced by a pseudonym when the person is erased.</summary>
    public string ActorName { get; private set; }
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    /// <summary>JSON object: property → { "old": …, "new": … }.</summary>
    public string Changes { get; private set; }

    public void Pseudonymise(string pseudonym) => ActorName = pseudonym;

    /// <summary>Replaces each of <paramref name="secrets"/> (as they are written in the JSON) by the pseudonym in the recorded values.</summary>
    public void Redact(IEnumerable<string> secrets, string pseudonym)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0))
            Changes = Changes.Replace(secret, pseudonym, StringComparison.Ordinal);
    }
}

/// <summary>Marks an entity whose changes are never audited — anonymous pulse answers above all.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute : Attribute;
