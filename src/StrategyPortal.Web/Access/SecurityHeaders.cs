namespace StrategyPortal.Web.Access;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only the portal's own
/// scripts and connections (the Blazor circuit's WebSocket is same-origin); MudBlazor positions
/// popovers with inline style attributes, hence 'unsafe-inline' for styles only.
/// </summary>
/// <remarks>
/// With Entra sign-in on, <c>form-action</c> also allows the provider's origin: the sign-out form's
/// answer redirects to the provider's end-session endpoint, and browsers check form redirects too.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next, Microsoft.Extensions.Options.IOptions<EntraOptions> entra)
{
    private readonly string _policy = PolicyFor(entra.Value);

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static string PolicyFor(EntraOptions entra) =>
        entra.Enabled && Uri.TryCreate(entra.Authority, UriKind.Absolute, out var authority)
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
