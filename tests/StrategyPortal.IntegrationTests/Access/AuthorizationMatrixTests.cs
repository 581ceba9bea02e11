using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// Every page and endpoint × every visitor (anonymous and each role), over HTTP. The expected cell
/// of a navigation page comes from <see cref="Navigation.Items"/> and <see cref="RolePermissions"/>,
/// the data the menu reads. A new page must appear in the menu or in <see cref="OpenPages"/>, or
/// <see cref="Every_page_and_endpoint_is_in_the_matrix"/> fails.
/// </summary>
/// <remarks>
/// What a first, server-rendered request gets: anonymous → 302 to sign-in with the page as
/// return URL; a signed-in role without the permission → 302 to /account/access-denied (the
/// cookie handler's Forbid), so no page content is ever rendered for it. The router's
/// in-page "no access" message is the interactive (circuit) counterpart, covered by the browser tests.
/// </remarks>
public abstract partial class AuthorizationMatrixTests(PortalFactory factory)
{
    public const string Anonymous = "Anonymous";

    /// <summary>Pages outside the menu that every visitor may open (they answer 200 to anyone). A route with parameters is listed by an example address.</summary>
    public static readonly IReadOnlyList<string> OpenPages = ["/account/access-denied", "/account/login", "/account/setup", "/not-found", "/error", "/status/404"];

    /// <summary>
    /// Pages outside the menu that need a permission (reached from a page in the menu), each with that permission.
    /// A route with parameters is listed by an example address: standard 1 belongs to the demo Klantenservice.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PermissionPages = new Dictionary<string, string>
    {
        ["/standards/catalogue"] = Permission.StandardsRead,
        ["/standards/1"] = Permission.StandardsRead,
        ["/promises/1"] = Permission.PromisesRead,
        // Round 1 of the demo pulse (closed): the static answering page answers 200 with its status.
        ["/pulses/1"] = Permission.EngagementAnswer,
    };

    /// <summary>Endpoints (not pages), each with a test of its own below.</summary>
    public static readonly IReadOnlyList<string> Endpoints = ["/health", "/health/live", "/culture/set", "/account/logout", "/api/v1/customer-scores",
        // The results CSV of a round: its own tests in Engagement/PulseResultsExportTests.
        "/engagement/results/1/export",
        // Scorecard PDFs: their own tests in Scorecards/ScorecardIssuingTests.
        "/scorecards/files/1", "/scorecards/draft"];

    public static IEnumerable<string> VisitorNames => [Anonymous, .. Enum.GetNames<PortalRole>()];

    public static TheoryData<string> Visitors => new(VisitorNames);

    public static TheoryData<PortalRole> Roles => new(Enum.GetValues<PortalRole>());

