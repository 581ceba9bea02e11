using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Web.Access;

public static class AuthenticationSetup
{
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = CookieSecurity.PolicyFor(environment);
        var entra = configuration.GetSection(EntraOptions.Section).Get<EntraOptions>() ?? new EntraOptions();
        services.Configure<EntraOptions>(configuration.GetSection(EntraOptions.Section));
        services.Configure<LocalAccountOptions>(configuration.GetSection(LocalAccountOptions.Section));
        services.AddScoped<EntraSignIn>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingStateProvider>();
        services.AddScoped<ICurrentUser, CurrentUser>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        if (entra.Enabled) services.AddAuthentication().AddEntraSignIn(configuration.GetSection(EntraOptions.Section), secure);
        // Every Identity cookie (application, external, two-factor) and the antiforgery cookie: Secure outside Development.
        services.ConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = secure);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = secure);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "sp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = SignInSessionOptions.SignInLifetime;
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = ApiAwareRedirect(StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = ApiAwareRedirect(StatusCodes.Status403Forbidden);
            options.UseServerSessions();
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = ServerSessions.KeepSessionOnRefresh;
        });

        services.AddAuthorization(options =>
        {
            foreach (var permission in Permission.All)
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(PortalClaims.Permission, permission));
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return services;
    }

    /// <summary>APIs and health answer with a status code; pages redirect to sign-in or the refusal page.</summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> ApiAwareRedirect(int statusCode) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
}

/// <summary>
/// Hands the request's user to Blazor's authentication state for plain endpoints too, so
/// <see cref="ICurrentUser"/> answers the same way in pages, circuits and minimal APIs.
/// </summary>
public sealed class AuthenticationStateBridge(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, AuthenticationStateProvider provider)
    {
        if (provider is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        return next(context);
    }
}
