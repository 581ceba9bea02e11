using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Operations;

/// <summary>The security headers on every kind of response, and pages the Content-Security-Policy lets run.</summary>
public abstract partial class SecurityHeadersTests(PortalFactory factory)
{
    public static TheoryData<string> AnonymousAddresses =>
        new("/account/login", "/", "/health", "/culture/set?culture=en&redirectUri=%2F", "/organisation/no-such-page", "/favicon.svg");

    [Theory]
    [MemberData(nameof(AnonymousAddresses), MemberType = typeof(SecurityHeadersTests))]
    public async Task Every_response_carries_the_security_headers(string address)
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(address);

        AssertSecurityHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task A_signed_in_page_carries_the_security_headers()
    {
        var client = await factory.SharedClientAsync(PortalRole.Administrator);

        using var response = await client.GetAsync("/organisation/units");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task A_static_file_carries_the_security_headers()
    {
        var client = await factory.SharedAnonymousClientAsync();

        using var response = await client.GetAsync("/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task An_API_call_without_a_key_is_answered_401_with_the_security_headers()
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.Http.PostAsync(CustomerScoreEndpoints.Path, new StringContent("[]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSecurityHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_answered_400_with_the_security_headers()
    {
        using var client = factory.CreatePortalClient();
        var form = HtmlForm.WithHandler(await client.GetPageAsync(PortalClient.LoginPath), "login");
        var fields = form.HiddenFields.Where(f => f.Key != "__RequestVerificationToken")
            .Append(new("Input.Email", "niemand@test.example")).Append(new("Input.Password", "Geen-Wachtwoord-1"));

        using var response = await client.Http.PostAsync(PortalClient.LoginPath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response, SecurityHeaders.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData(PortalRole.Administrator, "/")]
    [InlineData(PortalRole.Administrator, "/organisation/units")]
    [InlineData(PortalRole.Manager, "/organisation/people")]
    public async Task Pages_have_no_inline_script_the_policy_would_block(PortalRole? role, string address)
    {
        // script-src 'self': an inline <script> would not run in the browser.
        var client = role is { } r ? await factory.SharedClientAsync(r) : await factory.SharedAnonymousClientAsync();

        var html = await client.GetPageAsync(address);

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Matches(@"\bsrc=""[^""]+""", tag));
    }

    /// <summary>The headers every response carries (the Content-Security-Policy as the portal's settings make it).</summary>
    internal static void AssertSecurityHeaders(HttpResponseMessage response, string contentSecurityPolicy)
    {
        Assert.Equal(contentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=(), payment=()", Header(response, "Permissions-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}

public sealed class SecurityHeadersTests_Sqlite(SqliteDemoPortal factory) : SecurityHeadersTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class SecurityHeadersTests_PostgreSql(PostgreSqlDemoPortal factory) : SecurityHeadersTests(factory), IClassFixture<PostgreSqlDemoPortal>;

/// <summary>
/// The responses only production gives, behind the load balancer (see <see cref="SqliteBehindProxyPortal"/>): HSTS,
/// a refused sign-in (429) and the error page, which must show no stack trace or exception text.
/// </summary>
public sealed class ProductionSecurityHeadersTests(SqliteBehindProxyPortal factory) : IClassFixture<SqliteBehindProxyPortal>
{
    private string Policy => SecurityHeaders.PolicyFor(factory.Services.GetRequiredService<IOptions<EntraOptions>>().Value);

    private static void AssertHsts(HttpResponseMessage response) =>
        Assert.StartsWith("max-age=", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));

    [Fact]
    public async Task A_page_carries_the_security_headers_and_HSTS()
    {
        using var browser = factory.Browser("203.0.113.40");

        using var response = await browser.GetAsync(PortalClient.LoginPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SecurityHeadersTests.AssertSecurityHeaders(response, Policy);
        AssertHsts(response);
    }

    [Fact]
    public async Task A_refused_sign_in_429_carries_the_security_headers_and_HSTS()
    {
        using var browser = factory.Browser("203.0.113.41");
        var form = await ForwardedHeadersTests.FailingSignInFormAsync(browser);
        for (var attempt = 1; attempt <= SqliteBehindProxyPortal.SignInLimit; attempt++)
            Assert.Equal(HttpStatusCode.OK, await ForwardedHeadersTests.PostAsync(browser, form));

        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await browser.Http.PostAsync(PortalClient.LoginPath, content);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(factory.Text<Ui>("Status.TooManyTitle"), Page.Heading(await response.Content.ReadAsStringAsync()));
        SecurityHeadersTests.AssertSecurityHeaders(response, Policy);
        AssertHsts(response);
    }

    [Fact]
    public async Task The_error_page_shows_no_stack_trace_or_exception_text_and_carries_the_headers()
    {
        var person = await factory.AddPersonAsync("Meets An Error");
        using var browser = factory.Browser("203.0.113.42");
        using (var signIn = await browser.SignInAsync(person.Email, person.Password!))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await browser.GetAsync(FailingAddress.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(factory.Text<Ui>("Error.Title"), Page.Heading(html));
        Assert.DoesNotContain(FailingAddress.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
        Assert.DoesNotContain("StrategyPortal.IntegrationTests", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [A-Z][\w.]+\(", html);
        SecurityHeadersTests.AssertSecurityHeaders(response, Policy);
        AssertHsts(response);
        // The exception is for the operator's log.
        Assert.Contains(factory.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }
}
