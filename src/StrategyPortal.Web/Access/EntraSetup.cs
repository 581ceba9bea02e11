using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.Web.Access;

/// <summary>
/// Entra ID sign-in over OpenID Connect (authorization code with PKCE). The handler only validates the
/// Entra token; <see cref="EntraSignIn"/> then signs in with the portal's own Identity cookie.
/// </summary>
/// <remarks>
/// The plain ASP.NET Core OpenID Connect handler, configured from the same <c>AzureAd</c> section
/// Microsoft.Identity.Web reads: Microsoft.Identity.Web's issuer validator asks Microsoft's instance
/// discovery about any non-Microsoft authority, which rules out a local test provider.
/// </remarks>
public static class EntraSetup
{
    public static AuthenticationBuilder AddEntraSignIn(this AuthenticationBuilder builder, EntraOptions entra) =>
        builder.AddOpenIdConnect(EntraOptions.Scheme, "Microsoft", options =>
        {
            options.Authority = entra.EffectiveAuthority;
            if (!string.IsNullOrWhiteSpace(entra.MetadataAddress)) options.MetadataAddress = entra.MetadataAddress;
            options.RequireHttpsMetadata = entra.RequireHttpsMetadata;
            options.ClientId = entra.ClientId;
            if (!string.IsNullOrWhiteSpace(entra.ClientSecret)) options.ClientSecret = entra.ClientSecret;
            options.CallbackPath = entra.CallbackPath;
            options.SignedOutCallbackPath = entra.SignedOutCallbackPath;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = false;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = EntraSignIn.RolesClaim;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnTokenValidated = TokenValidatedAsync;
            options.Events.OnRemoteFailure = RemoteFailureAsync;
            options.Events.OnAccessDenied = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(RefusedPath(EntraRefusal.Failed));
                return Task.CompletedTask;
            };
        });

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
        context.Response.Redirect(CultureEndpoints.IsLocal(target) ? target! : "/");
    }

    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraSetup));
        logger.LogWarning(context.Failure, "Entra sign-in refused: the provider's answer did not validate");
        context.HandleResponse();
        context.Response.Redirect(RefusedPath(EntraRefusal.Failed));
        return Task.CompletedTask;
    }
}
