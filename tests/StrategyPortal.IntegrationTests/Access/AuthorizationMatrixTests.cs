using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Hosting;
using StrategyPortal.Web.Localization;
using StrategyPortal.Web.People;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// Every row of the permission matrix (pages, endpoints, the OpenID Connect callbacks) × every visitor
/// (anonymous and each role), over HTTP, in one theory. The expected cell is <see cref="MatrixEntry.Allows"/>
/// of the row in <see cref="PermissionMatrix"/> (menu pages from <see cref="Navigation.Items"/>, the rest
/// listed there, grants from <see cref="RolePermissions"/>) — the same data the table in docs/security.md is
/// generated from. How to call a row and what its answer looks like when let through is a probe below;
/// a row without a probe fails the walk. The portal has Entra sign-in on (the tests' local provider), so the
/// Entra rows answer as in production, and local accounts on, so each role signs in with its demo account.
/// </summary>
/// <remarks>
/// A refused cell, as a first, server-rendered request gets it: anonymous → 302 to sign-in with the address
/// as return URL; a signed-in role without the permission → 302 to /account/access-denied (the cookie
/// handler's Forbid), with nothing of the page rendered; the API (key only) → 401 for every cookie. The
/// router's in-page "no access" message is the interactive (circuit) counterpart, covered by the browser
/// tests. A cell that is let through may still be narrowed by the service to the visitor's units (a manager
/// and the company's scorecard): the gate is the door, the service the lock.
/// </remarks>
public abstract partial class AuthorizationMatrixTests(EntraPortal factory)
{
    public const string Anonymous = "Anonymous";

    public static IEnumerable<string> VisitorNames => [Anonymous, .. Enum.GetNames<PortalRole>()];

    public static TheoryData<PortalRole> Roles => new(Enum.GetValues<PortalRole>());

    public static TheoryData<string> Visitors => new(VisitorNames);

