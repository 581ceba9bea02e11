using Microsoft.EntityFrameworkCore;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Localization;

/// <summary>
/// The language switch: a cookie for everyone (GET), remembered on the account of a signed-in user only by a
/// POST with an antiforgery token (the static pages' form; the interactive pages store it through the circuit).
/// </summary>
public abstract class LanguageTests(PortalFactory factory)
{
    // Hand-written on purpose: what a Dutch or English reader sees, not a lookup of the same resource.
    private const string SignInEnglish = "Sign in";
    private const string SignInDutch = "Aanmelden";
    private const string OverviewEnglish = "Overview";
    private const string OverviewDutch = "Overzicht";
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task Switching_to_Dutch_sets_the_cookie_and_the_pages_render_Dutch()
    {
        using var browser = factory.CreatePortalClient(acceptLanguage: "en");
        var before = await browser.GetPageAsync(PortalClient.LoginPath);
        Assert.Equal(("en", SignInEnglish), (Page.Language(before), Page.Heading(before)));

        using (var switched = await browser.GetAsync("/culture/set?culture=nl&redirectUri=%2Faccount%2Flogin"))
        {
            Assert.Equal(PortalClient.LoginPath, PortalClient.RedirectTarget(switched));
            var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CultureCookie + "=", StringComparison.Ordinal));
            Assert.StartsWith($"{CultureCookie}=c%3Dnl%7Cuic%3Dnl;", cookie);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
        var after = await browser.GetPageAsync(PortalClient.LoginPath);
        Assert.Equal(("nl", SignInDutch), (Page.Language(after), Page.Heading(after)));

        using (await browser.GetAsync("/culture/set?culture=en&redirectUri=%2Faccount%2Flogin")) { }
        Assert.Equal(SignInEnglish, Page.Heading(await browser.GetPageAsync(PortalClient.LoginPath)));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task A_redirect_uri_off_the_portal_is_not_followed(string redirectUri)
    {
        using var browser = factory.CreatePortalClient();

        using var response = await browser.GetAsync($"/culture/set?culture=nl&redirectUri={Uri.EscapeDataString(redirectUri)}");

        Assert.Equal("/", PortalClient.RedirectTarget(response));
    }

    public static TheoryData<string> UnsafeRedirects => new()
    {
        "/pulses\r\nSet-Cookie: evil=1",   // header injection
        "/\t/evil.example",                // browsers drop tabs: //evil.example
        "/\n/evil.example",
        "/standards\u0000",
        "/promises\u0085",                 // a C1 control character
        "/promises\\evil",                // a backslash anywhere
        "/" + new string('a', 3000),        // longer than any page of the portal
    };

