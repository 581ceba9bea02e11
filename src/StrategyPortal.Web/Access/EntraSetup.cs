using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StrategyPortal.Application.Access;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.Web.Access;

/// <summary>
/// Entra ID sign-in with Microsoft.Identity.Web (authorization code with PKCE), configured from the
/// <c>AzureAd</c> section. The handler only validates the Entra token; <see cref="EntraSignIn"/> then
/// signs in with the portal's own Identity cookie.
/// </summary>
/// <remarks>
/// Microsoft.Identity.Web registers the OpenID Connect handler, builds the authority
/// <c>{Instance}{TenantId}/v2.0</c> from the <c>AzureAd</c> section and installs its issuer validator
/// (<c>AadIssuerValidator</c>, Microsoft.IdentityModel.Validators): the token must carry a <c>tid</c> claim, and its
/// issuer must be the issuer of the authority's own metadata (<c>{authority}/.well-known/openid-configuration</c>,
/// read over https and cached), with <c>{tenantid}</c> filled in where the metadata has that template. The portal
/// leaves that validation as Microsoft.Identity.Web sets it (no issuer of its own) and adds only its own settings
/// below, which apply after Microsoft.Identity.Web's. The validator accepts a tenant-specific issuer whatever
/// <c>tid</c> says, so <see cref="EntraSignIn"/> also checks <c>tid</c> against <c>AzureAd:TenantId</c>.
/// </remarks>
public static class EntraSetup
{
    public static AuthenticationBuilder AddEntraSignIn(this AuthenticationBuilder builder, IConfigurationSection section, CookieSecurePolicy secure)
    {
        // No cookie scheme of its own: the answer goes to Identity's external cookie, then EntraSignIn decides.
        builder.AddMicrosoftIdentityWebApp(section, openIdConnectScheme: EntraOptions.Scheme, cookieScheme: null, displayName: "Microsoft");
        builder.Services.Configure<OpenIdConnectOptions>(EntraOptions.Scheme, options =>
        {
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            // Claim names as the token has them (oid, email, roles). Microsoft.Identity.Web hands the handler the token
            // handler of its merged options, which the MapInboundClaims setter no longer reaches: set both.
            options.MapInboundClaims = false;
            options.TokenHandler = new JsonWebTokenHandler { MapInboundClaims = false };
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = false;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = EntraSignIn.RolesClaim;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = secure;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = secure;
            // Individual events only: Microsoft.Identity.Web's OnRedirectToIdentityProvider stays in place.
            options.Events.OnTokenValidated = TokenValidatedAsync;
            options.Events.OnRemoteFailure = RemoteFailureAsync;
            options.Events.OnAccessDenied = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(RefusedPath(EntraRefusal.Failed));
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    public static string RefusedPath(string reason) => "/account/signin-refused?reason=" + Uri.EscapeDataString(reason);

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<EntraSignIn>();
        var refusal = await signIn.SignInAsync(context.Principal!, context.HttpContext.RequestAborted);
        context.HandleResponse();
        if (refusal is not null)
        {
            context.Response.Redirect(RefusedPath(refusal));
            return;
        }
        var target = context.Properties?.RedirectUri;
        context.Response.Redirect(CultureEndpoints.LocalTarget(target));
    }

    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraSetup));
        logger.LogWarning(context.Failure, "Entra sign-in refused: the provider's answer did not validate ({Failure})", context.Failure?.Message);
        context.HandleResponse();
        context.Response.Redirect(RefusedPath(EntraRefusal.Failed));
        return Task.CompletedTask;
    }
}
