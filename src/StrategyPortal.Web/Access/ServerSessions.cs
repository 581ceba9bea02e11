using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Access;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="ISignInSessions"/>, in the database): every sign-in
/// (password, setup, Entra) starts one and puts its secret in the cookie; every request checks it is still open
/// before the security stamp; sign-out ends it. So a copy of the cookie is worthless after sign-out, on every instance.
/// </summary>
public static class ServerSessions
{
    /// <summary>Where the validator leaves the reason a cookie was refused, for <see cref="RefusedSignInCookie"/>'s warning.</summary>
    public const string RefusalItem = "sp:cookie-refusal";

    public static void UseServerSessions(this CookieAuthenticationOptions options)
    {
        options.Events.OnSigningIn = SigningInAsync;
        options.Events.OnSigningOut = SigningOutAsync;
        options.Events.OnValidatePrincipal = ValidatePrincipalAsync;
    }

    /// <summary>The security stamp check renews the principal from the database: the session's secret goes along.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        var secret = context.CurrentPrincipal?.FindFirst(PortalClaims.Session);
        if (secret is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == PortalClaims.Session))
            identity.AddClaim(new Claim(PortalClaims.Session, secret.Value));
        return Task.CompletedTask;
    }

    public static string? SecretOf(ClaimsPrincipal? principal) => principal?.FindFirst(PortalClaims.Session)?.Value;

    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<ISignInSessions>();
        var identity = context.Principal?.Identity as ClaimsIdentity ?? throw new InvalidOperationException("A sign-in without an identity.");
        var userIdClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        var userId = int.Parse(identity.FindFirst(userIdClaim)?.Value ?? throw new InvalidOperationException("A sign-in without a user id."),
            System.Globalization.CultureInfo.InvariantCulture);
        // A new sign-in in the same browser replaces its session (and never reuses one it was handed).
        if (SecretOf(context.HttpContext.User) is { } previous) await sessions.EndAsync(previous, context.HttpContext.RequestAborted);
        foreach (var stale in identity.FindAll(PortalClaims.Session).ToList()) identity.RemoveClaim(stale);
        identity.AddClaim(new Claim(PortalClaims.Session, await sessions.StartAsync(userId, context.HttpContext.RequestAborted)));
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        if (SecretOf(context.HttpContext.User) is not { } secret) return;
        await context.HttpContext.RequestServices.GetRequiredService<ISignInSessions>().EndAsync(secret, context.HttpContext.RequestAborted);
    }

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var secret = SecretOf(context.Principal);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ISignInSessions>();
        if (secret is null || !await sessions.IsActiveAsync(secret, context.HttpContext.RequestAborted))
        {
            context.HttpContext.Items[RefusalItem] = secret is null ? "no server-side session" : "session ended (signed out or expired)";
            context.RejectPrincipal();
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
