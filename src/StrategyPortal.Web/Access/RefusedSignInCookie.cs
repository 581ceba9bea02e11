using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace StrategyPortal.Web.Access;

/// <summary>
/// A sign-in cookie that does not hold (tampered, expired, signed out, revoked by a new security stamp) is logged as a
/// warning with the reason and removed; the request goes on as anonymous, so pages ask to sign in again and
/// nothing is done in the cookie's name.
/// </summary>
public sealed class RefusedSignInCookie(RequestDelegate next, IOptionsMonitor<CookieAuthenticationOptions> cookieOptions, ILogger<RefusedSignInCookie> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            var cookie = cookieOptions.Get(IdentityConstants.ApplicationScheme).Cookie;
            if (cookie.Name is { } name && context.Request.Cookies.ContainsKey(name))
            {
                // The handler keeps its result for the request: this repeats no work of the authentication middleware.
                var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
                if (!result.Succeeded)
                {
                    logger.LogWarning("Sign-in cookie refused ({Reason}) on {Method} {Path} from {Address}",
                        context.Items[ServerSessions.RefusalItem] as string ?? result.Failure?.Message ?? "no principal", context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
                    context.Response.Cookies.Delete(name, new CookieOptions
                    {
                        Path = cookie.Path ?? "/", HttpOnly = true, SameSite = cookie.SameSite,
                        Secure = CookieSecurity.IsSecure(cookie.SecurePolicy, context.Request),
                    });
                }
            }
        }
        await next(context);
    }
}
