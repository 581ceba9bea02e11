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
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();

        // A form parameter makes the endpoint demand an antiforgery token (UseAntiforgery checks it).
        endpoints.MapPost(Path, async ([FromForm] string? culture, [FromForm] string? redirectUri, HttpContext http, ICurrentUser currentUser, IUserPreferencesStore preferences) =>
        {
            var chosen = LocalizationSetup.Normalise(culture);
            LocalizationSetup.WriteCultureCookie(http.Response, chosen);
            var user = await currentUser.GetAsync(http.RequestAborted);
            if (user.PersonId is { } personId) await preferences.SetCultureAsync(personId, chosen, http.RequestAborted);
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();
    }

    /// <summary>The GET that switches this browser to <paramref name="culture"/> and returns to <paramref name="redirectUri"/>.</summary>
    public static string LinkFor(string culture, string redirectUri) =>
        $"{Path}?culture={culture}&redirectUri={Uri.EscapeDataString(redirectUri)}";

    internal static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal);
}
