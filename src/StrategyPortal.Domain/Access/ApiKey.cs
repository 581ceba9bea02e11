using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Access;

/// <summary>
/// A key that lets a script or CX tool call the portal's API. Only a SHA-256 hash of the key is kept;
/// the key itself is shown once, when it is created. <see cref="Prefix"/> (the first characters) names
/// the key in lists and finds it on use. A revoked key stays listed and never works again.
/// </summary>
public class ApiKey : IVersioned
{
    public const int NameMaxLength = 80;
    public const int PrefixLength = 12;
    public const string KeyStart = "spk_";

    /// <summary>The scopes a key can be given.</summary>
    public static IReadOnlyList<string> KnownScopes { get; } = [ApiScopes.CustomerScoresImport, ApiScopes.PeopleImport, ApiScopes.ScimProvision];

    private ApiKey() { Name = string.Empty; Prefix = string.Empty; Hash = string.Empty; Scopes = string.Empty; }

    public ApiKey(string name, string prefix, string hash, IEnumerable<string> scopes, int? createdByPersonId, DateTime createdAt)
    {
        Name = ValidName(name);
        Prefix = prefix;
        Hash = hash;
        Scopes = string.Join(' ', ValidScopes(scopes));
        CreatedByPersonId = createdByPersonId;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Prefix { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; private set; }

    /// <summary>Space-separated scopes, e.g. "customer-scores:import".</summary>
    public string Scopes { get; private set; }

    /// <summary>Null for a key made on the host with the <c>api-key create</c> command (no person acted).</summary>
    public int? CreatedByPersonId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public int Version { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool HasScope(string scope) => ScopeList.Contains(scope, StringComparer.Ordinal);

    public void Revoke(DateTime now)
    {
        if (IsRevoked) throw new DomainException("apikey.already-revoked", "This key has already been revoked.");
        RevokedAt = now;
    }

    public static string ValidName(string? name) => TextRules.Required(name, NameMaxLength, "apikey.name");

    /// <summary>At least one scope, each a known one.</summary>
    public static IReadOnlyList<string> ValidScopes(IEnumerable<string> scopes)
    {
        var list = scopes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) throw new DomainException("apikey.scope-required", "A key needs at least one scope.");
        if (list.FirstOrDefault(s => !KnownScopes.Contains(s)) is { } unknown)
            throw new DomainException("apikey.scope-unknown", $"Unknown scope '{unknown}'.");
        return list;
    }
}

public static class ApiScopes
{
    public const string CustomerScoresImport = "customer-scores:import";

    /// <summary>Import people files through <c>/api/v1/people/import</c>.</summary>
    public const string PeopleImport = "people:import";

    /// <summary>Provision people through SCIM (<c>/scim/v2</c>), as Entra's provisioning service does.</summary>
    public const string ScimProvision = "scim:provision";
}
