using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>Who the local provider signs in at its next authorization request (there is no login UI).</summary>
public sealed record OidcTestUser(string ObjectId, string Email, string Name, params string[] Roles)
{
    /// <summary>Set to a negative span to have the provider issue an id token that has already expired.</summary>
    public TimeSpan? IdentityTokenLifetime { get; init; }

    /// <summary>Whether the id token carries <see cref="Email"/> as its <c>email</c> claim.</summary>
    public bool SendEmail { get; init; } = true;

    /// <summary>A <c>preferred_username</c> claim (Entra: the UPN, editable in some tenants); none when null.</summary>
    public string? PreferredUsername { get; init; }

    /// <summary>An <c>xms_edov</c> claim (e-mail domain owner verified, a boolean); none when null.</summary>
    public bool? EmailDomainVerified { get; init; }

    /// <summary>The token's <c>tid</c> when it must name another tenant than the provider's own.</summary>
    public string? TenantId { get; init; }
}

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on Kestrel at http://127.0.0.1:&lt;free port&gt;, standing in
/// for Entra ID and shaped like it, so the portal points Microsoft.Identity.Web at it with only
/// <c>AzureAd:Instance</c> and <c>AzureAd:TenantId</c>: issuer <c>{Instance}{tenant}/v2.0</c> (discovery
/// below it), endpoints under <c>{Instance}{tenant}/oauth2/v2.0/</c>, authorization code with PKCE,
/// ephemeral keys, id tokens with tid, oid, sub, email, name and roles. The authorization endpoint
/// signs in <see cref="NextUser"/> without any UI.
/// </summary>
public sealed class LocalOidcProvider : IAsyncDisposable
{
    public const string ClientId = "strategyportal-tests";

    private readonly WebApplication _app;

    private LocalOidcProvider(WebApplication app, string instance, string tenantId)
    {
        _app = app;
        Instance = instance;
        TenantId = tenantId;
    }

    /// <summary>What <c>AzureAd:Instance</c> is set to: <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public string Instance { get; }

    /// <summary>What <c>AzureAd:TenantId</c> is set to (a fresh GUID per provider), and the tokens' <c>tid</c>.</summary>
    public string TenantId { get; }

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    public string AuthorizationEndpoint => $"{Instance}{TenantId}/oauth2/v2.0/authorize";

    public string EndSessionEndpoint => $"{Instance}{TenantId}/oauth2/v2.0/logout";

    /// <summary>Scheme, host and port (what the portal's Content-Security-Policy names).</summary>
    public string Origin => Instance.TrimEnd('/');

    public OidcTestUser? NextUser { get; set; }

    public int EndSessionRequests { get; private set; }

    public static LocalOidcProvider Start()
    {
        var instance = $"http://127.0.0.1:{FreePort()}/";
        var tenantId = Guid.NewGuid().ToString();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(instance);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            // Where Entra has them: discovery below the issuer, the protocol endpoints under oauth2/v2.0.
            options.SetIssuer(new Uri($"{instance}{tenantId}/v2.0"));
            options.SetConfigurationEndpointUris(new Uri($"{instance}{tenantId}/v2.0/.well-known/openid-configuration"))
                .SetJsonWebKeySetEndpointUris(new Uri($"{instance}{tenantId}/discovery/v2.0/keys"))
                .SetAuthorizationEndpointUris(new Uri($"{instance}{tenantId}/oauth2/v2.0/authorize"))
                .SetTokenEndpointUris(new Uri($"{instance}{tenantId}/oauth2/v2.0/token"))
                .SetEndSessionEndpointUris(new Uri($"{instance}{tenantId}/oauth2/v2.0/logout"));
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            // No database: clients, codes and tokens are not stored (a test provider only).
            options.EnableDegradedMode();
            // Degraded mode asks for the client checks a client store would do: only the portal, only its callbacks.
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri is null || !context.RedirectUri.EndsWith("/signin-oidc", StringComparison.Ordinal))
                    context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                return default;
            }));
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is not null && !context.PostLogoutRedirectUri.EndsWith("/signout-callback-oidc", StringComparison.Ordinal))
                    context.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
                return default;
            }));
            options.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
        });

        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        var provider = new LocalOidcProvider(app, instance, tenantId);
        app.MapMethods($"/{tenantId}/oauth2/v2.0/authorize", ["GET", "POST"], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var user = provider.NextUser ?? throw new InvalidOperationException("The test did not choose a user.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.ObjectId));
            // Entra's v2.0 id tokens name their tenant and version; Microsoft.Identity.Web's issuer validator reads tid.
            identity.AddClaim(new Claim("tid", user.TenantId ?? tenantId));
            identity.AddClaim(new Claim("ver", "2.0"));
            identity.AddClaim(new Claim("oid", user.ObjectId));
            if (user.SendEmail) identity.AddClaim(new Claim(Claims.Email, user.Email));
            if (user.PreferredUsername is { } username) identity.AddClaim(new Claim(Claims.PreferredUsername, username));
            if (user.EmailDomainVerified is { } verified)
                identity.AddClaim(new Claim("xms_edov", verified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.AddClaim(new Claim(Claims.Name, user.Name));
            foreach (var role in user.Roles) identity.AddClaim(new Claim("roles", role));
            identity.SetScopes(request.GetScopes());
            if (user.IdentityTokenLifetime is { } lifetime) identity.SetIdentityTokenLifetime(lifetime);
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods($"/{tenantId}/oauth2/v2.0/logout", ["GET", "POST"], () =>
        {
            provider.EndSessionRequests++;
            return Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        app.StartAsync().GetAwaiter().GetResult();
        return provider;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
