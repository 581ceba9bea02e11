using System.Text.RegularExpressions;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;

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

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
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

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}

public sealed class SecurityHeadersTests_Sqlite(SqliteDemoPortal factory) : SecurityHeadersTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class SecurityHeadersTests_PostgreSql(PostgreSqlDemoPortal factory) : SecurityHeadersTests(factory), IClassFixture<PostgreSqlDemoPortal>;
