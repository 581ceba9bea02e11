using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.People;

/// <summary>
/// <c>Scim</c> settings: how a provisioned person's unit is found. <see cref="UnitAttribute"/> names the attribute
/// (<c>department</c> of the enterprise extension by default; another enterprise attribute such as <c>division</c>, or
/// a custom one by its full name <c>urn:…:attribute</c>); <see cref="UnitMap"/> turns its values into a unit path or
/// code; a value not in the map is taken as a path or code itself.
/// </summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    public string UnitAttribute { get; set; } = "department";

    /// <summary>Attribute value → unit path (<c>Klantenservice/Webcare</c>) or code. Keys compare without regard to case.</summary>
    public Dictionary<string, string> UnitMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The unit (path or code) of a person whose attribute is empty; empty: the company itself.</summary>
    public string DefaultUnit { get; set; } = string.Empty;

    /// <summary>A value that names no unit creates the units of its path (else the request is refused).</summary>
    public bool CreateUnits { get; set; }

    /// <summary>App role values (SCIM <c>roles</c>) → portal role, as Entra sign-in's <c>AzureAd:RoleMapping</c>; empty: roles are not taken from SCIM.</summary>
    public Dictionary<string, PortalRole> RoleMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 100;
}

/// <summary>A request SCIM refuses: answered in SCIM's error format (RFC 7644 §3.12).</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;
}

/// <summary>Who provisions: the API key the bearer token is. Its name is the audit log's actor.</summary>
public sealed record ScimCaller(int ApiKeyId, string KeyName)
{
    public string AuditName => $"SCIM provisioning, API key '{KeyName}'";
}

public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public const string MediaType = "application/scim+json";
}
