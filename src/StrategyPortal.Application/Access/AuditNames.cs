using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Access;

/// <summary>
/// Names the things an audit entry is about, so the log reads as sentences about named things instead of ids: the entity's own
/// name (a person's, a standard's title, a promise's claim…) and the names behind id fields (OrgUnitId → the unit's name).
/// A thing deleted since is named by the values its entry recorded.
/// </summary>
internal static class AuditNames
{
    /// <summary>The field that names an entity of each kind, where it has one of its own.</summary>
    private static readonly Dictionary<string, string> NameFields = new()
    {
        ["Person"] = "Name", ["OrgUnit"] = "Name", ["ServiceStandard"] = "Title", ["MarketingPromise"] = "Claim", ["Capability"] = "Name",
        ["PulseSurvey"] = "Title", ["PulseQuestion"] = "Code", ["ApiKey"] = "Name", ["ServiceSignal"] = "Text",
        ["ImprovementAction"] = "Title",
    };

    /// <summary>What an id field points at, by the end of its name.</summary>
    public static string? KindOfIdField(string property) => property switch
    {
        _ when property.EndsWith("PersonId", StringComparison.Ordinal) => "Person",
        "ManagerId" => "Person",
        _ when property.EndsWith("UnitId", StringComparison.Ordinal) || property == "ParentId" => "OrgUnit",
        "StandardId" => "ServiceStandard",
        "PromiseId" => "MarketingPromise",
        "CapabilityId" => "Capability",
        "QuestionId" => "PulseQuestion",
        "SurveyId" => "PulseSurvey",
        "ActionId" => "ImprovementAction",
        _ => null,
    };

    /// <summary>The names of the entities and id values on a page of the log, read in one query per kind.</summary>
    public static async Task<Func<string, string, string?>> ResolverAsync(IPortalDb db, IReadOnlyList<(string Kind, string Id)> wanted, CancellationToken cancellationToken)
    {
        var names = new Dictionary<(string, string), string>();
        foreach (var group in wanted.Distinct().GroupBy(w => w.Kind))
        {
            var ids = group.Select(g => int.TryParse(g.Id, out var id) ? id : (int?)null).OfType<int>().Distinct().ToList();
            if (ids.Count == 0) continue;
            IEnumerable<(int Id, string Name)> found = group.Key switch
            {
                "Person" => (await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)),
                "OrgUnit" => (await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)),
                "ServiceStandard" => (await db.ServiceStandards.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Title)),
                "MarketingPromise" => (await db.MarketingPromises.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Claim }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Claim)),
                "Capability" => (await db.Capabilities.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)),
                "PulseSurvey" => (await db.PulseSurveys.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Title)),
                "PulseQuestion" => (await db.PulseQuestions.AsNoTracking().Where(q => ids.Contains(q.Id)).Select(q => new { q.Id, q.Code }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Code)),
                "ApiKey" => (await db.ApiKeys.AsNoTracking().Where(k => ids.Contains(k.Id)).Select(k => new { k.Id, k.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)),
                "ServiceSignal" => (await db.ServiceSignals.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Text }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Text)),
                "ImprovementAction" => (await db.ImprovementActions.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Title)),
                _ => [],
            };
            foreach (var (id, name) in found) names[(group.Key, id.ToString(System.Globalization.CultureInfo.InvariantCulture))] = Short(name);
        }
        return (kind, id) => names.TryGetValue((kind, id), out var name) ? name : null;
    }

    /// <summary>The entity's own name: as it is now, else as the entry recorded it, else a value that says what it belongs to.</summary>
    public static string? SubjectOf(string kind, string id, IReadOnlyList<AuditChange> changes, Func<string, string, string?> names)
    {
        if (names(kind, id) is { } now) return now;
        if (NameFields.TryGetValue(kind, out var field) && changes.FirstOrDefault(c => c.Property == field) is { } recorded)
            return Short(recorded.Old ?? recorded.New ?? string.Empty);
        // A part of something named (a standard's result or version, a promise's requirement): named by its owner.
        foreach (var change in changes)
            if (KindOfIdField(change.Property) is { } owner && owner != "Person" && (change.New ?? change.Old) is { } ownerId && names(owner, ownerId) is { } ownerName)
                return kind == "StandardResult" && changes.FirstOrDefault(c => c.Property == "QuarterKey") is { } q && int.TryParse(q.New ?? q.Old, out var key)
                    ? $"{ownerName}, {Quarter.FromKey(key)}"
                    : ownerName;
        return null;
    }

    /// <summary>The (kind, id) pairs a page of entries needs names for.</summary>
    public static IEnumerable<(string Kind, string Id)> Wanted(string kind, string id, IReadOnlyList<AuditChange> changes)
    {
        yield return (kind, id);
        foreach (var change in changes)
            if (KindOfIdField(change.Property) is { } target)
                foreach (var value in new[] { change.Old, change.New })
                    if (value is not null) yield return (target, value);
    }

    private static string Short(string name) => name.Length <= 80 ? name : name[..79] + "…";
}
