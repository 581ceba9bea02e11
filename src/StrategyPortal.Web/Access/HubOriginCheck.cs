namespace StrategyPortal.Web.Access;

/// <summary>
/// The Blazor hub (<c>/_blazor</c>: negotiate, the WebSocket upgrade and the long-polling/SSE fallbacks) answers
/// only pages of the portal itself. A browser sends <c>Origin</c> on every WebSocket handshake and every fetch that
/// negotiates; a page of another site would ride on the visitor's sign-in cookie (cross-site WebSocket hijacking),
/// so a foreign <c>Origin</c> gets 403 before the hub sees the request. Requests without <c>Origin</c> (not from a
/// browser page) pass: they carry no other site's intent. The portal's own origin is the request's scheme and
/// host as the browser used them: behind a TLS-terminating balancer the forwarded scheme (ForwardedHeaders), with
/// the Host header the balancer passes through.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, ILogger<HubOriginCheck> logger)
{
    public const string HubPath = "/_blazor";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase)
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !IsSameOrigin(origin.ToString(), context.Request))
        {
            logger.LogWarning("Blazor hub refused a request from another origin {Origin} ({Method} {Path}, from {Address})",
                origin.ToString(), context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>Scheme, host and port of <paramref name="origin"/> equal the request's (default ports filled in).</summary>
    public static bool IsSameOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var theirs) || theirs.AbsolutePath != "/" || !string.IsNullOrEmpty(theirs.Query)) return false;
        if (!Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var ours)) return false;
        return string.Equals(theirs.Scheme, ours.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(theirs.IdnHost, ours.IdnHost, StringComparison.OrdinalIgnoreCase)
               && theirs.Port == ours.Port;
    }
}
