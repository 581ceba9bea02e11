using System.Net;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>Signing in and out over HTTP with the server-rendered forms, as a browser does.</summary>
public abstract class SignInTests(PortalFactory factory)
{
    public static TheoryData<PortalRole> Roles => new(Enum.GetValues<PortalRole>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Demo_account_signs_in_and_sees_its_name_and_role(PortalRole role)
    {
        var account = PortalFactory.DemoAccount(role);
        using var client = factory.CreatePortalClient();

        using var response = await client.SignInAsync(account.Email, factory.DemoPassword);

        Assert.Equal("/", PortalClient.RedirectTarget(response));
        Assert.True(PortalClient.SetsCookie(response, PortalClient.AuthCookie));
        var home = Page.Text(await client.GetPageAsync("/"));
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", account.Name), home);
        Assert.Contains($"{factory.Text<Ui>($"Role.{role}")}: {factory.Text<Ui>($"Home.RoleText.{role}")}", home);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_that_asked_for_it()
    {
        using var client = factory.CreatePortalClient();
        using var challenge = await client.GetAsync("/organisation/people");
        var loginUrl = PortalClient.RedirectTarget(challenge);
        Assert.Equal("/account/login?ReturnUrl=%2Forganisation%2Fpeople", loginUrl);

        using var response = await client.SubmitFormAsync(loginUrl, "login",
            [new("Input.Email", PortalFactory.DemoAccount(PortalRole.Director).Email), new("Input.Password", factory.DemoPassword)]);

        Assert.Equal("/organisation/people", PortalClient.RedirectTarget(response));
        using var page = await client.GetAsync("/organisation/people");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_does_not_follow_a_return_url_to_another_site(string returnUrl)
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.SignInAsync(PortalFactory.DemoAccount(PortalRole.Director).Email, factory.DemoPassword, returnUrl);

        Assert.Equal("/", PortalClient.RedirectTarget(response));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_message()
    {
        var person = await factory.AddPersonAsync("Wrong Password");
        using var client = factory.CreatePortalClient();

        using var response = await client.SignInAsync(person.Email, person.Password + "x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(PortalClient.SetsCookie(response, PortalClient.AuthCookie));
        Assert.Contains(factory.Text<Ui>("Login.Failed"), Page.Text(await response.Content.ReadAsStringAsync()));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var person = await factory.AddPersonAsync("Locked Out");
        using var client = factory.CreatePortalClient();
        var failed = factory.Text<Ui>("Login.Failed");
        var lockedOut = factory.Text<Ui>("Login.LockedOut");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var response = await client.SignInAsync(person.Email, $"Wrong-Password-{attempt}");
            Assert.Contains(failed, Page.Text(await response.Content.ReadAsStringAsync()));
        }
        using (var fifth = await client.SignInAsync(person.Email, "Wrong-Password-5"))
        {
            Assert.Contains(lockedOut, Page.Text(await fifth.Content.ReadAsStringAsync()));
        }
        using var right = await client.SignInAsync(person.Email, person.Password!);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(PortalClient.SetsCookie(right, PortalClient.AuthCookie));
        Assert.Contains(lockedOut, Page.Text(await right.Content.ReadAsStringAsync()));
        await using var db = factory.NewDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"locked until {user.LockoutEnd}");
    }

    [Fact]
    public async Task Sign_out_is_a_post_with_an_antiforgery_token()
    {
        using var client = await factory.SignedInClientAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email);

        // Without the token (a cross-site form): refused, still signed in.
        using (var forged = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent([])))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // A GET (a link, an image) does not sign out either.
        using (var link = await client.GetAsync("/account/logout"))
            Assert.NotEqual(HttpStatusCode.Redirect, link.StatusCode);
        await client.GetPageAsync("/");

        using var response = await client.SignOutAsync();

        Assert.Equal("/account/login?signedOut=true", PortalClient.RedirectTarget(response));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
        Assert.Contains(factory.Text<Ui>("Login.SignedOut"), Page.Text(await client.GetPageAsync("/account/login?signedOut=true")));
    }

    [Fact]
    public async Task A_deactivated_person_cannot_sign_in_until_reactivated()
    {
        var person = await factory.AddPersonAsync("Soon Gone");
        using (await factory.SignedInClientAsync(person.Email, person.Password)) { }

        await SetActiveAsync(person.Id, active: false);
        using var client = factory.CreatePortalClient();
        using var refused = await client.SignInAsync(person.Email, person.Password!);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(PortalClient.SetsCookie(refused, PortalClient.AuthCookie));
        Assert.Contains(factory.Text<Ui>("Login.LockedOut"), Page.Text(await refused.Content.ReadAsStringAsync()));

        await SetActiveAsync(person.Id, active: true);
        using var accepted = await client.SignInAsync(person.Email, person.Password!);
        Assert.Equal("/", PortalClient.RedirectTarget(accepted));
    }

    private async Task SetActiveAsync(int personId, bool active)
    {
        int version;
        await using (var db = factory.NewDbContext())
            version = (await db.People.AsNoTracking().SingleAsync(p => p.Id == personId)).Version;
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        await admin.Get<OrganisationService>().SetPersonActiveAsync(personId, active, version);
    }
}

public sealed class SignInTests_Sqlite(SqliteDemoPortal factory) : SignInTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class SignInTests_PostgreSql(PostgreSqlDemoPortal factory) : SignInTests(factory), IClassFixture<PostgreSqlDemoPortal>;
