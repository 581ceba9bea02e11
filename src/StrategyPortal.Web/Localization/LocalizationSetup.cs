using StrategyPortal.Application.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace StrategyPortal.Web.Localization;

public static class LocalizationSetup
{
    public static readonly string[] SupportedCultures = ["nl", "en"];

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization();
        var configured = configuration["Portal:DefaultCulture"];
        var defaultCulture = SupportedCultures.Contains(configured) ? configured! : "nl";
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = PortalCultures.All.ToList();
            options.DefaultRequestCulture = new RequestCulture(defaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The user's own choice (cookie, kept in step with their account) wins over the browser's languages.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static string Normalise(string? culture) =>
        SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? SupportedCultures[0];

    public static void WriteCultureCookie(HttpResponse response, string culture)
    {
        var policy = Access.CookieSecurity.PolicyFor(response.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>());
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax,
                Secure = Access.CookieSecurity.IsSecure(policy, response.HttpContext.Request),
            });
    }
}
