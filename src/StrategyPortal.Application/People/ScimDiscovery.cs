using System.Text.Json.Nodes;

namespace StrategyPortal.Application.People;

/// <summary>The discovery documents (RFC 7644 §4): what this SCIM service supports, its one resource type and its schemas.</summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["documentationUri"] = "https://datatracker.ietf.org/doc/html/rfc7644",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimOptions.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "An API key of the portal with the scope scim:provision, sent as Authorization: Bearer <key>.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject ResourceTypes(string baseUrl) => List([UserResourceType(baseUrl)]);

    public static JsonObject UserResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A person of the company",
        ["schema"] = ScimSchemas.User,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
    };

    public static JsonObject Schemas(string baseUrl) => List([UserSchema(baseUrl), EnterpriseSchema(baseUrl)]);

    public static JsonObject? Schema(string id, string baseUrl) =>
        string.Equals(id, ScimSchemas.User, StringComparison.OrdinalIgnoreCase) ? UserSchema(baseUrl)
        : string.Equals(id, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase) ? EnterpriseSchema(baseUrl)
        : null;

    private static JsonObject UserSchema(string baseUrl) => SchemaDocument(ScimSchemas.User, "User", "User Account", baseUrl,
    [
        Attribute("userName", "string", required: true, uniqueness: "server", description: "The directory's name for the user (usually the UPN)."),
        Attribute("name", "complex", subAttributes: [Attribute("givenName", "string"), Attribute("familyName", "string"), Attribute("formatted", "string")]),
        Attribute("displayName", "string"),
        Attribute("emails", "complex", multiValued: true, subAttributes: [Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")]),
        Attribute("active", "boolean"),
        Attribute("preferredLanguage", "string"),
        Attribute("externalId", "string", caseExact: true, description: "The Entra object id."),
    ]);

    private static JsonObject EnterpriseSchema(string baseUrl) => SchemaDocument(ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User", baseUrl,
    [
        Attribute("employeeNumber", "string", uniqueness: "server"),
        Attribute("department", "string", description: "Decides the unit (see the Scim settings)."),
        Attribute("manager", "complex", subAttributes: [Attribute("value", "string"), Attribute("$ref", "reference")]),
    ]);

    private static JsonObject SchemaDocument(string id, string name, string description, string baseUrl, JsonNode[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{id}" },
    };

    private static JsonObject Attribute(string name, string type, bool required = false, bool multiValued = false, bool caseExact = false,
        string uniqueness = "none", string? description = null, JsonNode[]? subAttributes = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["multiValued"] = multiValued,
            ["required"] = required,
            ["caseExact"] = caseExact,
            ["mutability"] = "readWrite",
            ["returned"] = "default",
            ["uniqueness"] = uniqueness,
        };
        if (description is not null) attribute["description"] = description;
        if (subAttributes is not null) attribute["subAttributes"] = new JsonArray(subAttributes);
        return attribute;
    }

    private static JsonObject List(JsonObject[] resources) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = resources.Length,
        ["startIndex"] = 1,
        ["itemsPerPage"] = resources.Length,
        ["Resources"] = new JsonArray(resources),
    };
}
