using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.ScaleOutTests.Harness;

namespace StrategyPortal.ScaleOutTests.Balancer;

/// <summary>
/// The nginx sample of docs/operations.md in front of two published instances: TLS ends at nginx, the portal sees the
/// browser's scheme, host and address, each browser stays on one instance, circuits run over WebSockets through it.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class BalancerTests(BalancerTests.Cluster fixture) : IClassFixture<BalancerTests.Cluster>
{
    public sealed class Cluster : IAsyncLifetime
    {
        public ScaleOutCluster Portal { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Portal = await ScaleOutCluster.StartAsync("balancer", await PostgresServer.GetAsync(), async services => await services.SeedDemoCompanyAsync());

        public async Task DisposeAsync() => await Portal.DisposeAsync();
    }

    private ScaleOutCluster Portal => fixture.Portal;

    [Fact]
    public void Operations_md_links_the_one_tested_nginx_configuration()
    {
        var operations = File.ReadAllText(Repository.PathOf("docs/operations.md"));
        Assert.Contains("(nginx/strategyportal.conf)", operations, StringComparison.Ordinal);
        // No second copy that could drift from the tested one: no nginx directives in any page of docs/.
        foreach (var page in Directory.EnumerateFiles(Repository.PathOf("docs"), "*.md", SearchOption.AllDirectories))
            Assert.DoesNotContain("proxy_pass", File.ReadAllText(page), StringComparison.Ordinal);
        // What runs is the sample with its placeholders filled, nothing else.
        var rendered = File.ReadAllText(Path.Combine(Portal.Folder, "nginx", "strategyportal.conf"));
        Assert.DoesNotContain("@", rendered.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Aggregate("", string.Concat), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_ends_at_nginx_and_the_portal_sees_the_browsers_scheme_and_host()
    {
        using var client = PortalSession.ClientFor(Portal.Balancer.Url, Portal.Certificate);
        var browser = new PortalSession(client);

        using var home = await browser.GetAsync("/");
        // The sign-in redirect is built from the forwarded scheme and the Host nginx passed on (with its port).
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith($"https://localhost:{Portal.Balancer.HttpsPort}/account/login", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(browser.Node);

        // The sign-in form works: its antiforgery and sign-in cookies are Secure, so only over (forwarded) https.
        var login = await browser.GetAsync("/account/login");
        var form = HtmlForm.WithHandler(await login.Content.ReadAsStringAsync(), "login");
        using var signIn = await browser.PostAsync(form.Action ?? "/account/login", form.Fill([new("Input.Email", Company.Employee), new("Input.Password", Company.DemoPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var signedIn = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Plain_http_is_sent_to_https_and_an_unknown_host_name_gets_no_answer()
    {
        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        // Not served, and no portal behind it asked: the default server closes the connection (444).
        Assert.Equal(HttpStatusCode.MovedPermanently, await Redirected("localhost"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Redirected("portal.elsewhere.example"));

        // Over TLS, a name other than the portal's gets no certificate at all.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Portal.Balancer.HttpsPort);
        await using var tls = new SslStream(tcp.GetStream());
        await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "portal.elsewhere.example",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }));

        async Task<HttpStatusCode> Redirected(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Portal.Balancer.HttpPort}/pulses?x=1") { Headers = { Host = host } };
            using var response = await plain.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.MovedPermanently)
                Assert.Equal("https://localhost/pulses?x=1", response.Headers.Location!.OriginalString);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task The_portal_takes_the_clients_address_from_nginx_not_from_what_the_client_claims()
    {
        // The client reaches nginx from 127.0.0.2 (nginx itself reaches the instances from 127.0.0.1), and claims another address.
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = Portal.Certificate.Validate },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = Portal.Balancer.Url };
        var marker = "/forwarded-probe-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, marker);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("Cookie", "sp.auth=not-a-valid-ticket");
        using var response = await client.SendAsync(request);

        // A refused sign-in cookie is logged with the client's address: the one nginx saw, not the claimed one.
        var line = await Eventually.ValueAsync(() => Portal.Instances.SelectMany(i => File.ReadLines(i.LogPath)).FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the refused cookie's log line");
        Assert.Contains("from 127.0.0.2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_browser_stays_on_one_instance_and_browsers_spread_over_both()
    {
        using var client = PortalSession.ClientFor(Portal.Balancer.Url, Portal.Certificate);
        var browsers = Enumerable.Range(0, 40).Select(_ => new PortalSession(client)).ToList();
        foreach (var browser in browsers)
            for (var i = 0; i < 4; i++)
            {
                using var response = await browser.GetAsync("/account/login");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

        var log = Portal.Balancer.AccessLog();
        var byBrowser = browsers.ToDictionary(b => b.Node!, b => log.Where(l => l.Node == b.Node).Select(l => l.AnsweredBy).Distinct().ToList());
        Assert.All(byBrowser, b => Assert.Single(b.Value));
        // 40 random ids on two instances: all on one would be a 1 in 2^39 chance.
        Assert.Equal(2, byBrowser.Values.Select(v => v[0]).Distinct().Count());
    }

    [Fact]
    public async Task A_page_runs_interactively_over_a_websocket_through_nginx()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = await host.NewPageAsync(Portal.Balancer.Url);
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await BrowserHost.SignInAsync(page, Company.Employee, Company.DemoPassword);
        await page.GotoAsync("/");
        await BrowserHost.WaitForInteractiveAsync(page);

        Assert.Contains(sockets, url => url.StartsWith($"wss://localhost:{Portal.Balancer.HttpsPort}/_blazor", StringComparison.Ordinal));
        var node = (await page.Context.CookiesAsync()).Single(c => c.Name == NginxBalancer.AffinityCookie).Value;
        // nginx logs the WebSocket (101) when it closes.
        await page.Context.CloseAsync();
        await Eventually.ValueAsync(() => Portal.Balancer.AccessLog().FirstOrDefault(l => l.Node == node && l.Uri == "/_blazor" && l.Status == 101),
            TimeSpan.FromSeconds(30), "the WebSocket in nginx's log");
        // The circuit went to the instance that served the page.
        Assert.Single(Portal.Balancer.AccessLog().Where(l => l.Node == node).Select(l => l.AnsweredBy).Distinct());
    }
}
