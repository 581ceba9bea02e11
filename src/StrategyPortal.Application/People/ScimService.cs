using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary>
/// SCIM 2.0 users (RFC 7643/7644) for Entra's provisioning service: read, filter, create, replace, patch and
/// deactivate (a DELETE deactivates: people with history are never deleted). Every change goes through
/// <see cref="PeoplePlanner"/> — the rules of a people file hold here too — and lands in the audit log under the API
/// key's name. <c>externalId</c> is the Entra object id, kept as the account's Entra login: the field Entra sign-in
/// matches on, so the provisioned person and their sign-in are one person.
/// </summary>
public sealed partial class ScimService(
    IPortalDbFactory dbFactory,
    PeoplePlanner planner,
    PeoplePlanApplier applier,
    IPeopleAccounts accounts,
    ScimOptions options)
{
    private readonly ScimUserReader _reader = new(options);

    public async Task<JsonObject> GetUserAsync(ScimCaller caller, string id, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(caller, cancellationToken);
        var person = await FindAsync(db, id, cancellationToken);
        return (await ToJsonAsync(db, [person], baseUrl, cancellationToken))[0];
    }

    public async Task<JsonObject> ListUsersAsync(ScimCaller caller, string? filter, int? startIndex, int? count, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(caller, cancellationToken);
        var start = Math.Max(1, startIndex ?? 1);
        var size = Math.Clamp(count ?? ScimOptions.DefaultPageSize, 0, ScimOptions.MaxPageSize);
        var people = db.People.AsNoTracking().Where(p => !p.IsErased);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var (attribute, value) = ParseFilter(filter);
            switch (attribute)
            {
                case "username":
                    var userName = value.Trim().ToLowerInvariant();
                    people = people.Where(p => p.DirectoryUserName == userName || (p.DirectoryUserName == null && p.Email == userName));
                    break;
                case "externalid":
                    var owner = await accounts.PersonWithEntraObjectIdAsync(db, value, cancellationToken);
                    people = people.Where(p => p.Id == owner);
                    break;
                case "id":
                    var personId = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
                    people = people.Where(p => p.Id == personId);
                    break;
                default:
                    var email = Person.NormaliseEmail(value);
                    people = people.Where(p => p.Email == email);
                    break;
            }
        }
        var total = await people.CountAsync(cancellationToken);
        var page = size == 0 ? [] : await people.OrderBy(p => p.Id).Skip(start - 1).Take(size).ToListAsync(cancellationToken);
        var resources = await ToJsonAsync(db, page, baseUrl, cancellationToken);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = total,
            ["startIndex"] = start,
            ["itemsPerPage"] = resources.Count,
            ["Resources"] = new JsonArray([.. resources]),
        };
    }

    public async Task<JsonObject> CreateUserAsync(ScimCaller caller, JsonNode? body, string baseUrl, CancellationToken cancellationToken = default)
    {
        var input = _reader.ReadUser(body, replace: false);
        await using var db = await OpenAsync(caller, cancellationToken);
        if (input.ExternalId is { Length: > 0 } objectId && await accounts.PersonWithEntraObjectIdAsync(db, objectId, cancellationToken) is { } linked)
            throw new ScimException(409, "uniqueness", $"A user with externalId '{objectId}' already exists (id {linked}).");
        // Someone imported from a file (not provisioned yet, not linked to Entra) with this e-mail is this user: adopt them.
        var email = Person.NormaliseEmail(input.Record.Email ?? string.Empty);
        var adoptable = await db.People.AsNoTracking().Where(p => p.Email == email && p.DirectoryUserName == null && !p.IsErased).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (adoptable is { } adoptId && (await accounts.EntraObjectIdsAsync(db, [adoptId], cancellationToken)).Count == 0)
            input.Record.PersonId = adoptId;
        var person = await SaveAsync(db, input, cancellationToken);
        return (await ToJsonAsync(db, [person], baseUrl, cancellationToken))[0];
    }

    public async Task<JsonObject> ReplaceUserAsync(ScimCaller caller, string id, JsonNode? body, string baseUrl, CancellationToken cancellationToken = default)
    {
        var input = _reader.ReadUser(body, replace: true);
        await using var db = await OpenAsync(caller, cancellationToken);
        input.Record.PersonId = (await FindAsync(db, id, cancellationToken)).Id;
        var person = await SaveAsync(db, input, cancellationToken);
        return (await ToJsonAsync(db, [person], baseUrl, cancellationToken))[0];
    }

    public async Task<JsonObject> PatchUserAsync(ScimCaller caller, string id, JsonNode? body, string baseUrl, CancellationToken cancellationToken = default)
    {
        var input = _reader.ReadPatch(body);
        await using var db = await OpenAsync(caller, cancellationToken);
        input.Record.PersonId = (await FindAsync(db, id, cancellationToken)).Id;
        var person = await SaveAsync(db, input, cancellationToken);
        return (await ToJsonAsync(db, [person], baseUrl, cancellationToken))[0];
    }

    /// <summary>Deactivates (people with history are never deleted); a user already inactive stays so.</summary>
    public async Task DeleteUserAsync(ScimCaller caller, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(caller, cancellationToken);
        var input = new ScimUserInput();
        input.Record.PersonId = (await FindAsync(db, id, cancellationToken)).Id;
        input.Record.Given = PersonField.Active;
        input.Record.Active = false;
        await SaveAsync(db, input, cancellationToken);
    }

    private async Task<Person> SaveAsync(IPortalDb db, ScimUserInput input, CancellationToken cancellationToken)
    {
        var record = input.Record;
        if (input.UnitGiven)
        {
            var value = input.UnitValue?.Trim();
            var reference = string.IsNullOrEmpty(value) ? options.DefaultUnit : options.UnitMap.GetValueOrDefault(value, value);
            if (string.IsNullOrWhiteSpace(reference))
                reference = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
            record.Unit = UnitReference.ByText(reference);
            record.Given |= PersonField.Unit;
        }
        var roster = await PeopleRoster.LoadForAsync(db, [record], cancellationToken);
        var plan = planner.Plan(roster, [record], new PlanOptions { Mode = PeopleSyncMode.Delta, Match = PersonMatch.ById, CreateUnits = options.CreateUnits });
        if (plan.Errors.Count > 0)
        {
            var error = plan.Errors.FirstOrDefault(e => e.Kind == PlanErrorKind.NotFound) ?? plan.Errors.FirstOrDefault(e => e.Kind == PlanErrorKind.Uniqueness) ?? plan.Errors[0];
            throw error.Kind switch
            {
                PlanErrorKind.NotFound => new ScimException(404, null, error.Message),
                PlanErrorKind.Uniqueness => new ScimException(409, "uniqueness", error.Message),
                _ => new ScimException(400, "invalidValue", string.Join(" ", plan.Errors.Select(e => e.Message).Distinct())),
            };
        }
        var planned = plan.People[0];
        var linkNeeded = input.ExternalId is { Length: > 0 }
                         && (planned.Existing is null || (await accounts.EntraObjectIdsAsync(db, [planned.Existing.Id], cancellationToken)).GetValueOrDefault(planned.Existing.Id) != input.ExternalId);
        if (!plan.HasChanges && !linkNeeded) return planned.Existing!;
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var person = (await applier.ApplyAsync(db, roster, plan, ct))[0];
                if (linkNeeded && await accounts.LinkEntraAsync(db, person, input.ExternalId!, ct) == EntraLinkResult.Conflict)
                    throw new ScimException(409, "uniqueness", $"externalId '{input.ExternalId}' belongs to another user, or this user is linked to another Entra object id.");
                return person;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request took the same e-mail, employee number or user name between the check and the save.
            throw new ScimException(409, "uniqueness", "Another user was saved with the same userName, e-mail address or employee number at the same moment.");
        }
    }

    private async Task<IPortalDb> OpenAsync(ScimCaller caller, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateAsync(cancellationToken);
        db.ActFor(caller.AuditName);
        return db;
    }

    private static async Task<Person> FindAsync(IPortalDb db, string id, CancellationToken cancellationToken)
    {
        var personId = int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        return await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && !p.IsErased, cancellationToken)
               ?? throw new ScimException(404, null, $"User {id} not found.");
    }

    private async Task<List<JsonObject>> ToJsonAsync(IPortalDb db, IReadOnlyList<Person> people, string baseUrl, CancellationToken cancellationToken)
    {
        if (people.Count == 0) return [];
        var objectIds = await accounts.EntraObjectIdsAsync(db, people.Select(p => p.Id).ToList(), cancellationToken);
        var unitIds = people.Select(p => p.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return people.Select(p => ToJson(p, objectIds.GetValueOrDefault(p.Id), units.GetValueOrDefault(p.OrgUnitId), baseUrl)).ToList();
    }

    public static JsonObject ToJson(Person person, string? objectId, string? unitName, string baseUrl)
    {
        var id = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var enterprise = new JsonObject();
        if (person.EmployeeNumber is { } number) enterprise["employeeNumber"] = number;
        if (unitName is not null) enterprise["department"] = unitName;
        if (person.ManagerId is { } managerId)
            enterprise["manager"] = new JsonObject
            {
                ["value"] = managerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["$ref"] = $"{baseUrl}/Users/{managerId}",
            };
        var name = new JsonObject { ["formatted"] = person.Name };
        if (person.FirstName is { } first) name["givenName"] = first;
        if (person.LastName is { } last) name["familyName"] = last;
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
            ["id"] = id,
        };
        if (objectId is not null) user["externalId"] = objectId;
        user["userName"] = person.DirectoryUserName ?? person.Email;
        user["name"] = name;
        user["displayName"] = person.Name;
        user["emails"] = new JsonArray(new JsonObject { ["value"] = person.Email, ["type"] = "work", ["primary"] = true });
        user["active"] = person.IsActive;
        if (person.Language is { } language) user["preferredLanguage"] = language;
        user[ScimSchemas.EnterpriseUser] = enterprise;
        user["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["location"] = $"{baseUrl}/Users/{id}",
            ["version"] = $"W/\"{person.Version}\"",
        };
        return user;
    }

    /// <summary>
    /// The filters Entra sends (RFC 7644 §3.4.2.2, one comparison): <c>userName eq "…"</c>, <c>externalId eq "…"</c>,
    /// <c>id eq "…"</c> and <c>emails[type eq "work"].value eq "…"</c> (or <c>emails.value</c>).
    /// </summary>
    public static (string Attribute, string Value) ParseFilter(string filter)
    {
        var match = FilterPattern().Match(filter.Trim());
        if (!match.Success)
            throw new ScimException(400, "invalidFilter", $"Unsupported filter '{filter}'. Supported: userName, externalId, id or emails[type eq \"work\"].value with eq and a quoted value.");
        var attribute = match.Groups["attr"].Value;
        var normalised = attribute.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase) ? attribute[(ScimSchemas.User.Length + 1)..] : attribute;
        var key = normalised.ToLowerInvariant() switch
        {
            "username" => "username",
            "externalid" => "externalid",
            "id" => "id",
            "emails.value" or "emails[type eq \"work\"].value" or "emails" => "email",
            _ => throw new ScimException(400, "invalidFilter", $"Filtering on '{attribute}' is not supported: use userName, externalId, id or emails[type eq \"work\"].value."),
        };
        return (key, match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
    }

    [GeneratedRegex("""^(?<attr>[A-Za-z0-9:._]+(\[[^\]]*\])?(\.[A-Za-z]+)?)\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"$""", RegexOptions.IgnoreCase)]
    private static partial Regex FilterPattern();
}
