using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the network for the test server, which has no socket: the peer address a request arrives from (the
/// TCP connection Kestrel would see) is what the test puts in <see cref="PeerHeader"/>. Without the header the
/// peer stays unknown, as the test server leaves it.
/// </summary>
public sealed class TestNetwork : IStartupFilter
{
    public const string PeerHeader = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Request.Headers.Remove(PeerHeader);
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>
/// An address where the app fails with an exception, to see what the error page shows. It sits behind the
/// whole pipeline of the app (the exception handler included), where requests end that no endpoint took.
/// </summary>
public sealed class FailingAddress : IStartupFilter
{
    public const string Path = "/test/fails";

    /// <summary>The exception's message: it must never reach a response outside Development.</summary>
    public const string Secret = "Secret exception text 7f3a";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Run(context => context.Request.Path == Path
            ? throw new InvalidOperationException(Secret)
            : WriteNotFound(context));
    };

    private static Task WriteNotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>
/// A browser on the internet behind a TLS-terminating load balancer: the browser speaks https to the balancer
/// (so it keeps and sends its Secure cookies), the balancer speaks plain http to the portal and adds
/// <c>X-Forwarded-For</c> (the browser's address) and <c>X-Forwarded-Proto</c>. The portal sees the
/// connection come from <paramref name="peer"/> (the balancer, or an attacker connecting directly).
/// Redirects are not followed.
/// </summary>
public sealed class ProxyHop(string client, string peer, string proto = "https") : DelegatingHandler
{
    private readonly CookieContainer _cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var browserUri = new UriBuilder(request.RequestUri!) { Scheme = proto, Port = -1 }.Uri;
        var cookies = _cookies.GetCookieHeader(browserUri);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add(TestNetwork.PeerHeader, peer);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var setCookie in setCookies) _cookies.SetCookies(browserUri, setCookie);
        return response;
    }
}
