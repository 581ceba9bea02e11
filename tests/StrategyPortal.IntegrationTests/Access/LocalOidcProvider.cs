using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;
using StrategyPortal.Web.Access;
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
/// A real OpenID Connect provider (OpenIddict) on Kestrel at https://127.0.0.1:&lt;free port&gt;, standing in
/// for Entra ID and shaped like it, so the portal points Microsoft.Identity.Web at it with only
/// <c>AzureAd:Instance</c> and <c>AzureAd:TenantId</c>: issuer <c>{Instance}{tenant}/v2.0</c> (discovery
/// below it, as Microsoft.Identity.Web's OpenID Connect handler and its <c>AadIssuerValidator</c> read it),
/// keys at <c>{Instance}{tenant}/discovery/v2.0/keys</c>, endpoints under <c>{Instance}{tenant}/oauth2/v2.0/</c>,
/// authorization code with PKCE, ephemeral keys, v2.0 id tokens with tid, oid, sub, ver, email, name and roles.
/// The authorization endpoint signs in <see cref="NextUser"/> without any UI. Its TLS certificate is made at test
/// time (<see cref="Certificate"/>, for 127.0.0.1) and trusted only by the test's own clients: the portal's
/// (<see cref="TrustIn"/>), the test's "browser" (<see cref="CreateBrowserClient"/>) and Chromium (by its key).
/// </summary>
public sealed class LocalOidcProvider : IAsyncDisposable
{
    public const string ClientId = "strategyportal-tests";

    /// <summary>The named HttpClient through which Microsoft.Identity.Web's issuer validator reads the provider's metadata.</summary>
    public const string IssuerMetadataClient = "entra-test-provider";

    private static readonly Lazy<X509Certificate2> TestCertificate = new(CreateCertificate);

    /// <summary>The provider's TLS certificate: self-signed for 127.0.0.1, made once per test run, never stored.</summary>
    public static X509Certificate2 Certificate => TestCertificate.Value;

    /// <summary>
    /// The base64 SHA-256 of the certificate's public key, for Chromium's <c>--ignore-certificate-errors-spki-list</c>:
    /// the browser accepts this one key on top of its own trust, nothing else.
    /// </summary>
    public static string CertificateSpkiHash => Convert.ToBase64String(SHA256.HashData(Certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private readonly WebApplication _app;

    private LocalOidcProvider(WebApplication app, string instance, string tenantId)
    {
        _app = app;
        Instance = instance;
        TenantId = tenantId;
    }

    /// <summary>What <c>AzureAd:Instance</c> is set to: <c>https://127.0.0.1:&lt;port&gt;/</c>.</summary>
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

    /// <summary>Every request the portal's Microsoft.Identity.Web issuer validator sent (its named client), in any test.</summary>
    public static System.Collections.Concurrent.ConcurrentQueue<Uri> IssuerValidatorRequests { get; } = new();

    /// <summary>The issuer the discovery document names when <see cref="Start"/> was asked to misstate it.</summary>
    public string? MisstatedIssuer { get; private init; }

    /// <summary>
    /// Makes the portal's Entra clients trust <see cref="Certificate"/>: the OpenID Connect handler's back channel
    /// (metadata, keys, code redemption; set through Microsoft.Identity.Web's own options) and the named client of
    /// Microsoft.Identity.Web's issuer validator (<see cref="AadIssuerValidatorOptions.HttpClientName"/>). Everything else
    /// of Microsoft.Identity.Web stays as the portal configures it.
    /// </summary>
    public static void TrustIn(IServiceCollection services)
    {
        services.Configure<MicrosoftIdentityOptions>(EntraOptions.Scheme, o => o.BackchannelHttpHandler = TrustingHandler());
        services.AddHttpClient(IssuerMetadataClient).ConfigurePrimaryHttpMessageHandler(TrustingHandler)
            .AddHttpMessageHandler(() => new Recorder(IssuerValidatorRequests));
        services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = IssuerMetadataClient);
    }

    /// <summary>A client that plays the browser's part towards the provider (trusts its certificate, follows no redirects).</summary>
    public static HttpClient CreateBrowserClient() => new(TrustingHandler());

    /// <summary>Accepts the system's trust, and <see cref="Certificate"/> for a host name it is valid for.</summary>
    public static SocketsHttpHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null
                    && certificate.GetCertHashString(HashAlgorithmName.SHA256) == Certificate.GetCertHashString(HashAlgorithmName.SHA256)),
        },
    };

    private sealed class Recorder(System.Collections.Concurrent.ConcurrentQueue<Uri> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=StrategyPortal test Entra provider", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        // Kestrel needs the key in a form it can hand to the TLS stack: a round trip through PKCS#12 (in memory only).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Starts a provider. With <paramref name="misstateMetadataIssuer"/> its discovery document names the issuer of
    /// another tenant than the one its tokens carry (everything else unchanged), as a provider that is not the one
    /// configured would.
    /// </summary>
    public static LocalOidcProvider Start(bool misstateMetadataIssuer = false)
    {
        var port = FreePort();
        var instance = $"https://127.0.0.1:{port}/";
        var tenantId = Guid.NewGuid().ToString();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(Certificate)));
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
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
        });

        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        var provider = new LocalOidcProvider(app, instance, tenantId)
        {
            MisstatedIssuer = misstateMetadataIssuer ? $"{instance}{Guid.NewGuid()}/v2.0" : null,
        };
        app.Use(async (context, next) =>
        {
            if (provider.MisstatedIssuer is null || context.Request.Path.Value?.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal) != true)
            {
                await next(context);
                return;
            }
            var body = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await next(context);
            context.Response.Body = body;
            var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray())
                .Replace($"\"{provider.Issuer}\"", $"\"{provider.MisstatedIssuer}\"", StringComparison.Ordinal);
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(json);
        });
        // After the counter: OpenIddict answers discovery inside the authentication middleware.
        app.UseAuthentication();
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
