using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.People;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;

namespace StrategyPortal.IntegrationTests.People;

/// <summary>
/// SCIM 2.0 as Entra's provisioning service speaks it, over HTTP with an API key as the bearer token: the initial
/// cycle (GET by filter, then POST), the incremental one (PATCH in Entra's shapes, disable, re-enable, delete), the
/// discovery documents, and the errors in SCIM's format — each leaving the people as they were.
/// </summary>
public abstract class ScimTests(PortalFactory factory)
{
    private const string Users = "/scim/v2/Users";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private async Task<string> KeyAsync(string scope = ApiScopes.ScimProvision, string name = "Entra provisioning")
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        return (await admin.Get<ApiKeyService>().CreateAsync(new ApiKeyInput { Name = name, Scopes = [scope] })).Key;
    }

    private HttpClient Client(string? key)
    {
        var http = factory.CreatePortalClient().Http;
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient http, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length > 0) Assert.Equal(ScimSchemas.MediaType, response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A user as Entra's provisioning service creates one (its default mapping plus externalId = objectId).</summary>
    private static string EntraUser(string tag, string objectId, string department = "Klantenservice", string? manager = null) => $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
          "externalId": "{{objectId}}",
          "userName": "{{tag}}@contoso.example",
          "active": true,
          "addresses": [{ "primary": true, "type": "work", "streetAddress": "Damrak 1", "locality": "Amsterdam", "postalCode": "1012 LG", "country": "NL" }],
          "displayName": "Anna {{tag}}",
          "emails": [{ "primary": true, "type": "work", "value": "{{tag}}@contoso.example" }],
          "meta": { "resourceType": "User" },
          "name": { "formatted": "Anna {{tag}}", "familyName": "{{tag}}", "givenName": "Anna" },
          "phoneNumbers": [{ "primary": true, "type": "work", "value": "+31 20 123 4567" }],
          "preferredLanguage": "nl-NL",
          "title": "Medewerker",
          "roles": [],
          "{{Enterprise}}": { "employeeNumber": "{{tag}}", "department": "{{department}}"{{(manager is null ? "" : $$""", "manager": { "value": "{{manager}}" }""")}} }
        }
        """;

    private static string Tag() => "scim" + Guid.NewGuid().ToString("N")[..8];

    private static string Patch(params string[] operations) =>
        $$"""{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{{string.Join(",", operations)}}] }""";

    [Fact]
    public async Task Entras_initial_cycle_finds_nobody_creates_the_user_and_then_finds_them_by_userName_and_externalId()
    {
        var http = Client(await KeyAsync());
        var tag = Tag();
        var objectId = Guid.NewGuid().ToString();

        var (status, found) = await SendAsync(http, HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"userName eq \"{tag}@contoso.example\"")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, found!["totalResults"]!.GetValue<int>());
        Assert.Empty(found["Resources"]!.AsArray());

        var (created, user) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, objectId));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = user!["id"]!.GetValue<string>();
        Assert.Equal(objectId, user["externalId"]!.GetValue<string>());
        Assert.Equal($"{tag}@contoso.example", user["userName"]!.GetValue<string>());
        Assert.True(user["active"]!.GetValue<bool>());
        Assert.Equal("nl", user["preferredLanguage"]!.GetValue<string>());
        Assert.Equal((tag, "Klantenservice"), (user[Enterprise]!["employeeNumber"]!.GetValue<string>(), user[Enterprise]!["department"]!.GetValue<string>()));

        foreach (var filter in new[] { $"userName eq \"{tag.ToUpperInvariant()}@CONTOSO.example\"", $"externalId eq \"{objectId}\"", $"emails[type eq \"work\"].value eq \"{tag}@contoso.example\"" })
        {
            var (_, list) = await SendAsync(http, HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString(filter)}");
            Assert.Equal(1, list!["totalResults"]!.GetValue<int>());
            Assert.Equal(id, list["Resources"]![0]!["id"]!.GetValue<string>());
        }

        // The person, their unit, and their Entra link: the field Entra sign-in matches on.
        await using var db = factory.NewDbContext();
        var person = await db.People.SingleAsync(p => p.Id == int.Parse(id));
        Assert.Equal(("Anna " + tag, "Anna", tag, PortalRole.Employee), (person.Name, person.FirstName, person.LastName, person.Role));
        Assert.Equal("Klantenservice", (await db.OrgUnits.SingleAsync(u => u.Id == person.OrgUnitId)).Name);
        await using var scope = factory.Services.CreateAsyncScope();
        var linked = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByLoginAsync(EntraOptions.Scheme, objectId);
        Assert.Equal(person.Id, linked?.PersonId);
        Assert.Equal(EntraOptions.Scheme, PeopleAccounts.EntraProvider);
        // Every change is audited under the key's name.
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Person" && a.EntityId == id);
        Assert.Equal("SCIM provisioning, API key 'Entra provisioning'", entry.ActorName);
    }

    [Fact]
    public async Task Entras_incremental_cycle_patches_in_its_own_shapes_disables_re_enables_and_deletes()
    {
        var http = Client(await KeyAsync());
        var tag = Tag();
        var (_, manager) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag + "m", Guid.NewGuid().ToString()));
        var (_, user) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, Guid.NewGuid().ToString()));
        var id = user!["id"]!.GetValue<string>();
        var managerId = manager!["id"]!.GetValue<string>();
        var url = $"{Users}/{id}";

        // replace without a path: an object of attributes, dotted and with the schema's URN.
        var (status, patched) = await SendAsync(http, HttpMethod.Patch, url, Patch(
            $$"""{ "op": "Replace", "value": { "displayName": "Anna van {{tag}}", "name.familyName": "van {{tag}}", "{{Enterprise}}:department": "Marketing" } }"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Anna van " + tag, "van " + tag, "Marketing"),
            (patched!["displayName"]!.GetValue<string>(), patched["name"]!["familyName"]!.GetValue<string>(), patched[Enterprise]!["department"]!.GetValue<string>()));

        // A multi-valued path with a filter, and the manager as Entra adds it (an array of one reference).
        (status, patched) = await SendAsync(http, HttpMethod.Patch, url, Patch(
            $$"""{ "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "{{tag}}.new@contoso.example" }""",
            $$"""{ "op": "Add", "path": "{{Enterprise}}:manager", "value": [{ "$ref": null, "value": "{{managerId}}" }] }"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{tag}.new@contoso.example", patched!["emails"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(managerId, patched[Enterprise]!["manager"]!["value"]!.GetValue<string>());

        (_, patched) = await SendAsync(http, HttpMethod.Patch, url, Patch($$"""{ "op": "Remove", "path": "{{Enterprise}}:manager" }"""));
        Assert.Null(patched![Enterprise]!["manager"]);

        // Disable with Entra's string boolean, re-enable with an object.
        (_, patched) = await SendAsync(http, HttpMethod.Patch, url, Patch("""{ "op": "Replace", "path": "active", "value": "False" }"""));
        Assert.False(patched!["active"]!.GetValue<bool>());
        (_, patched) = await SendAsync(http, HttpMethod.Patch, url, Patch("""{ "op": "replace", "value": { "active": "True" } }"""));
        Assert.True(patched!["active"]!.GetValue<bool>());

        // The same PATCH again changes nothing: no audit entry.
        long audit;
        await using (var db = factory.NewDbContext()) audit = await db.AuditEntries.LongCountAsync();
        (status, _) = await SendAsync(http, HttpMethod.Patch, url, Patch("""{ "op": "replace", "value": { "active": "True" } }"""));
        Assert.Equal(HttpStatusCode.OK, status);
        await using (var db = factory.NewDbContext()) Assert.Equal(audit, await db.AuditEntries.LongCountAsync());

        // DELETE deactivates: the person and their history stay.
        (status, _) = await SendAsync(http, HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.NoContent, status);
        var (_, after) = await SendAsync(http, HttpMethod.Get, url);
        Assert.False(after!["active"]!.GetValue<bool>());
        await using (var db = factory.NewDbContext()) Assert.False((await db.People.SingleAsync(p => p.Id == int.Parse(id))).IsActive);
    }

    [Fact]
    public async Task A_put_replaces_the_user_and_clears_what_it_leaves_out()
    {
        var http = Client(await KeyAsync());
        var tag = Tag();
        var (_, user) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, Guid.NewGuid().ToString()));
        var id = user!["id"]!.GetValue<string>();

        var (status, replaced) = await SendAsync(http, HttpMethod.Put, $"{Users}/{id}",
            $$"""{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{tag}}@contoso.example", "displayName": "A. {{tag}}", "emails": [{ "type": "work", "value": "{{tag}}@contoso.example" }], "{{Enterprise}}": { "department": "IT" } }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("A. " + tag, "IT"), (replaced!["displayName"]!.GetValue<string>(), replaced[Enterprise]!["department"]!.GetValue<string>()));
        Assert.Null(replaced["preferredLanguage"]);
        Assert.Null(replaced[Enterprise]!["employeeNumber"]);
    }

    [Fact]
    public async Task The_discovery_documents_say_what_the_service_supports()
    {
        var http = Client(await KeyAsync());

        var (_, config) = await SendAsync(http, HttpMethod.Get, "/scim/v2/ServiceProviderConfig");
        var (_, types) = await SendAsync(http, HttpMethod.Get, "/scim/v2/ResourceTypes");
        var (_, schemas) = await SendAsync(http, HttpMethod.Get, "/scim/v2/Schemas");
        var (userSchemaStatus, userSchema) = await SendAsync(http, HttpMethod.Get, "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.True(config!["patch"]!["supported"]!.GetValue<bool>());
        Assert.False(config["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal("oauthbearertoken", config["authenticationSchemes"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("User", types!["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal([ScimSchemas.User, ScimSchemas.EnterpriseUser], schemas!["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, userSchemaStatus);
        Assert.Contains(userSchema!["attributes"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "userName");
    }

    public static TheoryData<string, string, string, int, string?> BadRequests => new()
    {
        // name, method, body, status, scimType
        { "malformed JSON", "POST", "{ \"userName\": ", 400, "invalidSyntax" },
        { "unknown attribute", "POST", "{ \"userName\": \"x@contoso.example\", \"favouriteColour\": \"blue\" }", 400, "invalidPath" },
        { "no userName", "POST", "{ \"displayName\": \"Nobody\" }", 400, "invalidValue" },
        { "unknown department", "POST", "{ \"userName\": \"dept@contoso.example\", \"" + Enterprise + "\": { \"department\": \"Nergens\" } }", 400, "invalidValue" },
        { "patch of a missing user", "PATCH /999999", "{ \"Operations\": [{ \"op\": \"replace\", \"path\": \"active\", \"value\": false }] }", 404, null },
        { "unknown patch op", "PATCH", "{ \"Operations\": [{ \"op\": \"move\", \"path\": \"active\", \"value\": false }] }", 400, "invalidSyntax" },
        { "unsupported filter", "GET ?filter=title%20co%20%22x%22", "", 400, "invalidFilter" },
        { "a userName already taken", "DUPLICATE", "", 409, "uniqueness" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_a_scim_error_and_change_nothing(string name, string method, string body, int status, string? scimType)
    {
        var http = Client(await KeyAsync());
        var tag = Tag();
        var (_, existing) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, Guid.NewGuid().ToString()));
        var existingId = existing!["id"]!.GetValue<string>();
        (int People, long Audit) before;
        await using (var db = factory.NewDbContext()) before = (await db.People.CountAsync(), await db.AuditEntries.LongCountAsync());

        var (code, error) = method switch
        {
            "POST" => await SendAsync(http, HttpMethod.Post, Users, body),
            "PATCH /999999" => await SendAsync(http, HttpMethod.Patch, $"{Users}/999999", body),
            "PATCH" => await SendAsync(http, HttpMethod.Patch, $"{Users}/{existingId}", body),
            "DUPLICATE" => await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, Guid.NewGuid().ToString()).Replace($"\"employeeNumber\": \"{tag}\"", "\"employeeNumber\": \"other\"")),
            _ => await SendAsync(http, HttpMethod.Get, Users + method[4..]),
        };

        Assert.Equal(status, (int)code);
        Assert.Equal(ScimSchemas.Error, error!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error["status"]!.GetValue<string>());
        Assert.Equal(scimType, error["scimType"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["detail"]!.GetValue<string>()), name);
        await using (var db = factory.NewDbContext()) Assert.Equal(before, (await db.People.CountAsync(), await db.AuditEntries.LongCountAsync()));
    }

    [Fact]
    public async Task Without_a_valid_key_with_the_scope_SCIM_answers_401_or_403_in_its_own_format()
    {
        var wrongScope = await KeyAsync(ApiScopes.CustomerScoresImport, "Scores only");
        var revoked = await KeyAsync(name: "Revoked");
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var keys = admin.Get<ApiKeyService>();
            var row = (await keys.ListAsync()).Single(k => k.Name == "Revoked" && !k.IsRevoked);
            await keys.RevokeAsync(row.Id, row.Version);
        }

        foreach (var (key, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("spk_not-a-key-at-all-000000000000000000000000", HttpStatusCode.Unauthorized),
                     (revoked, HttpStatusCode.Unauthorized), (wrongScope, HttpStatusCode.Forbidden) })
        {
            var (status, error) = await SendAsync(Client(key), HttpMethod.Get, Users);
            Assert.Equal(expected, status);
            Assert.Equal(ScimSchemas.Error, error!["schemas"]![0]!.GetValue<string>());
        }
        // A signed-in administrator's cookie is no key either.
        var cookie = await factory.SharedClientAsync(PortalRole.Administrator);
        using var response = await cookie.GetAsync(Users);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_person_imported_from_a_file_is_adopted_by_their_first_provisioning_not_duplicated()
    {
        var tag = Tag();
        var email = $"{tag}@contoso.example";
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var file = Encoding.UTF8.GetBytes($"employee_number;first_name;last_name;email;unit\r\n{tag};Anna;{tag};{email};Klantenservice\r\n");
            Assert.Equal(PeopleImportRefusal.None, (await admin.Get<PeopleImportService>().ApplyAsync(file, "hr.csv", new(Domain.People.PeopleSyncMode.Delta, false), null)).Refusal);
        }
        int importedId;
        await using (var db = factory.NewDbContext()) importedId = (await db.People.SingleAsync(p => p.Email == email)).Id;
        var http = Client(await KeyAsync());

        var (_, found) = await SendAsync(http, HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"userName eq \"{email}\"")}");
        var (status, user) = await SendAsync(http, HttpMethod.Post, Users, EntraUser(tag, Guid.NewGuid().ToString()));

        Assert.Equal(importedId.ToString(System.Globalization.CultureInfo.InvariantCulture), found!["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(importedId.ToString(System.Globalization.CultureInfo.InvariantCulture), user!["id"]!.GetValue<string>());
        await using (var db = factory.NewDbContext()) Assert.Equal(1, await db.People.CountAsync(p => p.Email == email));
    }
}

public sealed class ScimTests_Sqlite(SqliteDemoPortal factory) : ScimTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ScimTests_PostgreSql(PostgreSqlDemoPortal factory) : ScimTests(factory), IClassFixture<PostgreSqlDemoPortal>;
