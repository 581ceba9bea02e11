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
}

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on Kestrel at http://127.0.0.1:&lt;free port&gt;, standing in
/// for Entra ID: authorization code with PKCE, ephemeral keys, id tokens with oid, sub, email, name and
/// roles. The authorization endpoint signs in <see cref="NextUser"/> without any UI.
/// </summary>
public sealed class LocalOidcProvider : IAsyncDisposable
{
    public const string ClientId = "strategyportal-tests";

    private readonly WebApplication _app;

    private LocalOidcProvider(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public OidcTestUser? NextUser { get; set; }

    public int EndSessionRequests { get; private set; }

    public static LocalOidcProvider Start()
    {
        var port = FreePort();
        var issuer = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(issuer);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(new Uri(issuer));
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout");
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
        var provider = new LocalOidcProvider(app, issuer);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var user = provider.NextUser ?? throw new InvalidOperationException("The test did not choose a user.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.ObjectId));
            identity.AddClaim(new Claim("oid", user.ObjectId));
            identity.AddClaim(new Claim(Claims.Email, user.Email));
            identity.AddClaim(new Claim(Claims.Name, user.Name));
            foreach (var role in user.Roles) identity.AddClaim(new Claim("roles", role));
            identity.SetScopes(request.GetScopes());
            if (user.IdentityTokenLifetime is { } lifetime) identity.SetIdentityTokenLifetime(lifetime);
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], () =>
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
