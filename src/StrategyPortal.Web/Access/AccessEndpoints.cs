using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.Web.Access;

public static class AccessEndpoints
{
    public const string SignedOutPath = "/account/login?signedOut=true";

    public static void MapAccessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (antiforgery checked by UseAntiforgery), never a link: a GET must not sign anyone out.
        endpoints.MapPost("/account/logout", async ([FromForm] string? reason, HttpContext context, SignInManager<PortalUser> signIn, IOptions<EntraOptions> entra) =>
        {
            var viaEntra = context.User.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value == EntraOptions.Scheme;
            await signIn.SignOutAsync();
            // Signed in with Entra: end the provider's session too (end-session endpoint), which then returns here.
            if (viaEntra && entra.Value.Enabled)
                return Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [EntraOptions.Scheme]);
            return Results.LocalRedirect(SignedOutPath);
        }).AllowAnonymous();

        // Starts the Entra sign-in: the OpenID Connect handler redirects to the provider.
        endpoints.MapGet("/account/login/entra", (string? returnUrl, IOptions<EntraOptions> entra) =>
        {
            if (!entra.Value.Enabled) return Results.NotFound();
            var target = CultureEndpoints.LocalTarget(returnUrl);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [EntraOptions.Scheme]);
        }).AllowAnonymous();
    }
}
