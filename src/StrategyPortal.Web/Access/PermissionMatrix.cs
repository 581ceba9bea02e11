using System.Text;
using StrategyPortal.Domain.Access;
using StrategyPortal.Web.Components.Layout;

namespace StrategyPortal.Web.Access;

public enum MatrixKind
{
    Page,
    Endpoint,

    /// <summary>An address the OpenID Connect handler answers itself (not a route of the app).</summary>
    Callback,

    Command,
}

/// <summary>What lets a visitor through.</summary>
public enum MatrixGate
{
    /// <summary>Everyone, signed in or not.</summary>
    Everyone,

    /// <summary>Every signed-in user, whatever the role.</summary>
    SignedIn,

    /// <summary>A role that is granted <see cref="MatrixEntry.Permission"/> in <see cref="RolePermissions"/>.</summary>
    Permission,

    /// <summary>An API key with the scope in <see cref="MatrixEntry.Permission"/>; a sign-in cookie is never accepted.</summary>
    ApiKey,

    /// <summary>Someone who can start the portal's process on the host (a release step), never a portal role.</summary>
    HostOperator,
}

/// <summary>One row of the permission matrix: a page, an endpoint, a callback or a command, and who may use it.</summary>
/// <param name="Note">What the table says besides the gate (e.g. when the row only answers with Entra sign-in on).</param>
public sealed record MatrixEntry(MatrixKind Kind, string Address, MatrixGate Gate, string? Permission = null, string Method = "GET", string? Note = null)
{
    /// <summary>Whether a visitor (null: anonymous) gets through with a sign-in cookie.</summary>
    public bool Allows(PortalRole? role) => Gate switch
    {
        MatrixGate.Everyone => true,
        MatrixGate.SignedIn => role is not null,
        MatrixGate.Permission => role is { } r && RolePermissions.Allows(r, Permission!),
        _ => false,
    };

    public string Needs => (Gate switch
    {
        MatrixGate.Everyone => "everyone",
        MatrixGate.SignedIn => "signed in",
        MatrixGate.Permission => $"`{Permission}`",
        MatrixGate.ApiKey => $"API key with scope `{Permission}`",
        _ => "host operator",
    }) + (Note is null ? string.Empty : $" ({Note})");
}

/// <summary>
/// The permission matrix: every page, endpoint, callback and command with what it needs. The menu pages come
/// from <see cref="Navigation.Items"/>; everything else is listed here. The table in
/// <c>docs/security.md</c> is generated from this class (a test fails when the two differ), and the
/// authorization matrix test walks every row for every visitor over HTTP — so the docs, the tests and the app cannot drift.
/// </summary>
/// <remarks>
/// Adding a page: a menu page is one line in <see cref="Navigation.Items"/>; a page outside the menu is
/// one line in <see cref="PermissionPages"/> (or <see cref="OpenPages"/>); an endpoint one line in
/// <see cref="Endpoints"/> and a probe in the authorization matrix test (how to call it). Then regenerate the doc
/// table (the failing test prints it).
/// </remarks>
public static class PermissionMatrix
{
    /// <summary>Pages outside the menu that every visitor may open. A route with parameters is listed by an example address.</summary>
    public static IReadOnlyList<string> OpenPages { get; } =
        ["/account/access-denied", "/account/login", "/account/setup", "/account/signin-refused", "/not-found", "/error", "/status/404",
            // Reached from e-mails, without signing in: a set-your-password link, a one-click unsubscribe link and a personal
            // pulse link (their tokens prove it; an unknown token gets a page that says so).
            "/account/set-password", "/mail/unsubscribe/x", "/pulses/1/link/x"];

