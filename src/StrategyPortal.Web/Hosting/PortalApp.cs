using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using StrategyPortal.Application;
using StrategyPortal.Infrastructure;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Components;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Localization;
using StrategyPortal.Web.People;
using StrategyPortal.Web.Scorecards;

namespace StrategyPortal.Web.Hosting;

/// <summary>The composition root. Tests build the same app through <see cref="Build"/>.</summary>
public static class PortalApp
{
    /// <summary>The commands of the executable (besides starting the portal); listed in the permission matrix.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["migrate", Scorecards.ScorecardCommand.Name, ApiKeyCommand.Name];

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        var app = Build(command is null ? args : args[1..]);
        switch (command)
        {
            case null:
                await app.Services.GetRequiredService<DatabaseInitializer>()
                    .InitialiseAsync(app.Services.GetRequiredService<DemoOptions>().DemoData);
                await app.RunAsync();
                return 0;
            case "migrate":
                await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                return 0;
            case ScorecardCommand.Name:
                return await ScorecardCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
            case ApiKeyCommand.Name:
                return await ApiKeyCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: {string.Join(", ", Commands)}. Without a command the portal starts.");
                return 2;
        }
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // A redirect from a static page (NavigateTo after a form post) without throwing NavigationException through
        // the renderer; every NavigateTo in the static pages is the last thing its handler does.
        AppContext.SetSwitch("Microsoft.AspNetCore.Components.Endpoints.NavigationManager.DisableThrowNavigationException", true);
        // No file watching of the content root: the SQLite data folder lies below it, and every write would wake
        // the configuration's recursive watcher. Settings change by restarting the instance (docs/operations.md).
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        configure?.Invoke(builder);
        var forwarded = builder.Services.AddPortalForwardedHeaders(builder.Configuration);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app, forwarded);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, PortalMudLocalizer>();
        services.AddHttpContextAccessor();
        services.AddScoped<Components.Shared.UiErrors>();
        services.AddScoped<Access.AuditFormat>();
        services.AddScoped<Actions.ActionFormat>();

        services.AddPortalApplication();
        services.AddPortalInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);

        services.AddPortalLocalization(builder.Configuration);
        services.AddPortalAuthentication(builder.Configuration, builder.Environment);
        services.AddApiKeyAuthentication();
        services.AddPortalRateLimits(builder.Configuration);
        services.AddPortalDataProtection(builder.Configuration);
    }

    private static void ConfigurePipeline(WebApplication app, ForwardedHeadersSettings forwarded)
    {
        // Before anything reads the scheme or the client's address.
        app.UsePortalForwardedHeaders(forwarded);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HubOriginCheck>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<RefusedSignInCookie>();
        app.UseMiddleware<AuthenticationStateBridge>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseMiddleware<StrategyPortal.Web.Engagement.PulseAnswerPost>();
        app.UseMiddleware<StrategyPortal.Web.Notifications.UnsubscribePost>();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapAccessEndpoints();
        app.MapCultureEndpoints();
        app.MapCustomerScoreEndpoints();
        app.MapScorecardEndpoints();
        app.MapEngagementEndpoints();
        app.MapPrivacyEndpoints();
        app.MapPeopleImportEndpoints();
        app.MapScimEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
