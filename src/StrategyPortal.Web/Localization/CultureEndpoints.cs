using Microsoft.AspNetCore.Mvc;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Localization;

public static class CultureEndpoints
{
    public const string Path = "/culture/set";

    /// <summary>
    /// <c>GET /culture/set?culture=nl&amp;redirectUri=/people</c> switches the language of this browser (a cookie and a
    /// full page load, so every string is rendered again) and changes nothing stored: a link on another site may
    /// send a GET. <c>POST /culture/set</c> (a form with an antiforgery token: fields <c>culture</c> and
    /// <c>redirectUri</c>) also remembers the choice on the account of a signed-in user. The interactive pages'
    /// switch stores the choice through the circuit and then loads the GET.
    /// </summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? culture, string? redirectUri, HttpContext http) =>
        {
            LocalizationSetup.WriteCultureCookie(http.Response, LocalizationSetup.Normalise(culture));
            return Results.LocalRedirect(LocalTarget(redirectUri));
        }).AllowAnonymous();

        // A form parameter makes the endpoint demand an antiforgery token (UseAntiforgery checks it).
        endpoints.MapPost(Path, async ([FromForm] string? culture, [FromForm] string? redirectUri, HttpContext http, ICurrentUser currentUser, IUserPreferencesStore preferences) =>
        {
            var chosen = LocalizationSetup.Normalise(culture);
            LocalizationSetup.WriteCultureCookie(http.Response, chosen);
            var user = await currentUser.GetAsync(http.RequestAborted);
            if (user.PersonId is { } personId) await preferences.SetCultureAsync(personId, chosen, http.RequestAborted);
            return Results.LocalRedirect(LocalTarget(redirectUri));
        }).AllowAnonymous();
    }

    /// <summary>The GET that switches this browser to <paramref name="culture"/> and returns to <paramref name="redirectUri"/>.</summary>
    public static string LinkFor(string culture, string redirectUri) =>
        $"{Path}?culture={culture}&redirectUri={Uri.EscapeDataString(redirectUri)}";

    /// <summary>The longest return address the portal follows; anything longer is not one of its own pages.</summary>
    public const int MaxLocalUrlLength = 2048;

    /// <summary>
    /// A path on this portal (<c>/…</c>): not another site (<c>//host</c>, <c>/\host</c>), no control characters (a
    /// header cannot carry them, and browsers drop tabs and newlines, so <c>/\t/host</c> would become <c>//host</c>),
    /// no backslash at all, and not longer than <see cref="MaxLocalUrlLength"/>.
    /// </summary>
    internal static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.Length <= MaxLocalUrlLength && uri[0] == '/'
        && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'))
        && !uri.Any(c => char.IsControl(c) || c == '\\');

    /// <summary>
    /// Where a redirect to <paramref name="uri"/> may go: the address itself when it is local, with characters outside
    /// printable ASCII percent-encoded (a Location header carries ASCII only); else the home page.
    /// </summary>
    public static string LocalTarget(string? uri)
    {
        if (!IsLocal(uri)) return "/";
        var target = uri!;
        if (target.All(c => c is > ' ' and < (char)0x7F)) return target;
        var encoded = new System.Text.StringBuilder(target.Length + 16);
        foreach (var rune in target.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F) encoded.Append((char)rune.Value);
            else foreach (var b in System.Text.Encoding.UTF8.GetBytes(rune.ToString())) encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
