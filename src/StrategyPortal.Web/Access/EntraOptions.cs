using StrategyPortal.Domain.Access;

namespace StrategyPortal.Web.Access;

/// <summary>What the portal does with an Entra user it cannot match to a person.</summary>
public enum UnknownEntraUsers
{
    Refuse,
    Provision,
}

/// <summary>
/// The <c>AzureAd</c> section: Entra ID (OpenID Connect) sign-in. Off while <see cref="ClientId"/> is empty.
/// <see cref="Authority"/> and <see cref="MetadataAddress"/> override the Microsoft authority (tests point them at a local provider).
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "AzureAd";

    /// <summary>The authentication scheme of the OpenID Connect handler, and the login provider name in the user logins.</summary>
    public const string Scheme = "Entra";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string TenantId { get; set; } = string.Empty;
    public string ClientId { get; set; } = string.Empty;
    public string ClientSecret { get; set; } = string.Empty;
    public string CallbackPath { get; set; } = "/signin-oidc";
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";
    public string? Authority { get; set; }
    public string? MetadataAddress { get; set; }

    /// <summary>Only for a local test provider on http; production metadata is always https.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Entra app role (the <c>roles</c> claim) → portal role. Keys compare without regard to case.</summary>
    public Dictionary<string, PortalRole> RoleMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public UnknownEntraUsers UnknownUsers { get; set; } = UnknownEntraUsers.Refuse;

    /// <summary>The name of the unit new people join when <see cref="UnknownUsers"/> is Provision.</summary>
    public string ProvisionUnit { get; set; } = string.Empty;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public string EffectiveAuthority =>
        !string.IsNullOrWhiteSpace(Authority) ? Authority : $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}

/// <summary><c>Portal:LocalAccounts</c>: whether e-mail and password sign-in is offered.</summary>
public sealed class LocalAccountOptions
{
    public const string Section = "Portal:LocalAccounts";

    public bool Enabled { get; set; } = true;
}
