using System.Text.Json;
using System.Text.Json.Nodes;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.People;

/// <summary>What a SCIM request gives about a user: a record for the planner, plus what is not a person's field.</summary>
public sealed class ScimUserInput
{
    public PersonData Record { get; } = new();

    /// <summary>Entra's object id; set when given (an empty value clears nothing: the link stays).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The value of the unit attribute (<see cref="ScimOptions.UnitAttribute"/>) when given; empty: the default unit.</summary>
    public string? UnitValue { get; set; }
    public bool UnitGiven { get; set; }
}

/// <summary>
/// Reads SCIM user bodies and PATCH operations as Entra's provisioning service sends them (RFC 7643/7644 and its
/// documented habits): op names in any case, <c>replace</c> without a path carrying an object of attributes (plain,
/// dotted or with the schema URN), booleans as the strings "True"/"False", <c>emails[type eq "work"].value</c>, the
/// manager as a string, an object or an array of one. Attributes of the user schemas the portal does not keep
/// (addresses, phone numbers, title…) are accepted and ignored; a name no schema knows is refused.
/// </summary>
public sealed class ScimUserReader(ScimOptions options)
{
    private const string CorePrefix = ScimSchemas.User + ":";
    private const string EnterprisePrefix = ScimSchemas.EnterpriseUser + ":";

