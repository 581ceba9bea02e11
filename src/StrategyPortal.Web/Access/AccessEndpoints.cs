using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using StrategyPortal.Infrastructure.Identity;

namespace StrategyPortal.Web.Access;

public static class AccessEndpoints
{
    public static void MapAccessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (antiforgery checked by UseAntiforgery), never a link: a GET must not sign anyone out.
        endpoints.MapPost("/account/logout", async ([FromForm] string? reason, SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).AllowAnonymous();
    }
}
