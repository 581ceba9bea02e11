using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Web.Access;

/// <summary>
/// The <c>AzureAd</c> section: Entra ID sign-in through Microsoft.Identity.Web, which reads the same section.
/// Off while <see cref="ClientId"/> is empty. The authority is always <c>{Instance}{TenantId}/v2.0</c>
/// (the tests point <see cref="Instance"/> at a local, Entra-shaped provider).
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "AzureAd";

    /// <summary>The authentication scheme of the OpenID Connect handler, and the login provider name in the user logins.</summary>
    public const string Scheme = IEntraSignIn.LoginProvider;

    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string TenantId { get; set; } = string.Empty;
    public string ClientId { get; set; } = string.Empty;
    public string ClientSecret { get; set; } = string.Empty;
    public string CallbackPath { get; set; } = "/signin-oidc";
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    /// <summary>Entra app role (the <c>roles</c> claim) → portal role. Keys compare without regard to case.</summary>
    public Dictionary<string, PortalRole> RoleMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public UnknownEntraUsers UnknownUsers { get; set; } = UnknownEntraUsers.Refuse;

    /// <summary>The name of the unit new people join when <see cref="UnknownUsers"/> is Provision.</summary>
    public string ProvisionUnit { get; set; } = string.Empty;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The rules the application applies at an Entra sign-in.</summary>
    public EntraSignInRules Rules => new(TenantId, RoleMapping, UnknownUsers, ProvisionUnit);

    /// <summary>The authority Microsoft.Identity.Web builds from <see cref="Instance"/> and <see cref="TenantId"/>.</summary>
    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}

/// <summary><c>Portal:LocalAccounts</c>: whether e-mail and password sign-in is offered.</summary>
public sealed class LocalAccountOptions
{
    public const string Section = "Portal:LocalAccounts";

    public bool Enabled { get; set; } = true;
}
