using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Access;

/// <summary>Why an Entra sign-in was refused; the refusal page explains each (SignIn.Refused.{reason}).</summary>
public static class EntraRefusal
{
    public const string NoRole = "no-role";
    public const string Ambiguous = "ambiguous";
    public const string Erased = "erased";
    public const string Inactive = "inactive";
    public const string Unknown = "unknown";
    public const string MissingClaims = "missing-claims";
    public const string Failed = "failed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { NoRole, Ambiguous, Erased, Inactive, Unknown, MissingClaims, Failed };
}

/// <summary>What the portal does with an Entra user it cannot match to a person.</summary>
public enum UnknownEntraUsers
{
    Refuse,
    Provision,
}

/// <summary>
/// What a validated Entra ID token says about who signs in. <paramref name="EmailDomainVerified"/> is Entra's optional
/// <c>xms_edov</c> claim (null when the token does not carry it).
/// </summary>
public sealed record EntraIdentity(
    string? ObjectId,
    string? TenantId,
    string? Issuer,
    string? Email,
    bool? EmailDomainVerified,
    string? Name,
    IReadOnlyList<string> AppRoles);

/// <summary>The operator's rules for Entra sign-in (the <c>AzureAd</c> section).</summary>
public sealed record EntraSignInRules(
    string TenantId,
    IReadOnlyDictionary<string, PortalRole> RoleMapping,
    UnknownEntraUsers UnknownUsers,
    string ProvisionUnit);

/// <summary>Either the sign-in account to sign in (<see cref="UserId"/>) or why not (<see cref="Refusal"/>, one of <see cref="EntraRefusal"/>).</summary>
public sealed record EntraSignInDecision(int? UserId, string? Refusal)
{
    public static EntraSignInDecision SignIn(int userId) => new(userId, null);
    public static EntraSignInDecision Refuse(string reason) => new(null, reason);
}

/// <summary>
/// Matches a validated Entra identity to a person and their sign-in account, provisions or refuses unknown users and
/// applies the app roles (Infrastructure, over ASP.NET Core Identity). A refusal changes nothing.
/// </summary>
public interface IEntraSignIn
{
    /// <summary>The login provider name under which a person's Entra object id is stored (Identity user login).</summary>
    const string LoginProvider = "Entra";

    Task<EntraSignInDecision> DecideAsync(EntraIdentity identity, EntraSignInRules rules, CancellationToken cancellationToken = default);
}

/// <summary>The rules of Entra sign-in that need no database, in one place.</summary>
public static class EntraRules
{
    /// <summary>The highest portal role among the app roles the mapping knows; null when it knows none. Keys compare without regard to case.</summary>
    public static PortalRole? MapRole(IReadOnlyDictionary<string, PortalRole> mapping, IEnumerable<string> appRoles)
    {
        PortalRole? best = null;
        foreach (var appRole in appRoles)
        {
            var mapped = mapping.FirstOrDefault(m => string.Equals(m.Key, appRole, StringComparison.OrdinalIgnoreCase));
            if (mapped.Key is null) continue;
            if (best is null || mapped.Value > best) best = mapped.Value;
        }
        return best;
    }

    /// <summary>
    /// Whether the token's <c>tid</c> is the configured tenant. <c>AzureAd:TenantId</c> is a GUID; should an operator
    /// give the tenant's domain name instead, the validated issuer must at least name the token's own tenant.
    /// </summary>
    public static bool IsConfiguredTenant(string configuredTenant, string? tenant, string? issuer)
    {
        if (string.IsNullOrWhiteSpace(tenant)) return false;
        return Guid.TryParse(configuredTenant, out _)
            ? string.Equals(tenant, configuredTenant, StringComparison.OrdinalIgnoreCase)
            : issuer is not null && issuer.Contains($"/{tenant}/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The e-mail a not yet linked Entra user may be matched by: the <c>email</c> claim unless the token says its domain
    /// owner did not verify it; never <c>preferred_username</c> or <c>upn</c>.
    /// </summary>
    public static string? MatchableEmail(EntraIdentity identity) =>
        string.IsNullOrWhiteSpace(identity.Email) || identity.EmailDomainVerified == false ? null : identity.Email;
}
