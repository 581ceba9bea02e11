using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Web.Access;

namespace StrategyPortal.Web.People;

/// <summary>
/// SCIM 2.0 (RFC 7644) under <c>/scim/v2</c> for Entra's provisioning service: <c>Users</c> (read, filter, create,
/// replace, patch, delete = deactivate) and the discovery documents. The bearer token is an API key with the scope
/// <c>scim:provision</c>; every answer, refusals included, is <c>application/scim+json</c> in SCIM's own error format.
/// </summary>
public static class ScimEndpoints
{
    public const string Path = "/scim/v2";

    /// <summary>A SCIM body is a user or a handful of operations: 1 MB is far more than enough.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static bool IsScim(HttpRequest request) => request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static void MapScimEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var scim = endpoints.MapGroup(Path)
            .RequireAuthorization(ApiKeyAuthentication.ScimPolicy)
            .RequireRateLimiting(RateLimits.Scim)
            .WithMetadata(new RequiredApiScope(ApiScopes.ScimProvision))
            .DisableAntiforgery();
        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => Json(http, ScimDiscovery.ServiceProviderConfig(BaseUrl(http))));
        scim.MapGet("/ResourceTypes", (HttpContext http) => Json(http, ScimDiscovery.ResourceTypes(BaseUrl(http))));
        scim.MapGet("/ResourceTypes/{id}", (HttpContext http, string id) =>
            string.Equals(id, "User", StringComparison.OrdinalIgnoreCase) ? Json(http, ScimDiscovery.UserResourceType(BaseUrl(http))) : NotFound(http, $"Resource type {id} not found."));
        scim.MapGet("/Schemas", (HttpContext http) => Json(http, ScimDiscovery.Schemas(BaseUrl(http))));
        scim.MapGet("/Schemas/{id}", (HttpContext http, string id) =>
            ScimDiscovery.Schema(id, BaseUrl(http)) is { } schema ? Json(http, schema) : NotFound(http, $"Schema {id} not found."));

        scim.MapGet("/Users", (HttpContext http, ScimService users, string? filter, int? startIndex, int? count) =>
            Run(http, async caller => await users.ListUsersAsync(caller, filter, startIndex, count, BaseUrl(http), http.RequestAborted)));
        scim.MapGet("/Users/{id}", (HttpContext http, ScimService users, string id) =>
            Run(http, async caller => await users.GetUserAsync(caller, id, BaseUrl(http), http.RequestAborted)));
        scim.MapPost("/Users", (HttpContext http, ScimService users) =>
            Run(http, async caller => await users.CreateUserAsync(caller, await BodyAsync(http), BaseUrl(http), http.RequestAborted), StatusCodes.Status201Created));
        scim.MapPut("/Users/{id}", (HttpContext http, ScimService users, string id) =>
            Run(http, async caller => await users.ReplaceUserAsync(caller, id, await BodyAsync(http), BaseUrl(http), http.RequestAborted)));
        scim.MapPatch("/Users/{id}", (HttpContext http, ScimService users, string id) =>
            Run(http, async caller => await users.PatchUserAsync(caller, id, await BodyAsync(http), BaseUrl(http), http.RequestAborted)));
        scim.MapDelete("/Users/{id}", (HttpContext http, ScimService users, string id) =>
            Run(http, async caller =>
            {
                await users.DeleteUserAsync(caller, id, http.RequestAborted);
                return null;
            }, StatusCodes.Status204NoContent));
        // Anything else under /scim/v2 (Groups, Bulk, /Me…): not supported, said in SCIM's words.
        scim.Map("/{**rest}", (HttpContext http) => NotFound(http, $"{http.Request.Method} {http.Request.Path} is not supported; this service provisions Users only."));
    }

    /// <summary>Writes a SCIM error (RFC 7644 §3.12): <c>status</c> as a string, <c>scimType</c> where one applies, <c>detail</c>.</summary>
    public static Task ErrorAsync(HttpContext http, int status, string? scimType, string detail)
    {
        var error = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Error), ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (scimType is not null) error["scimType"] = scimType;
        error["detail"] = detail;
        http.Response.StatusCode = status;
        http.Response.ContentType = ScimSchemas.MediaType;
        return http.Response.WriteAsync(error.ToJsonString());
    }

    private static async Task Run(HttpContext http, Func<ScimCaller, Task<JsonObject?>> work, int status = StatusCodes.Status200OK)
    {
        if (ApiKeyAuthentication.KeyId(http.User) is not { } keyId)
        {
            await ErrorAsync(http, StatusCodes.Status401Unauthorized, null, "An API key with the scope scim:provision is required as the bearer token.");
            return;
        }
        var caller = new ScimCaller(keyId, http.User.FindFirst(ClaimTypes.Name)?.Value ?? "?");
        try
        {
            var result = await work(caller);
            http.Response.StatusCode = status;
            if (result is null) return;
            if (status == StatusCodes.Status201Created && result["meta"]?["location"]?.GetValue<string>() is { } location) http.Response.Headers.Location = location;
            http.Response.ContentType = ScimSchemas.MediaType;
            await http.Response.WriteAsync(result.ToJsonString());
        }
        catch (ScimException e)
        {
            await ErrorAsync(http, e.Status, e.ScimType, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, null, "The body is larger than 1 MB.");
        }
    }

    private static async Task<JsonNode?> BodyAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "invalidSyntax", $"The body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Path}";

    private static IResult Json(HttpContext http, JsonObject body) => Results.Text(body.ToJsonString(), ScimSchemas.MediaType);

    private static IResult NotFound(HttpContext http, string detail) => new ScimErrorResult(StatusCodes.Status404NotFound, null, detail);

    private sealed class ScimErrorResult(int status, string? scimType, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ErrorAsync(httpContext, status, scimType, detail);
    }
}
