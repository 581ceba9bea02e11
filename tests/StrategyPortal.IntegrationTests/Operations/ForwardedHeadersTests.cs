using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Operations;

/// <summary>
/// The portal as docs/operations.md has operators run it: Production environment, behind a load balancer at
/// <see cref="Balancer"/> that terminates TLS for <see cref="PublicHost"/> and forwards plain http with
/// X-Forwarded-For and X-Forwarded-Proto (<c>ForwardedHeaders</c> on, the balancer a known proxy). Entra
/// sign-in is on (its redirect_uri must be https), and the sign-in limit is small so the tests can hit it; its
/// window follows the stopped rate-limit clock, which a test moves on to see it recover. Every test browses from client addresses of its own, because the
/// sign-in limit counts per client address. SQLite only: nothing here depends on the database provider.
/// </summary>
public sealed class SqliteBehindProxyPortal() : EntraPortal(DatabaseProvider.Sqlite, UnknownEntraUsers.Refuse, localAccounts: true)
{
    public const string Balancer = "10.0.0.5";
    public const string PublicHost = "portal.example";
    public const int SignInLimit = 3;
    public const int WindowSeconds = 3600;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ForwardedHeaders:Enabled", "true");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Balancer);
        builder.UseSetting("RateLimits:SignInPerMinute", SignInLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WindowSeconds", WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestNetwork>();
            services.AddSingleton<IStartupFilter, FailingAddress>();
        });
    }

    /// <summary>
    /// A browser at <paramref name="client"/> on the internet, asking for English. Its requests reach the portal
    /// through the balancer (plain http from the balancer's address, with forwarded headers), or, with
    /// <paramref name="peer"/>, straight from that address with the same forwarded headers, forged: over plain
    /// http, or over https (<paramref name="https"/>: as if the portal served TLS itself).
    /// </summary>
    public PortalClient Browser(string client, string? peer = null, bool https = false)
    {
        var http = CreateDefaultClient(new Uri($"{(https ? "https" : "http")}://{PublicHost}"), new ProxyHop(client, peer ?? Balancer));
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return new PortalClient(http);
    }
}

public sealed class ForwardedHeadersTests(SqliteBehindProxyPortal factory) : IClassFixture<SqliteBehindProxyPortal>
{
    private const string Hsts = "Strict-Transport-Security";

