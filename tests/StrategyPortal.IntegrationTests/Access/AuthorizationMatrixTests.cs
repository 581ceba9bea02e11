using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Hosting;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// Every page and endpoint × every visitor (anonymous and each role), over HTTP. The expected cells
/// come from <see cref="PermissionMatrix"/> (menu pages from <see cref="Navigation.Items"/>, the rest
/// listed there) and <see cref="RolePermissions"/> — the same data the table in docs/security.md is
/// generated from. A new page must appear in the menu or in <see cref="PermissionMatrix"/>, or
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

    /// <summary>Pages outside the menu that every visitor may open (they answer 200 to anyone).</summary>
    public static IReadOnlyList<string> OpenPages => PermissionMatrix.OpenPages;

    /// <summary>Pages outside the menu that need a permission, each with that permission.</summary>
    public static IReadOnlyDictionary<string, string> PermissionPages { get; } =
        PermissionMatrix.PermissionPages.ToDictionary(p => p.Address, p => p.Permission);

    /// <summary>Endpoints (not pages), each with a test of its own below.</summary>
    public static IReadOnlyList<string> Endpoints { get; } = PermissionMatrix.Endpoints.Select(e => e.Address).ToList();

    public static IEnumerable<string> VisitorNames => [Anonymous, .. Enum.GetNames<PortalRole>()];

    public static TheoryData<string> Visitors => new(VisitorNames);

    public static TheoryData<PortalRole> Roles => new(Enum.GetValues<PortalRole>());

    public static TheoryData<string, string> NavigationCells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in PermissionMatrix.NavigationPages)
                foreach (var visitor in VisitorNames) data.Add(row.Address, visitor);
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
        var row = PermissionMatrix.NavigationPages.Single(i => i.Address == path);
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(path);

        if (Role(visitor) is not { } role)
        {
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
        else if (row.Allows(role))
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
        else if (PermissionMatrix.Pages.Single(p => p.Address == path).Allows(role))
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

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Personal_data_export_answers_exactly_the_visitors_its_row_allows(string visitor)
    {
        const string path = "/organisation/people/1/export";
        var row = PermissionMatrix.Endpoints.Single(e => e.Address == path);
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(path);

        if (Role(visitor) is not { } role)
        {
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
        else if (row.Allows(role))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"person\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"/account/access-denied?ReturnUrl={Uri.EscapeDataString(path)}", PortalClient.RedirectTarget(response));
        }
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task The_company_scorecard_draft_answers_exactly_the_visitors_its_row_allows(string visitor)
    {
        const string path = "/scorecards/draft";
        const string url = path + "?quarter=2026-Q3&lang=nl";
        var row = PermissionMatrix.Endpoints.Single(e => e.Address == path);
        var client = await ClientAsync(visitor);

        using var response = await client.GetAsync(url);

        if (Role(visitor) is not { } role)
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(url)}", PortalClient.RedirectTarget(response));
        else if (!row.Allows(role))
            Assert.Equal($"/account/access-denied?ReturnUrl={Uri.EscapeDataString(url)}", PortalClient.RedirectTarget(response));
        else if (role == PortalRole.Director)
            Assert.Equal(("application/pdf", HttpStatusCode.OK), (response.Content.Headers.ContentType?.MediaType, response.StatusCode));
        else // a manager may read scorecards, but the company's is not one of their units'
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Visitors), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task The_api_refuses_every_visitor_that_comes_with_a_cookie_instead_of_a_key(string visitor)
    {
        var row = PermissionMatrix.Endpoints.Single(e => e.Gate == MatrixGate.ApiKey);
        var client = await ClientAsync(visitor);

        using var response = await client.Http.PostAsync(row.Address, new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Every_command_of_the_executable_is_in_the_matrix() =>
        Assert.Equal(PortalApp.Commands.Order(), PermissionMatrix.Commands.Select(c => c.Address).Order());

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
        var covered = PermissionMatrix.All.Where(r => r.Kind != MatrixKind.Command).Select(r => r.Address).ToList();

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
