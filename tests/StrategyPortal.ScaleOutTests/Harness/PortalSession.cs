using System.Net;
using System.Net.Sockets;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// One browser without JavaScript, through the balancer: its own cookies (sign-in, antiforgery, nginx's affinity id),
/// connections shared with the other simulated browsers (affinity follows the cookie, not the connection). Never
/// follows redirects, so a test sees them.
/// </summary>
public sealed class PortalSession(HttpClient client)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public HttpClient Client { get; } = client;

    /// <summary>The affinity id nginx gave this browser (null before its first answer from nginx).</summary>
    public string? Node => Cookie(NginxBalancer.AffinityCookie);

    public string? Cookie(string name)
    {
        lock (_gate) return _cookies.GetValueOrDefault(name);
    }

    public void SetCookies(IEnumerable<KeyValuePair<string, string>> cookies)
    {
        lock (_gate)
            foreach (var (name, value) in cookies) _cookies[name] = value;
    }

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default) =>
        PostAsync(path, new FormUrlEncodedContent(fields), cancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await Client.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            lock (_gate) Keep(values, _cookies);
        return response;
    }

    /// <summary>Applies Set-Cookie headers to a cookie jar: a value replaces, an expired or empty one removes.</summary>
    public static void Keep(IEnumerable<string?> setCookies, Dictionary<string, string> cookies)
    {
        foreach (var header in setCookies)
        {
            if (header is null) continue;
            var parts = header.Split(';');
            var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var name = parts[0][..eq].Trim();
            var value = parts[0][(eq + 1)..].Trim();
            var expired = parts.Skip(1).Any(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(p.Trim()[8..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                && at < DateTimeOffset.UtcNow);
            if (expired || value.Length == 0) cookies.Remove(name);
            else cookies[name] = value;
        }
    }

    /// <summary>A client for many sessions: https to the balancer, trusting only the test certificate, loopback only.</summary>
    public static HttpClient ClientFor(Uri balancer, TestCertificate certificate, int connections = 64) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            SslOptions = { RemoteCertificateValidationCallback = certificate.Validate },
            // localhost is the certificate's name; connect to 127.0.0.1, where nginx listens (not ::1 first).
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = balancer,
            Timeout = TimeSpan.FromSeconds(120),
            DefaultRequestHeaders = { { "Accept-Language", "en" } },
        };
}
