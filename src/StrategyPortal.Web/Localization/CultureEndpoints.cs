using System.Globalization;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Localization;

public static class CultureEndpoints
{
    /// <summary>
    /// GET /culture/set?culture=nl&amp;redirectUri=/people — switches the language (a full page load,
    /// so every string is rendered again) and remembers it on the account of a signed-in user.
    /// </summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (string? culture, string? redirectUri, HttpContext http, ICurrentUser currentUser, IUserPreferencesStore preferences) =>
        {
            var chosen = LocalizationSetup.Normalise(culture);
            LocalizationSetup.WriteCultureCookie(http.Response, chosen);
            var user = await currentUser.GetAsync(http.RequestAborted);
            if (user.PersonId is { } personId) await preferences.SetCultureAsync(personId, chosen, http.RequestAborted);
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();
    }

    internal static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal);
}