    public static TheoryData<string, string> NavigationCells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var item in Navigation.Items)
                foreach (var visitor in VisitorNames) data.Add(item.Href, visitor);
            return data;
        }
    }

    public static TheoryData<string, string> PermissionPageCells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var page in PermissionPages.Keys)
                foreach (var visitor in VisitorNames) data.Add(page, visitor);
            return data;
        }
    }

    public static TheoryData<string, string> OpenPageCells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var page in OpenPages)
                foreach (var visitor in VisitorNames) data.Add(page, visitor);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NavigationCells), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Navigation_page_opens_exactly_for_the_roles_with_its_permission(string path, string visitor)
    {
        var item = Navigation.Items.Single(i => i.Href == path);
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(path);

        if (Role(visitor) is not { } role)
        {
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
        else if (item.Permission is null || RolePermissions.Allows(role, item.Permission))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.False(Page.HasTestId(html, "access-denied"));
            Assert.False(string.IsNullOrWhiteSpace(Page.Heading(html)), "the page renders its title");
            Assert.Contains(NavLinks(html), href => href == path);
        }
        else
        {
            Assert.Equal($"/account/access-denied?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
            Assert.Empty(await response.Content.ReadAsStringAsync());
            var refusal = await client.GetPageAsync(PortalClient.RedirectTarget(response));
            Assert.True(Page.HasTestId(refusal, "access-denied"));
            Assert.DoesNotContain(NavLinks(refusal), href => href == path);
        }
    }

    [Theory]
    [MemberData(nameof(PermissionPageCells), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Page_outside_the_menu_opens_exactly_for_the_roles_with_its_permission(string path, string visitor)
    {
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(path);

        if (Role(visitor) is not { } role)
        {
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
        else if (RolePermissions.Allows(role, PermissionPages[path]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.False(Page.HasTestId(html, "access-denied"));
            Assert.False(string.IsNullOrWhiteSpace(Page.Heading(html)), "the page renders its title");
        }
        else
        {
            Assert.Equal($"/account/access-denied?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
    }

    [Theory]
    [MemberData(nameof(OpenPageCells), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Open_page_answers_every_visitor(string path, string visitor)
    {
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(Page.Heading(await response.Content.ReadAsStringAsync())));
    }

    [Theory]
    [MemberData(nameof(Roles), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Menu_lists_exactly_the_pages_the_role_may_open(PortalRole role)
    {
        var client = await factory.SharedClientAsync(role);

        var links = NavLinks(await client.GetPageAsync("/"));

        var expected = Navigation.Items.Where(i => i.Permission is null || RolePermissions.Allows(role, i.Permission)).Select(i => i.Href);
        Assert.Equal(expected, links);
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Health_answers_every_visitor(string visitor)
    {
        var client = await ClientAsync(visitor);

        foreach (var path in new[] { "/health", "/health/live" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Language_switch_answers_every_visitor(string visitor)
    {
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync("/culture/set?culture=en&redirectUri=%2Forganisation%2Fpeople");

        Assert.Equal("/organisation/people", PortalClient.RedirectTarget(response));
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Sign_out_answers_every_visitor_with_a_token(string visitor)
    {
        // A client of its own: signing out the shared one would spoil the other cells.
        using var client = Role(visitor) is { } role
            ? await factory.SignedInClientAsync(PortalFactory.DemoAccount(role).Email)
            : factory.CreatePortalClient();
        var page = await client.GetPageAsync(Role(visitor) is null ? PortalClient.LoginPath : "/");
        var token = HtmlForm.All(page).SelectMany(f => f.HiddenFields).First(f => f.Key == "__RequestVerificationToken");

        using var response = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent([token]));

        Assert.Equal("/account/login?signedOut=true", PortalClient.RedirectTarget(response));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task An_unknown_address_shows_the_not_found_page_to_a_signed_in_visitor(string visitor)
    {
        const string unknown = "/organisation/no-such-page";
        var client = await ClientAsync(visitor);

        using var page = await client.GetAsync(unknown);
        using var post = await client.Http.PostAsync(unknown, new FormUrlEncodedContent([]));

        if (Role(visitor) is null)
        {
            // Deny by default: the fallback policy also covers addresses without an endpoint, so a
            // stranger cannot tell a missing page from a protected one.
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(unknown)}", PortalClient.RedirectTarget(page));
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(unknown)}", PortalClient.RedirectTarget(post));
            return;
        }
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(factory.Text<Ui>("NotFound.Title"), Page.Heading(await page.Content.ReadAsStringAsync()));
        // A POST is answered 405, not 404: the framework's static-file fallback route {**path:file} takes GET and HEAD.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(factory.Text<Ui>("Error.Title"), Page.Heading(await post.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void Every_page_and_endpoint_is_in_the_matrix()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            // Framework plumbing (/_blazor, /_framework) and static files (by extension or the {**path:file} catch-all) are not pages.
            .Where(r => !r.Split('/').Any(segment => segment.StartsWith('_')) && !Path.HasExtension(r) && !r.Contains(":file}", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var covered = Navigation.Items.Select(i => i.Href).Concat(OpenPages).Concat(PermissionPages.Keys).Concat(Endpoints).ToList();

        Assert.Equal(Array.Empty<string>(), routes.Where(route => !covered.Any(address => Matches(route, address))).ToArray());
        Assert.Equal(Array.Empty<string>(), covered.Where(address => !routes.Any(route => Matches(route, address))).ToArray());
    }

    /// <summary>Whether an address is one of a route's: <c>/status/{Code:int}</c> takes <c>/status/404</c>.</summary>
    private static bool Matches(string route, string address) =>
        Regex.IsMatch(address, "^" + Regex.Replace(Regex.Escape(route), @"\\\{[^}]*}", "[^/]+") + "$");

    private static PortalRole? Role(string visitor) => visitor == Anonymous ? null : Enum.Parse<PortalRole>(visitor);

    private Task<PortalClient> ClientAsync(string visitor) =>
        Role(visitor) is { } role ? factory.SharedClientAsync(role) : factory.SharedAnonymousClientAsync();

    /// <summary>The links of the side menu (MudNavLink renders an anchor with class mud-nav-link).</summary>
    private static List<string> NavLinks(string html) =>
        NavLinkPattern().Matches(html).Select(m => m.Groups["href"].Value).ToList();

    // mud-nav-link: the interactive layout's menu; plain-nav-link: the same menu on static pages (the pulse form).
    [GeneratedRegex(@"<a\b(?=[^>]*\bclass=""[^""]*\b(mud|plain)-nav-link\b)[^>]*\bhref=""(?<href>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex NavLinkPattern();
}

public sealed class AuthorizationMatrixTests_Sqlite(SqliteDemoPortal factory) : AuthorizationMatrixTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class AuthorizationMatrixTests_PostgreSql(PostgreSqlDemoPortal factory) : AuthorizationMatrixTests(factory), IClassFixture<PostgreSqlDemoPortal>;