    /// <summary>
    /// Pages outside the menu (reached from a menu page) with the permission each needs. A route with
    /// parameters is listed by an example address that exists in the demo company.
    /// </summary>
    public static IReadOnlyList<(string Address, string Permission)> PermissionPages { get; } =
    [
        ("/standards/catalogue", Permission.StandardsRead),
        // Standard 1 belongs to the demo Klantenservice.
        ("/standards/1", Permission.StandardsRead),
        // Round 1 of the demo pulse (closed): the static answering page answers 200 with its status.
        ("/pulses/1", Permission.EngagementAnswer),
        // Promise 1 is a demo promise.
        ("/promises/1", Permission.PromisesRead),
        // Action 1 is a demo action (of Webcare); a new action needs a cause in its address (without one the page says so).
        ("/actions/1", Permission.ActionsRead),
        ("/actions/new", Permission.ActionsManage),
        // Person 1 is a demo person.
        ("/organisation/people/1/privacy", Permission.PrivacyManage),
    ];

    /// <summary>Endpoints that are not pages.</summary>
    public static IReadOnlyList<MatrixEntry> Endpoints { get; } =
    [
        new(MatrixKind.Endpoint, "/health", MatrixGate.Everyone),
        new(MatrixKind.Endpoint, "/health/live", MatrixGate.Everyone),
        // GET: this browser's language cookie only; POST (antiforgery): also the signed-in user's stored choice.
        new(MatrixKind.Endpoint, "/culture/set", MatrixGate.Everyone),
        new(MatrixKind.Endpoint, "/culture/set", MatrixGate.Everyone, Method: "POST"),
        new(MatrixKind.Endpoint, "/account/logout", MatrixGate.Everyone, Method: "POST"),
        // Starts the Entra ID sign-in: a redirect to the provider.
        new(MatrixKind.Endpoint, "/account/login/entra", MatrixGate.Everyone, Note: EntraOnly + "; else 404"),
        new(MatrixKind.Endpoint, "/organisation/people/1/export", MatrixGate.Permission, Permission.PrivacyManage),
        new(MatrixKind.Endpoint, "/api/v1/customer-scores", MatrixGate.ApiKey, ApiScopes.CustomerScoresImport, Method: "POST"),
        new(MatrixKind.Endpoint, "/api/v1/people/import", MatrixGate.ApiKey, ApiScopes.PeopleImport, Method: "POST"),
        // SCIM 2.0 for Entra provisioning: the key is the bearer token.
        new(MatrixKind.Endpoint, "/scim/v2/ServiceProviderConfig", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/ResourceTypes", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/ResourceTypes/User", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/Schemas", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/Users", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/Users", MatrixGate.ApiKey, ApiScopes.ScimProvision, Method: "POST"),
        new(MatrixKind.Endpoint, "/scim/v2/Users/1", MatrixGate.ApiKey, ApiScopes.ScimProvision),
        new(MatrixKind.Endpoint, "/scim/v2/Users/1", MatrixGate.ApiKey, ApiScopes.ScimProvision, Method: "PUT"),
        new(MatrixKind.Endpoint, "/scim/v2/Users/1", MatrixGate.ApiKey, ApiScopes.ScimProvision, Method: "PATCH"),
        new(MatrixKind.Endpoint, "/scim/v2/Users/1", MatrixGate.ApiKey, ApiScopes.ScimProvision, Method: "DELETE", Note: "deactivates"),
        new(MatrixKind.Endpoint, "/scim/v2/Groups", MatrixGate.ApiKey, ApiScopes.ScimProvision, Note: "and every other address below /scim/v2: a SCIM 404"),
        // The results CSV of a round (managers: only rounds with their units; the service checks the scope).
        new(MatrixKind.Endpoint, "/engagement/results/1/export", MatrixGate.Permission, Permission.EngagementResults),
        // Issued scorecard PDFs and drafts (managers: only their own units' scorecards; the service checks the scope).
        new(MatrixKind.Endpoint, "/scorecards/files/1", MatrixGate.Permission, Permission.ScorecardsRead),
        new(MatrixKind.Endpoint, "/scorecards/draft", MatrixGate.Permission, Permission.ScorecardsRead),
        // RFC 8058 one-click unsubscribe: a mail program posts without cookies or antiforgery token; the signed token is the proof.
        new(MatrixKind.Endpoint, "/mail/unsubscribe/x", MatrixGate.Everyone, Method: "POST"),
    ];

    private const string EntraOnly = "with Entra sign-in on";

    /// <summary>
    /// Where Entra sends the browser back after sign-in and sign-out (the <c>AzureAd</c> section's defaults). The
    /// OpenID Connect handler answers them before routing, for every visitor, while Entra sign-in is on.
    /// </summary>
    public static IReadOnlyList<MatrixEntry> Callbacks { get; } =
    [
        new(MatrixKind.Callback, new EntraOptions().CallbackPath, MatrixGate.Everyone, Note: "the OpenID Connect handler, " + EntraOnly),
        new(MatrixKind.Callback, new EntraOptions().SignedOutCallbackPath, MatrixGate.Everyone, Note: "the OpenID Connect handler, " + EntraOnly),
    ];

    /// <summary>Commands of the portal's executable (<c>StrategyPortal.Web &lt;command&gt;</c>).</summary>
    public static IReadOnlyList<MatrixEntry> Commands { get; } =
    [
        new(MatrixKind.Command, "migrate", MatrixGate.HostOperator, Method: "CLI"),
        new(MatrixKind.Command, "scorecard", MatrixGate.HostOperator, Method: "CLI"),
        new(MatrixKind.Command, "api-key", MatrixGate.HostOperator, Method: "CLI"),
    ];

    public static IEnumerable<MatrixEntry> NavigationPages =>
        Navigation.Items.Select(i => i.Permission is null
            ? new MatrixEntry(MatrixKind.Page, i.Href, MatrixGate.SignedIn)
            : new MatrixEntry(MatrixKind.Page, i.Href, MatrixGate.Permission, i.Permission));

    public static IEnumerable<MatrixEntry> Pages =>
        NavigationPages
            .Concat(PermissionPages.Select(p => new MatrixEntry(MatrixKind.Page, p.Address, MatrixGate.Permission, p.Permission)))
            .Concat(OpenPages.Select(p => new MatrixEntry(MatrixKind.Page, p, MatrixGate.Everyone)));

    /// <summary>Every row, in the order of the table.</summary>
    public static IEnumerable<MatrixEntry> All => Pages.Concat(Endpoints).Concat(Callbacks).Concat(Commands);

    public const string TableStart = "<!-- permission-matrix:start (generated from PermissionMatrix.cs; do not edit by hand) -->";
    public const string TableEnd = "<!-- permission-matrix:end -->";

    /// <summary>The markdown of <c>docs/security.md</c> between <see cref="TableStart"/> and <see cref="TableEnd"/>.</summary>
    public static string Markdown()
    {
        var roles = Enum.GetValues<PortalRole>();
        var text = new StringBuilder();
        text.Append("### Pages, endpoints and commands\n\n");
        text.Append("| Kind | Method | Address | Needs | Anonymous | ").Append(string.Join(" | ", roles)).Append(" |\n");
        text.Append("|---|---|---|---|---|").Append(string.Concat(roles.Select(_ => "---|"))).Append('\n');
        foreach (var row in All)
        {
            text.Append($"| {row.Kind} | {row.Method} | `{row.Address}` | {row.Needs} | {Cell(row.Allows(null))} | ");
            text.Append(string.Join(" | ", roles.Select(r => Cell(row.Allows(r))))).Append(" |\n");
        }
        text.Append("\n### Permissions by role\n\n");
        text.Append("| Permission | ").Append(string.Join(" | ", roles)).Append(" |\n");
        text.Append("|---|").Append(string.Concat(roles.Select(_ => "---|"))).Append('\n');
        foreach (var permission in Permission.All)
            text.Append($"| `{permission}` | ").Append(string.Join(" | ", roles.Select(r => Cell(RolePermissions.Allows(r, permission))))).Append(" |\n");
        return text.ToString();
    }

    private static string Cell(bool allowed) => allowed ? "✓" : "—";
}
