using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// Sign-out ends the session on the server: the cookie a browser had (or a copy of it) is refused afterwards, on
/// this instance and on another instance over the same database, in every environment; each sign-in is its own
/// session; a circuit's next check fails; unused sessions are removed.
/// </summary>
public abstract class SessionTests(PortalFactory factory)
{
    [Fact]
    public async Task A_copied_cookie_replayed_after_sign_out_is_refused()
    {
        var person = await factory.AddPersonAsync("Copied Cookie");
        await AssertReplayRefusedAfterSignOutAsync(factory, factory, person);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Another_instance_in_any_environment_refuses_the_cookie_once_the_first_signed_out(string environment)
    {
        var person = await factory.AddPersonAsync($"Two Instances {environment}");
        // A second portal instance on the same database (Data Protection keys and sessions shared through it). Its
        // security stamp check runs on every request, so a renewed principal must keep its session too.
        await using var other = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        });

        // Signed in (and out) on the other instance, replayed on both; then the other way round.
        await AssertReplayRefusedAfterSignOutAsync(other, factory, person);
        await AssertReplayRefusedAfterSignOutAsync(factory, other, person);
    }

    [Fact]
    public async Task Each_sign_in_is_its_own_session_and_signing_out_ends_only_that_one()
    {
        var person = await factory.AddPersonAsync("Two Browsers");
        using var laptop = (await SignedInAsync(person)).Client;
        using var phone = (await SignedInAsync(person)).Client;
        Assert.Equal(2, await SessionCountAsync(person.Id));

        using (await laptop.SignOutAsync()) { }

        Assert.Equal(1, await SessionCountAsync(person.Id));
        await phone.GetPageAsync("/");
        using var home = await laptop.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_replaces_its_session()
    {
        var person = await factory.AddPersonAsync("Signs In Twice");
        var (browser, first) = await SignedInAsync(person);
        using var _ = browser;

        await SignInAsync(browser, person);

        Assert.Equal(1, await SessionCountAsync(person.Id));
        using var raw = RawClient(factory);
        using var replay = await raw.SendAsync(WithCookie("/", first));
        Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(replay));
        await browser.GetPageAsync("/");
    }

    [Fact]
    public async Task A_circuit_of_the_session_fails_its_next_check_after_sign_out()
    {
        var person = await factory.AddPersonAsync("Open Circuit");
        var (browser, cookie) = await SignedInAsync(person);
        using var _ = browser;
        // The principal a circuit keeps: the one in the cookie when the page opened.
        var principal = Ticket(factory, cookie).Principal;
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await PortalRevalidatingStateProvider.IsSessionOpenAsync(scope.ServiceProvider, principal, CancellationToken.None));

        using (await browser.SignOutAsync()) { }

        Assert.False(await PortalRevalidatingStateProvider.IsSessionOpenAsync(scope.ServiceProvider, principal, CancellationToken.None));
    }

    [Fact]
    public async Task Deactivating_a_person_ends_their_sessions_at_once()
    {
        var person = await factory.AddPersonAsync("Deactivated Session");
        using var browser = await factory.SignedInClientAsync(person.Email, person.Password);
        Assert.Equal(1, await SessionCountAsync(person.Id));
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(StrategyPortal.Domain.Access.PortalRole.Administrator).Email))
        {
            int version;
            await using (var db = factory.NewDbContext()) version = (await db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id)).Version;
            await admin.Get<StrategyPortal.Application.Organisation.OrganisationService>().SetPersonActiveAsync(person.Id, false, version);
        }

        Assert.Equal(0, await SessionCountAsync(person.Id));
        using var home = await browser.GetAsync("/");
        Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(home));
    }

    [Fact]
    public async Task Unused_sessions_expire_and_are_removed()
    {
        var person = await factory.AddPersonAsync("Idle Session");
        var (idle, idleCookie) = await SignedInAsync(person);
        using var _ = idle;
        using var active = (await SignedInAsync(person)).Client;
        var idleKey = SignInSessionStore.Key(SessionSecret(idleCookie));
        var lifetime = factory.Services.GetRequiredService<SignInSessionOptions>().IdleTimeout;
        await using (var db = factory.NewDbContext())
            await db.SignInSessions.Where(s => s.Id == idleKey).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, DateTime.UtcNow - lifetime - TimeSpan.FromMinutes(1)));

        // Expired: refused at once, before any clean-up ran.
        using (var home = await idle.GetAsync("/"))
            Assert.StartsWith(PortalClient.LoginPath, PortalClient.RedirectTarget(home));
        var removed = await factory.Services.GetRequiredService<ISignInSessions>().RemoveExpiredAsync();

        Assert.True(removed >= 1);
        await using var check = factory.NewDbContext();
        Assert.False(await check.SignInSessions.AnyAsync(s => s.Id == idleKey));
        Assert.Equal(1, await SessionCountAsync(person.Id));
        await active.GetPageAsync("/");
    }

    [Fact]
    public async Task The_session_table_holds_a_hash_of_the_cookie_secret_never_the_secret()
    {
        var person = await factory.AddPersonAsync("Hashed Session");
        var (browser, cookie) = await SignedInAsync(person);
        using var _ = browser;
        var secret = SessionSecret(cookie);

        await using var db = factory.NewDbContext();
        var userId = await db.Users.Where(u => u.PersonId == person.Id).Select(u => u.Id).SingleAsync();
        var row = await db.SignInSessions.SingleAsync(s => s.UserId == userId);
        Assert.Equal(SignInSessionStore.Key(secret), row.Id);
        Assert.NotEqual(secret, row.Id);
        Assert.True(secret.Length >= 43, "the secret carries 256 random bits");
    }

    /// <summary>
    /// Signs in on <paramref name="signInOn"/>, copies the cookie, checks the copy works on both instances, signs out on
    /// <paramref name="signInOn"/>, then replays the copy on both: refused (sign-in page), logged, cookie removed.
    /// </summary>
    private static async Task AssertReplayRefusedAfterSignOutAsync(WebApplicationFactory<Program> signInOn, WebApplicationFactory<Program> other, TestPerson person)
    {
        using var http = signInOn.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        using var browser = new PortalClient(http);
        var copied = await SignInAsync(browser, person);
        foreach (var instance in new[] { signInOn, other })
        {
            using var raw = RawClient(instance);
            using var before = await raw.SendAsync(WithCookie("/", copied));
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var signOut = await browser.SignOutAsync())
            Assert.Equal(AccessEndpoints.SignedOutPath, PortalClient.RedirectTarget(signOut));

        foreach (var instance in new[] { signInOn, other })
        {
            using var raw = RawClient(instance);
            using var replay = await raw.SendAsync(WithCookie("/", copied));
            Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(replay));
            Assert.Contains(replay.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalClient.AuthCookie + "=;", StringComparison.Ordinal));
        }
    }

    private async Task<int> SessionCountAsync(int personId)
    {
        await using var db = factory.NewDbContext();
        var userId = await db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync();
        return await db.SignInSessions.CountAsync(s => s.UserId == userId);
    }

    private static HttpClient RawClient(WebApplicationFactory<Program> instance) =>
        instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage WithCookie(string path, string authCookie, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{PortalClient.AuthCookie}={authCookie}");
        return request;
    }

    /// <summary>Signs <paramref name="client"/> in with the form; returns the sign-in cookie it was given.</summary>
    private static async Task<string> SignInAsync(PortalClient client, TestPerson person)
    {
        using var response = await client.SignInAsync(person.Email, person.Password!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return PortalClient.AuthCookieOf(response);
    }

    private async Task<(PortalClient Client, string Cookie)> SignedInAsync(TestPerson person)
    {
        var client = factory.CreatePortalClient();
        return (client, await SignInAsync(client, person));
    }

    private static Microsoft.AspNetCore.Authentication.AuthenticationTicket Ticket(WebApplicationFactory<Program> instance, string cookie) =>
        instance.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme)
            .TicketDataFormat.Unprotect(cookie) ?? throw new Xunit.Sdk.XunitException("The sign-in cookie does not unprotect.");

    private string SessionSecret(string cookie) =>
        ServerSessions.SecretOf(Ticket(factory, cookie).Principal) ?? throw new Xunit.Sdk.XunitException("The cookie names no session.");
}

public sealed class SessionTests_Sqlite(SqliteDemoPortal factory) : SessionTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class SessionTests_PostgreSql(PostgreSqlDemoPortal factory) : SessionTests(factory), IClassFixture<PostgreSqlDemoPortal>;
