using System.Net;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>A sign-in cookie that does not hold gets the sign-in page, a warning in the log, and changes nothing.</summary>
public abstract class RefusedCookieTests(PortalFactory factory)
{
    [Fact]
    public async Task A_tampered_sign_in_cookie_is_refused_logged_and_removed()
    {
        var genuine = await AuthCookieAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        using var client = factory.CreateClient(new() { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using (var withGenuine = await client.SendAsync(WithCookie(HttpMethod.Get, "/organisation/people", genuine)))
            Assert.Equal(HttpStatusCode.OK, withGenuine.StatusCode);
        var tampered = genuine[..^6] + (genuine[^6] == 'A' ? 'B' : 'A') + genuine[^5..];

        using var response = await client.SendAsync(WithCookie(HttpMethod.Get, "/organisation/people", tampered));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalClient.AuthCookie + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(factory.Log.Lines, l => l.Contains("Sign-in cookie refused", StringComparison.Ordinal) && l.Contains("/organisation/people", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_cookie_cannot_answer_a_pulse()
    {
        await using var db = factory.NewDbContext();
        var before = await db.Participations.CountAsync();
        var roundId = await db.PulseRounds.Select(r => r.Id).FirstAsync();
        using var client = factory.CreateClient(new() { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        var request = WithCookie(HttpMethod.Post, $"/pulses/{roundId}", "CfDJ8forged-not-a-ticket");
        request.Content = new FormUrlEncodedContent([new("_handler", "pulse-answer"), new("q1", "5")]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(response));
        Assert.Contains(factory.Log.Lines, l => l.Contains("Sign-in cookie refused", StringComparison.Ordinal) && l.Contains($"POST /pulses/{roundId}", StringComparison.Ordinal));
        Assert.Equal(before, await db.Participations.CountAsync());
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string authCookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"{PortalClient.AuthCookie}={authCookie}");
        return request;
    }

    private async Task<string> AuthCookieAsync(string email)
    {
        using var client = factory.CreateClient(new() { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });
        var portal = new PortalClient(client);
        using var response = await portal.SignInAsync(email, factory.DemoPassword);
        return PortalClient.AuthCookieOf(response);
    }
}

public sealed class RefusedCookieTests_Sqlite(SqliteDemoPortal factory) : RefusedCookieTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class RefusedCookieTests_PostgreSql(PostgreSqlDemoPortal factory) : RefusedCookieTests(factory), IClassFixture<PostgreSqlDemoPortal>;
