using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Web.Access;

/// <summary>
/// The authentication scheme of the API: a key as a bearer token (<c>Authorization: Bearer …</c>, what SCIM clients such
/// as Entra provisioning send), in the <c>X-Api-Key</c> header, or as <c>Authorization: ApiKey …</c>.
/// API endpoints name this scheme in their policy, so the cookie scheme (and its redirects to the sign-in
/// page) never answers for them; refusals are JSON problem bodies (401 without or with a bad/revoked key,
/// 403 when the key lacks the scope).
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string BearerScheme = "Bearer";
    public const string KeyIdClaim = "sp:apikey";
    public const string ScopeClaim = "sp:scope";
    public const string CustomerScoresImportPolicy = "api:" + ApiScopes.CustomerScoresImport;
    public const string PeopleImportPolicy = "api:" + ApiScopes.PeopleImport;
    public const string ScimPolicy = "api:" + ApiScopes.ScimProvision;

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(options =>
            options.AddPolicy(CustomerScoresImportPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ScopeClaim, ApiScopes.CustomerScoresImport)));
        services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(options =>
        {
            options.AddPolicy(PeopleImportPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, ApiScopes.PeopleImport));
            options.AddPolicy(ScimPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, ApiScopes.ScimProvision));
        });
        return services;
    }

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)[BearerScheme, Scheme])
            if (authorization.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase) && authorization[(scheme.Length + 1)..].Trim() is { Length: > 0 } key)
                return key;
        return null;
    }

    public static int? KeyId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(KeyIdClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IStringLocalizer<Messages> text)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiKeyAuthentication.PresentedKey(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var check = await keys.CheckAsync(presented, Context.RequestAborted);
        switch (check.Status)
        {
            case ApiKeyStatus.Revoked:
                return AuthenticateResult.Fail(text["api.key-revoked"]);
            case ApiKeyStatus.Unknown:
                return AuthenticateResult.Fail(text["api.key-unknown"]);
        }
        var claims = new List<Claim>
        {
            new(ApiKeyAuthentication.KeyIdClaim, check.KeyId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, check.Name ?? string.Empty),
        };
        claims.AddRange(check.Scopes.Select(s => new Claim(ApiKeyAuthentication.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? text["api.key-missing"];
        if (People.ScimEndpoints.IsScim(Request))
        {
            Response.Headers.WWWAuthenticate = ApiKeyAuthentication.BearerScheme;
            await People.ScimEndpoints.ErrorAsync(Context, StatusCodes.Status401Unauthorized, null, detail);
            return;
        }
        Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(
            [ApiKeyAuthentication.BearerScheme, $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.HeaderName}\""]);
        await Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        People.ScimEndpoints.IsScim(Request)
            ? People.ScimEndpoints.ErrorAsync(Context, StatusCodes.Status403Forbidden, null, text["api.scope-missing", ApiScopes.ScimProvision])
            : Results.Problem(text["api.scope-missing", Context.GetEndpoint()?.Metadata.GetMetadata<RequiredApiScope>()?.Scope ?? ApiScopes.CustomerScoresImport],
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);
}

/// <summary>Endpoint metadata: the scope an API key needs here, named in the 403 answer.</summary>
public sealed record RequiredApiScope(string Scope);
