using System.Net;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// First start without demo data: no administrator, so sign-in leads to the one-time setup page,
/// which creates the company and the first administrator, signs them in and is gone afterwards.
/// One journey, in order: each step depends on the state the one before left.
/// </summary>
public abstract class FirstStartTests(PortalFactory factory)
{
    private const string SetupPath = "/account/setup";

    [Fact]
    public async Task Setup_creates_company_and_first_administrator_once()
    {
        using var browser = factory.CreatePortalClient();

        // 1. Sign-in sends the first visitor to setup; no demo accounts are offered.
        using (var login = await browser.GetAsync(PortalClient.LoginPath))
            Assert.Equal(SetupPath, PortalClient.RedirectTarget(login));
        var setupPage = await browser.GetPageAsync(SetupPath);
        Assert.False(Page.HasTestId(setupPage, "demo-accounts"));
        Assert.Equal(factory.Text<Ui>("Setup.Title"), Page.Heading(setupPage));

        // 2. Refused input stores nothing and keeps the form.
        using (var differ = await browser.SubmitFormAsync(SetupPath, "setup", Input("Andere-Wachtwoord-2026")))
        {
            Assert.Equal(HttpStatusCode.OK, differ.StatusCode);
            Assert.Contains(factory.Text<Messages>("setup.passwords-differ"), Page.Text(await differ.Content.ReadAsStringAsync()));
        }
        using (var weak = await browser.SubmitFormAsync(SetupPath, "setup", Input("kort", "kort")))
        {
            Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
            var text = Page.Text(await weak.Content.ReadAsStringAsync());
            Assert.Contains(factory.Text<Messages>("password.too-short", "en", 12), text);
            Assert.False(PortalClient.SetsCookie(weak, PortalClient.AuthCookie));
        }
        await AssertStoredAsync(units: 0, people: 0, accounts: 0);

        // 3. Valid input: company, administrator and account are created, and the administrator is signed in.
        using (var created = await browser.SubmitFormAsync(SetupPath, "setup", Input(PortalFactory.StrongPassword)))
        {
            Assert.Equal("/", PortalClient.RedirectTarget(created));
            Assert.True(PortalClient.SetsCookie(created, PortalClient.AuthCookie));
        }
        var home = Page.Text(await browser.GetPageAsync("/"));
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", "Eerste Beheerder"), home);
        await AssertStoredAsync(units: 1, people: 1, accounts: 1);
        await using (var db = factory.NewDbContext())
        {
            var company = await db.OrgUnits.SingleAsync();
            Assert.Equal("Testbedrijf B.V.", company.Name);
            Assert.Null(company.ParentId);
            var administrator = await db.People.SingleAsync();
            Assert.Equal(("Eerste Beheerder", "beheerder@testbedrijf.example", PortalRole.Administrator, company.Id, true),
                (administrator.Name, administrator.Email, administrator.Role, administrator.OrgUnitId, administrator.IsActive));
        }

        // 4. Setup is gone: the page says so and offers no form; sign-in is an ordinary sign-in page again.
        var after = await browser.GetPageAsync(SetupPath);
        Assert.True(Page.HasTestId(after, "setup-done"));
        Assert.DoesNotContain(HtmlForm.All(after), f => f.Handler == "setup");
        using var stranger = factory.CreatePortalClient();
        var loginPage = await stranger.GetPageAsync(PortalClient.LoginPath);
        var loginForm = HtmlForm.WithHandler(loginPage, "login");

        // 5. Posting the setup form again (with a valid antiforgery token) is refused: the page no longer has
        //    that form. The service behind it refuses as well. Neither creates anything.
        var replay = new Dictionary<string, string>(loginForm.HiddenFields) { ["_handler"] = "setup" };
        foreach (var (name, value) in Input(PortalFactory.StrongPassword, email: "indringer@evil.example")) replay[name] = value;
        using (var again = await stranger.Http.PostAsync(SetupPath, new FormUrlEncodedContent(replay)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.False(PortalClient.SetsCookie(again, PortalClient.AuthCookie));
        }
        await using (var anonymous = factory.AsAnonymous())
        {
            var setup = anonymous.Get<SetupService>();
            Assert.False(await setup.IsNeededAsync());
            await Assert.ThrowsAsync<ForbiddenException>(() => setup.CreateFirstAdministratorAsync(new SetupInput
            {
                CompanyName = "Overname B.V.", Name = "Indringer", Email = "indringer@evil.example",
                Password = PortalFactory.StrongPassword, ConfirmPassword = PortalFactory.StrongPassword,
            }));
        }
        await AssertStoredAsync(units: 1, people: 1, accounts: 1);

        // 6. The new administrator signs in with the ordinary form.
        using var later = factory.CreatePortalClient();
        await later.SignInOrFailAsync("beheerder@testbedrijf.example", PortalFactory.StrongPassword);
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", "Eerste Beheerder"), Page.Text(await later.GetPageAsync("/")));
    }

    private static KeyValuePair<string, string>[] Input(string confirmPassword, string? password = null, string email = "Beheerder@Testbedrijf.example") =>
    [
        new("Input.CompanyName", "Testbedrijf B.V."),
        new("Input.Name", "Eerste Beheerder"),
        new("Input.Email", email),
        new("Input.Password", password ?? PortalFactory.StrongPassword),
        new("Input.ConfirmPassword", confirmPassword),
    ];

    private async Task AssertStoredAsync(int units, int people, int accounts)
    {
        await using var db = factory.NewDbContext();
        Assert.Equal((units, people, accounts), (await db.OrgUnits.CountAsync(), await db.People.CountAsync(), await db.Users.CountAsync()));
    }
}

public sealed class FirstStartTests_Sqlite(SqliteFirstStartPortal factory) : FirstStartTests(factory), IClassFixture<SqliteFirstStartPortal>;
public sealed class FirstStartTests_PostgreSql(PostgreSqlFirstStartPortal factory) : FirstStartTests(factory), IClassFixture<PostgreSqlFirstStartPortal>;