    /// <summary>Core and enterprise attributes the portal accepts but does not keep.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "schemas", "id", "meta", "title", "nickName", "profileUrl", "userType", "locale", "timezone", "password", "addresses", "phoneNumbers",
        "ims", "photos", "x509Certificates", "entitlements", "groups", "name.formatted", "name.middleName", "name.honorificPrefix", "name.honorificSuffix",
        "enterprise:costCenter", "enterprise:organization", "enterprise:division", "enterprise:department",
    };

    private static readonly string[] IgnoredMultiValued = ["addresses", "phoneNumbers", "ims", "photos", "x509Certificates", "entitlements", "groups"];

    /// <summary>A whole user (POST, PUT): every field the portal keeps is given, absent ones cleared.</summary>
    public ScimUserInput ReadUser(JsonNode? body, bool replace)
    {
        if (body is not JsonObject user) throw Invalid("invalidSyntax", "The body must be a JSON object: a SCIM User.");
        var input = new ScimUserInput();
        if (replace)
        {
            var record = input.Record;
            record.Given = PersonField.FirstName | PersonField.LastName | PersonField.Manager | PersonField.Language | PersonField.Active | PersonField.EmployeeNumber;
            record.Active = true;
        }
        foreach (var (name, value) in user) Set(input, name, value, remove: false);
        if (!input.Record.Gives(PersonField.UserName) || string.IsNullOrWhiteSpace(input.Record.UserName))
            throw Invalid("invalidValue", "userName is required.");
        if (!input.Record.Gives(PersonField.Email))
        {
            if (!input.Record.UserName!.Contains('@')) throw Invalid("invalidValue", "The user needs an e-mail address: emails[type eq \"work\"] or a userName that is one.");
            input.Record.Email = input.Record.UserName;
            input.Record.Given |= PersonField.Email;
        }
        if (!input.UnitGiven)
        {
            input.UnitGiven = true;
            input.UnitValue = null;
        }
        return input;
    }

    /// <summary>A PATCH body (urn:…:PatchOp): only what the operations name is given.</summary>
    public ScimUserInput ReadPatch(JsonNode? body)
    {
        if (body is not JsonObject patch) throw Invalid("invalidSyntax", "The body must be a JSON object: a SCIM PatchOp.");
        var operations = patch.FirstOrDefault(p => string.Equals(p.Key, "Operations", StringComparison.OrdinalIgnoreCase)).Value as JsonArray;
        if (operations is null || operations.Count == 0) throw Invalid("invalidSyntax", "A PatchOp needs an 'Operations' array with at least one operation.");
        var input = new ScimUserInput();
        foreach (var node in operations)
        {
            if (node is not JsonObject operation) throw Invalid("invalidSyntax", "Each operation must be an object with 'op', 'path' and 'value'.");
            var op = Property(operation, "op")?.GetValueKind() == JsonValueKind.String ? Property(operation, "op")!.GetValue<string>() : null;
            var path = Property(operation, "path") is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : null;
            var value = Property(operation, "value");
            switch (op?.ToLowerInvariant())
            {
                case "add" or "replace":
                    if (string.IsNullOrWhiteSpace(path))
                    {
                        if (value is not JsonObject attributes) throw Invalid("invalidSyntax", $"'{op}' without a path needs an object of attributes as its value.");
                        foreach (var (name, attribute) in attributes) Set(input, name, attribute, remove: false);
                    }
                    else Set(input, path, value, remove: false);
                    break;
                case "remove":
                    if (string.IsNullOrWhiteSpace(path)) throw Invalid("noTarget", "'remove' needs a path.");
                    Set(input, path, null, remove: true);
                    break;
                default:
                    throw Invalid("invalidSyntax", $"Unknown operation '{op}': use add, replace or remove.");
            }
        }
        return input;
    }

    private void Set(ScimUserInput input, string rawPath, JsonNode? value, bool remove)
    {
        var path = Normalise(rawPath);
        var record = input.Record;
        if (path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            // A whole extension object, or an attribute of an extension the portal does not know.
            if (IsUnitAttribute(path)) SetUnit(input, value, remove);
            else if (value is JsonObject extension && !remove)
                foreach (var (name, attribute) in extension) Set(input, path + ":" + name, attribute, remove);
            return;
        }
        if (IsUnitAttribute(path))
        {
            SetUnit(input, value, remove);
            return;
        }
        switch (path.ToLowerInvariant())
        {
            case "username":
                record.UserName = remove ? null : Text(value, rawPath);
                record.Given |= PersonField.UserName;
                return;
            case "externalid":
                if (!remove) input.ExternalId = Text(value, rawPath);
                return;
            case "displayname":
                record.DisplayName = remove ? null : Text(value, rawPath);
                record.Given |= PersonField.DisplayName;
                return;
            case "name":
                if (remove)
                {
                    record.FirstName = record.LastName = null;
                    record.Given |= PersonField.FirstName | PersonField.LastName;
                }
                else if (value is JsonObject name)
                    foreach (var (part, partValue) in name) Set(input, "name." + part, partValue, remove);
                else throw Invalid("invalidValue", "'name' must be an object.");
                return;
            case "name.givenname":
                record.FirstName = remove ? null : Text(value, rawPath);
                record.Given |= PersonField.FirstName;
                return;
            case "name.familyname":
                record.LastName = remove ? null : Text(value, rawPath);
                record.Given |= PersonField.LastName;
                return;
            case "emails":
                if (remove) throw Invalid("mutability", "The e-mail address cannot be removed.");
                record.Email = WorkEmail(value);
                record.Given |= PersonField.Email;
                return;
            case "emails.value" or "emails[type eq \"work\"].value" or "emails[primary eq true].value":
                if (remove) throw Invalid("mutability", "The e-mail address cannot be removed.");
                record.Email = Text(value, rawPath);
                record.Given |= PersonField.Email;
                return;
            case "active":
                record.Active = !remove && Boolean(value, rawPath);
                record.Given |= PersonField.Active;
                return;
            case "preferredlanguage":
                var language = remove ? null : Text(value, rawPath);
                // A language the portal does not speak is not an error: the person reads the default language.
                try { record.Language = Person.NormaliseLanguage(language); }
                catch (Domain.Common.DomainException) { record.Language = null; }
                record.Given |= PersonField.Language;
                return;
            case "roles":
                if (options.RoleMapping.Count == 0) return;
                record.Role = remove ? PortalRole.Employee : MapRole(value);
                record.Given |= record.Role is null ? PersonField.None : PersonField.Role;
                return;
            case "enterprise":
                if (value is JsonObject enterprise && !remove)
                    foreach (var (name, attribute) in enterprise) Set(input, EnterprisePrefix + name, attribute, remove);
                return;
            case "enterprise:employeenumber":
                record.EmployeeNumber = remove ? null : Text(value, rawPath);
                record.Given |= PersonField.EmployeeNumber;
                return;
            case "enterprise:manager":
                var manager = remove ? null : ManagerId(value);
                record.Manager = manager is null ? null : new ManagerReference(manager, null);
                record.Given |= PersonField.Manager;
                return;
        }
        if (Ignored.Contains(path) || IgnoredMultiValued.Any(m => path.StartsWith(m + "[", StringComparison.OrdinalIgnoreCase) || path.StartsWith(m + ".", StringComparison.OrdinalIgnoreCase)))
            return;
        throw Invalid("invalidPath", $"Unknown attribute '{rawPath}'.");
    }

    /// <summary>"urn:…:core:2.0:User:userName" → "userName"; "urn:…:enterprise:2.0:User:manager" → "enterprise:manager".</summary>
    private static string Normalise(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.StartsWith(CorePrefix, StringComparison.OrdinalIgnoreCase)) return trimmed[CorePrefix.Length..];
        if (trimmed.StartsWith(EnterprisePrefix, StringComparison.OrdinalIgnoreCase)) return "enterprise:" + trimmed[EnterprisePrefix.Length..];
        if (string.Equals(trimmed, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)) return "enterprise";
        return trimmed;
    }

    private bool IsUnitAttribute(string normalisedPath)
    {
        var configured = Normalise(options.UnitAttribute);
        if (!configured.Contains(':') && !configured.StartsWith("enterprise", StringComparison.OrdinalIgnoreCase)) configured = "enterprise:" + configured;
        return string.Equals(normalisedPath, configured, StringComparison.OrdinalIgnoreCase);
    }

    private static void SetUnit(ScimUserInput input, JsonNode? value, bool remove)
    {
        input.UnitValue = remove || value is null ? null : value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw Invalid("invalidValue", "The unit attribute must be a string.");
        input.UnitGiven = true;
    }

    private PortalRole? MapRole(JsonNode? value)
    {
        PortalRole? best = null;
        var values = value is JsonArray array ? array.Select(v => v is JsonObject o ? Property(o, "value") : v) : [value is JsonObject o2 ? Property(o2, "value") : value];
        foreach (var item in values)
            if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String && options.RoleMapping.TryGetValue(v.GetValue<string>(), out var role) && (best is null || role > best))
                best = role;
        return best;
    }

    private static string? WorkEmail(JsonNode? value)
    {
        if (value is not JsonArray emails || emails.Count == 0) throw Invalid("invalidValue", "'emails' must be an array of { value, type, primary }.");
        var all = emails.OfType<JsonObject>().ToList();
        var chosen = all.FirstOrDefault(e => Property(e, "type") is JsonValue t && t.GetValueKind() == JsonValueKind.String && string.Equals(t.GetValue<string>(), "work", StringComparison.OrdinalIgnoreCase))
                     ?? all.FirstOrDefault(e => Property(e, "primary") is { } p && IsTrue(p))
                     ?? all.FirstOrDefault();
        return chosen is null ? null : Text(Property(chosen, "value"), "emails.value");
    }

    private static int? ManagerId(JsonNode? value)
    {
        var node = value switch
        {
            JsonArray { Count: 0 } => null,
            JsonArray array => array[0] is JsonObject first ? Property(first, "value") : array[0],
            JsonObject manager => Property(manager, "value"),
            _ => value,
        };
        if (node is null) return null;
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw Invalid("invalidValue", $"Manager '{text}' is not the id of a user of this portal.");
    }

    private static string? Text(JsonNode? value, string path) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => throw Invalid("invalidValue", $"'{path}' must be a string."),
    };

    /// <summary>true/false, or Entra's "True"/"False" strings.</summary>
    private static bool Boolean(JsonNode? value, string path) =>
        value is not null && (IsTrue(value) || (IsFalse(value) ? false : throw Invalid("invalidValue", $"'{path}' must be true or false.")));

    private static bool IsTrue(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals(node.GetValue<string>().Trim(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool IsFalse(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.False => true,
        JsonValueKind.String => string.Equals(node.GetValue<string>().Trim(), "false", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static JsonNode? Property(JsonObject node, string name) =>
        node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static ScimException Invalid(string scimType, string detail) => new(400, scimType, detail);
}