    /// <summary>Every cell: each row that is reachable over HTTP (commands are not) with each visitor.</summary>
    public static TheoryData<string, string, string> Cells
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in PermissionMatrix.All.Where(r => r.Kind != MatrixKind.Command))
                foreach (var visitor in VisitorNames) data.Add(row.Method, row.Address, visitor);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cells), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task Each_cell_of_the_matrix_is_allowed_or_refused_as_its_row_says(string method, string address, string visitor)
    {
        var row = PermissionMatrix.All.Single(r => r.Method == method && r.Address == address);
        var role = Role(visitor);
        var probe = ProbeFor(row);
        using var own = probe.OwnClient ? await NewClientAsync(role) : null;
        var client = own ?? await ClientAsync(visitor);

        using var response = await probe.Send(client);

        if (row.Allows(role)) await probe.Allowed(response, role);
        else await AssertRefusedAsync(row, probe.Url, role, client, response);
    }

    /// <summary>How the walk calls a row, and what its answer looks like when the visitor is let through.</summary>
    /// <param name="OwnClient">The call changes the client's session (sign-out): a fresh client per cell.</param>
    private sealed record Probe(string Url, Func<PortalClient, Task<HttpResponseMessage>> Send, Func<HttpResponseMessage, PortalRole?, Task> Allowed, bool OwnClient = false);

    private static Probe Get(string url, Func<HttpResponseMessage, PortalRole?, Task> allowed) => new(url, c => c.GetAsync(url), allowed);

    private static Probe Get(string url, Action<HttpResponseMessage, PortalRole?> allowed) =>
        Get(url, (r, role) => { allowed(r, role); return Task.CompletedTask; });

    private Probe ProbeFor(MatrixEntry row) => (row.Kind, row.Method, row.Address) switch
    {
        (MatrixKind.Page, "GET", _) => Get(row.Address, (response, _) => PageShownAsync(row, response)),
        (MatrixKind.Endpoint, "GET", "/health" or "/health/live") => Get(row.Address, async (response, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }),
        (MatrixKind.Endpoint, "GET", "/culture/set") => Get("/culture/set?culture=en&redirectUri=%2Forganisation%2Fpeople",
            (response, _) => Assert.Equal("/organisation/people", PortalClient.RedirectTarget(response))),
        // English again: the shared clients ask for English anyway, so storing it changes nothing the other cells see.
        (MatrixKind.Endpoint, "POST", "/culture/set") => new(row.Address,
            async c => await c.Http.PostAsync(row.Address, new FormUrlEncodedContent([await TokenAsync(c), new("culture", "en"), new("redirectUri", "/organisation/people")])),
            (response, _) => { Assert.Equal("/organisation/people", PortalClient.RedirectTarget(response)); return Task.CompletedTask; }),
        (MatrixKind.Endpoint, "POST", "/account/logout") => new(row.Address,
            async c => await c.Http.PostAsync(row.Address, new FormUrlEncodedContent([await TokenAsync(c)])),
            (response, _) => { Assert.Equal(AccessEndpoints.SignedOutPath, PortalClient.RedirectTarget(response)); return Task.CompletedTask; },
            OwnClient: true),
        (MatrixKind.Endpoint, "GET", "/account/login/entra") => Get(row.Address,
            (response, _) => Assert.StartsWith(factory.Oidc.AuthorizationEndpoint + "?", response.Headers.Location?.AbsoluteUri ?? "(no redirect)", StringComparison.Ordinal)),
        (MatrixKind.Endpoint, "GET", "/organisation/people/1/export") => Get(row.Address, async (response, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"person\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }),
        (MatrixKind.Endpoint, "POST", CustomerScoreEndpoints.Path) => new(row.Address,
            c => c.Http.PostAsync(row.Address, new StringContent("[]", Encoding.UTF8, "application/json")),
            (_, _) => throw new Xunit.Sdk.XunitException("The API takes an API key, never a cookie: no visitor may be let through.")),
        // The people import API and SCIM take an API key (SCIM: as the bearer token), never a cookie.
        (MatrixKind.Endpoint, _, var address) when address == PeopleImportEndpoints.Path || address.StartsWith(ScimEndpoints.Path + "/", StringComparison.Ordinal) => new(row.Address,
            c => c.Http.SendAsync(new HttpRequestMessage(new HttpMethod(row.Method), row.Address)
            {
                Content = row.Method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
            }),
            (_, _) => throw new Xunit.Sdk.XunitException("The API takes an API key, never a cookie: no visitor may be let through.")),
        // Round 1 of the demo pulse (closed, answered by every unit): a CSV of the units the visitor may see.
        (MatrixKind.Endpoint, "GET", "/engagement/results/1/export") => Get(row.Address, async (response, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(';', await response.Content.ReadAsStringAsync());
        }),
        // The demo company has issued no scorecard yet: the endpoint itself answers that file 1 does not exist
        // (a problem document, not the status page of an unknown address). Downloads: ScorecardIssuingTests.
        (MatrixKind.Endpoint, "GET", "/scorecards/files/1") => Get(row.Address, (response, _) =>
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }),
        // The company's draft: a director gets the PDF; a manager may read scorecards, but only of their own units.
        (MatrixKind.Endpoint, "GET", "/scorecards/draft") => Get("/scorecards/draft?quarter=2026-Q3&lang=nl", (response, role) =>
        {
            if (role == PortalRole.Manager) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            else Assert.Equal(("application/pdf", HttpStatusCode.OK), (response.Content.Headers.ContentType?.MediaType, response.StatusCode));
        }),
        // Without a state the handler cannot tie the answer to a sign-in it started: the refusal page.
        (MatrixKind.Callback, "GET", "/signin-oidc") => Get(row.Address,
            (response, _) => Assert.Equal(EntraSetup.RefusedPath(EntraRefusal.Failed), PortalClient.RedirectTarget(response))),
        // Without a state there is no sign-out to finish: the handler ends the request itself, with nothing in it
        // (no page of the portal, no sign-in redirect).
        (MatrixKind.Callback, "GET", "/signout-callback-oidc") => Get(row.Address, async (response, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }),
        // A token that is not one the portal signed: refused with a plain 400 (a valid one: UnsubscribeTests).
        (MatrixKind.Endpoint, "POST", "/mail/unsubscribe/x") => new(row.Address,
            c => c.Http.PostAsync(row.Address, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])),
            (response, _) => { Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); return Task.CompletedTask; }),
        _ => throw new Xunit.Sdk.XunitException($"The walk does not know how to call {row.Method} {row.Address}: add a probe to AuthorizationMatrixTests.ProbeFor."),
    };

    /// <summary>An allowed page: 200, the page itself (its title), no refusal in it; a menu page is in the visitor's menu.</summary>
    private static async Task PageShownAsync(MatrixEntry row, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(Page.Heading(html)), "the page renders its title");
        // (The open pages include the refusal page itself.)
        if (row.Gate != MatrixGate.Everyone) Assert.False(Page.HasTestId(html, "access-denied"));
        if (PermissionMatrix.NavigationPages.Any(n => n.Address == row.Address)) Assert.Contains(NavLinks(html), href => href == row.Address);
    }

    private static async Task AssertRefusedAsync(MatrixEntry row, string url, PortalRole? role, PortalClient client, HttpResponseMessage response)
    {
        if (row.Gate == MatrixGate.ApiKey)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return;
        }
        if (role is null)
        {
            Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(url)}", PortalClient.RedirectTarget(response));
            return;
        }
        Assert.Equal($"/account/access-denied?ReturnUrl={Uri.EscapeDataString(url)}", PortalClient.RedirectTarget(response));
        Assert.Empty(await response.Content.ReadAsStringAsync());
        if (row.Kind != MatrixKind.Page) return;
        var refusal = await client.GetPageAsync(PortalClient.RedirectTarget(response));
        Assert.True(Page.HasTestId(refusal, "access-denied"));
        Assert.DoesNotContain(NavLinks(refusal), href => href == row.Address);
    }

    /// <summary>An antiforgery token as a page the visitor can open carries it (sign-in form, or the sign-out form).</summary>
    private static async Task<KeyValuePair<string, string>> TokenAsync(PortalClient client)
    {
        using var home = await client.GetAsync("/");
        var page = home.StatusCode == HttpStatusCode.OK ? await home.Content.ReadAsStringAsync() : await client.GetPageAsync(PortalClient.LoginPath);
        return HtmlForm.All(page).SelectMany(f => f.HiddenFields).First(f => f.Key == "__RequestVerificationToken");
    }

    private async Task<PortalClient> NewClientAsync(PortalRole? role) =>
        role is { } r ? await factory.SignedInClientAsync(PortalFactory.DemoAccount(r).Email) : factory.CreatePortalClient();

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
        // Callbacks are answered by the OpenID Connect handler before routing: rows, but not routes.
        var covered = PermissionMatrix.All.Where(r => r.Kind is MatrixKind.Page or MatrixKind.Endpoint).Select(r => r.Address).ToList();

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

public sealed class AuthorizationMatrixTests_Sqlite(SqliteEntraProvisioningPortal factory) : AuthorizationMatrixTests(factory), IClassFixture<SqliteEntraProvisioningPortal>;
public sealed class AuthorizationMatrixTests_PostgreSql(PostgreSqlEntraProvisioningPortal factory) : AuthorizationMatrixTests(factory), IClassFixture<PostgreSqlEntraProvisioningPortal>;