    [Theory]
    [MemberData(nameof(UnsafeRedirects))]
    public async Task A_redirect_uri_with_control_characters_falls_back_to_the_home_page(string redirectUri)
    {
        var person = await factory.AddPersonAsync("Rare Terugweg");
        using var browser = await factory.SignedInClientAsync(person.Email, person.Password);

        using var viaGet = await browser.GetAsync($"/culture/set?culture=nl&redirectUri={Uri.EscapeDataString(redirectUri)}");
        using var viaPost = await PostSwitchAsync(browser, "nl", redirectUri);
        // The sign-in form's return address is the same kind of input.
        using var anonymous = factory.CreatePortalClient();
        using var signIn = await anonymous.SignInAsync(person.Email, person.Password!, redirectUri);

        Assert.Equal("/", PortalClient.RedirectTarget(viaGet));
        if (redirectUri.Contains('\0'))
        {
            // ASP.NET Core's form reader refuses a NUL in a form body as malformed (400, dotnet/aspnetcore#19962): nothing stored.
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, viaPost.StatusCode);
            Assert.Null(await PreferredCultureAsync(person.Id));
        }
        else
        {
            Assert.Equal("/", PortalClient.RedirectTarget(viaPost));
            Assert.Equal("nl", await PreferredCultureAsync(person.Id));
        }
        Assert.Equal("/", PortalClient.RedirectTarget(signIn));
    }

    [Fact]
    public async Task A_redirect_uri_with_letters_outside_ASCII_is_followed_percent_encoded()
    {
        using var browser = factory.CreatePortalClient();

        using var response = await browser.GetAsync($"/culture/set?culture=nl&redirectUri={Uri.EscapeDataString("/promises?zoek=café €")}");

        Assert.Equal("/promises?zoek=caf%C3%A9%20%E2%82%AC", PortalClient.RedirectTarget(response));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("nl-NL\r\n")]
    [InlineData("")]
    public async Task An_unknown_culture_falls_back_to_Dutch(string culture)
    {
        using var browser = factory.CreatePortalClient();

        using var response = await browser.GetAsync($"/culture/set?culture={Uri.EscapeDataString(culture)}&redirectUri=%2Faccount%2Flogin");

        Assert.Equal("/account/login", PortalClient.RedirectTarget(response));
        Assert.Equal("nl", Page.Language(await browser.GetPageAsync(PortalClient.LoginPath)));
    }

    [Fact]
    public async Task The_choice_is_kept_on_the_account_across_sign_out_and_sign_in()
    {
        var person = await factory.AddPersonAsync("Taal Kiezer");
        using (var browser = await factory.SignedInClientAsync(person.Email, person.Password))
        {
            Assert.Equal(OverviewEnglish, Page.Heading(await browser.GetPageAsync("/")));

            using (var switched = await PostSwitchAsync(browser, "nl", "/"))
                Assert.Equal("/", PortalClient.RedirectTarget(switched));

            var home = await browser.GetPageAsync("/");
            Assert.Equal(("nl", OverviewDutch), (Page.Language(home), Page.Heading(home)));
            Assert.Equal("nl", await PreferredCultureAsync(person.Id));
            using var signedOut = await browser.SignOutAsync();
            Assert.Equal("/account/login?signedOut=true", PortalClient.RedirectTarget(signedOut));
        }

        // Another browser: no culture cookie, English preferred by the browser; the account's choice wins after sign-in.
        using var other = factory.CreatePortalClient(acceptLanguage: "en");
        Assert.Equal(SignInEnglish, Page.Heading(await other.GetPageAsync(PortalClient.LoginPath)));
        using (var signIn = await other.SignInAsync(person.Email, person.Password!))
        {
            Assert.Equal("/", PortalClient.RedirectTarget(signIn));
            Assert.True(PortalClient.SetsCookie(signIn, CultureCookie));
        }
        var again = await other.GetPageAsync("/");
        Assert.Equal(("nl", OverviewDutch), (Page.Language(again), Page.Heading(again)));
    }

    [Fact]
    public async Task A_GET_switches_this_browser_only_and_never_changes_the_stored_choice()
    {
        var person = await factory.AddPersonAsync("Taal Via Link");
        using var browser = await factory.SignedInClientAsync(person.Email, person.Password);
        using (var stored = await PostSwitchAsync(browser, "nl", "/")) Assert.Equal("/", PortalClient.RedirectTarget(stored));

        // What a link on another site could make the browser send.
        using (var switched = await browser.GetAsync("/culture/set?culture=en&redirectUri=%2F"))
            Assert.Equal("/", PortalClient.RedirectTarget(switched));

        Assert.Equal(OverviewEnglish, Page.Heading(await browser.GetPageAsync("/")));
        Assert.Equal("nl", await PreferredCultureAsync(person.Id));
    }

    [Fact]
    public async Task A_POST_without_an_antiforgery_token_is_refused_and_stores_nothing()
    {
        var person = await factory.AddPersonAsync("Taal Zonder Token");
        using var browser = await factory.SignedInClientAsync(person.Email, person.Password);

        using var response = await browser.Http.PostAsync("/culture/set", new FormUrlEncodedContent([new("culture", "nl"), new("redirectUri", "/")]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(PortalClient.SetsCookie(response, CultureCookie));
        Assert.Null(await PreferredCultureAsync(person.Id));
    }

    [Fact]
    public async Task The_static_pages_of_signed_in_people_switch_with_a_form_that_stores_the_choice()
    {
        var person = await factory.AddPersonAsync("Taal Op Pulspagina");
        using var browser = await factory.SignedInClientAsync(person.Email, person.Password);
        var page = await browser.GetPageAsync("/pulses");
        var form = HtmlForm.WithAction(page, "/culture/set");
        Assert.Equal("post", form.Method);
        Assert.Equal("/pulses", form.HiddenFields["redirectUri"]);

        using var response = await browser.Http.PostAsync(form.Action, new FormUrlEncodedContent(form.HiddenFields.Append(new("culture", "nl"))));

        Assert.Equal("/pulses", PortalClient.RedirectTarget(response));
        Assert.Equal("nl", await PreferredCultureAsync(person.Id));
        Assert.Equal("nl", Page.Language(await browser.GetPageAsync("/pulses")));
    }

    /// <summary>The form post a static page's switch sends (its antiforgery token from the signed-in home page).</summary>
    private static async Task<HttpResponseMessage> PostSwitchAsync(PortalClient browser, string culture, string redirectUri)
    {
        var token = HtmlForm.All(await browser.GetPageAsync("/")).SelectMany(f => f.HiddenFields).First(f => f.Key == "__RequestVerificationToken");
        return await browser.Http.PostAsync("/culture/set", new FormUrlEncodedContent([token, new("culture", culture), new("redirectUri", redirectUri)]));
    }

    private async Task<string?> PreferredCultureAsync(int personId)
    {
        await using var db = factory.NewDbContext();
        return await db.Users.AsNoTracking().Where(u => u.PersonId == personId).Select(u => u.PreferredCulture).SingleAsync();
    }
}

public sealed class LanguageTests_Sqlite(SqliteDemoPortal factory) : LanguageTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class LanguageTests_PostgreSql(PostgreSqlDemoPortal factory) : LanguageTests(factory), IClassFixture<PostgreSqlDemoPortal>;