    [Fact]
    public async Task Through_the_balancer_a_response_carries_HSTS_and_the_sign_in_cookie_is_Secure()
    {
        var person = await factory.AddPersonAsync("Achter De Balancer");
        using var browser = factory.Browser("203.0.113.10");

        using var login = await browser.GetAsync(PortalClient.LoginPath);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("max-age=", Header(login, Hsts));

        using var signIn = await browser.SignInAsync(person.Email, person.Password!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PortalClient.AuthCookie + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        // The browser keeps it for https and is signed in through the balancer.
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", person.Name), Page.Text(await browser.GetPageAsync("/")));
    }

    [Fact]
    public async Task Through_the_balancer_the_OpenID_Connect_redirect_uri_is_https_and_its_cookies_are_Secure()
    {
        using var browser = factory.Browser("203.0.113.11");

        using var challenge = await browser.GetAsync("/account/login/entra");

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        Assert.Equal($"https://{SqliteBehindProxyPortal.PublicHost}/signin-oidc", query["redirect_uri"]);
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Through_the_balancer_the_Blazor_hub_accepts_the_public_origin_and_refuses_others()
    {
        var person = await factory.AddPersonAsync("Hub Achter De Balancer");
        using var browser = factory.Browser("203.0.113.13");
        using (var signIn = await browser.SignInAsync(person.Email, person.Password!))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The balancer speaks http to the portal; the page the browser shows is https://portal.example.
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(browser, $"https://{SqliteBehindProxyPortal.PublicHost}"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(browser, $"http://{SqliteBehindProxyPortal.PublicHost}"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(browser, "https://evil.example"));
    }

    private static async Task<HttpStatusCode> NegotiateAsync(PortalClient browser, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await browser.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Forwarded_headers_from_a_peer_that_is_not_a_known_proxy_are_ignored()
    {
        // Someone inside the network connects straight to the portal and claims to be https for another client.
        using var stranger = factory.Browser("203.0.113.12", peer: "10.9.9.9");

        using var live = await stranger.GetAsync("/health/live");
        using var challenge = await stranger.GetAsync("/account/login/entra");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Null(Header(live, Hsts));
        var query = System.Web.HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        Assert.Equal($"http://{SqliteBehindProxyPortal.PublicHost}/signin-oidc", query["redirect_uri"]);
        // Outside Development the cookies are Secure whatever the request says.
        Assert.All(challenge.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_sign_in_limit_counts_per_forwarded_client_address()
    {
        using var first = factory.Browser("203.0.113.20");
        using var second = factory.Browser("203.0.113.21");
        var firstForm = await FailingSignInFormAsync(first);
        var secondForm = await FailingSignInFormAsync(second);

        for (var attempt = 1; attempt <= SqliteBehindProxyPortal.SignInLimit; attempt++)
            Assert.Equal(HttpStatusCode.OK, await PostAsync(first, firstForm));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(first, firstForm));

        // Another client behind the same balancer has a window of its own.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(second, secondForm));
    }

    [Fact]
    public async Task Forwarded_client_addresses_from_an_unknown_peer_do_not_split_the_sign_in_limit()
    {
        // Two made-up client addresses sent straight from one peer (over https, so the forms work): both count as that peer.
        const string peer = "10.9.9.10";
        using var first = factory.Browser("198.51.100.1", peer, https: true);
        using var second = factory.Browser("198.51.100.2", peer, https: true);
        var firstForm = await FailingSignInFormAsync(first);
        var secondForm = await FailingSignInFormAsync(second);

        for (var attempt = 1; attempt <= SqliteBehindProxyPortal.SignInLimit; attempt++)
            Assert.Equal(HttpStatusCode.OK, await PostAsync(first, firstForm));

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(second, secondForm));
    }

    [Fact]
    public async Task The_sign_in_limit_is_hit_and_recovers_when_the_window_has_passed()
    {
        var person = await factory.AddPersonAsync("Wacht Een Venster");
        using var browser = factory.Browser("203.0.113.30");
        var form = await FailingSignInFormAsync(browser);

        for (var attempt = 1; attempt <= SqliteBehindProxyPortal.SignInLimit; attempt++)
            Assert.Equal(HttpStatusCode.OK, await PostAsync(browser, form));
        using (var refused = await browser.SignInAsync(person.Email, person.Password!))
        {
            // Refused even with the right password, and told when to come back.
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.False(PortalClient.SetsCookie(refused, PortalClient.AuthCookie));
            var retry = Assert.IsType<TimeSpan>(refused.Headers.RetryAfter?.Delta);
            Assert.Equal(SqliteBehindProxyPortal.WindowSeconds, retry.TotalSeconds); // the clock stands at the start of a window
        }

        factory.RateLimitClock.Advance(TimeSpan.FromSeconds(SqliteBehindProxyPortal.WindowSeconds));

        using var signIn = await browser.SignInAsync(person.Email, person.Password!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(PortalClient.SetsCookie(signIn, PortalClient.AuthCookie));
    }

    /// <summary>The sign-in form filled with an account that does not exist (answered 200 with a message; it still counts).</summary>
    internal static async Task<string> FailingSignInFormAsync(PortalClient browser)
    {
        var form = HtmlForm.WithHandler(await browser.GetPageAsync(PortalClient.LoginPath), "login");
        return await form.Fill([new("Input.Email", $"niemand.{Guid.NewGuid():N}@test.example"), new("Input.Password", "Geen-Wachtwoord-1")]).ReadAsStringAsync();
    }

    internal static async Task<HttpStatusCode> PostAsync(PortalClient browser, string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await browser.Http.PostAsync(PortalClient.LoginPath, content);
        return response.StatusCode;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
