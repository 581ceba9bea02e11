using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

public static class IdentityRegistration
{
    public const int MinimumPasswordLength = 12;

    /// <summary>Identity stores, password and lock-out policy. The cookie schemes are the host's (Web) business.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);

        services.AddScoped<AccountService>();
        services.AddScoped<IAccountService>(sp => sp.GetRequiredService<AccountService>());
        services.AddScoped<IUserPreferencesStore>(sp => sp.GetRequiredService<AccountService>());
        services.AddScoped<Application.Notifications.IAccountCultures>(sp => sp.GetRequiredService<AccountService>());
        services.AddScoped<AccountInvitations>();
        services.AddScoped<IAccountInvitations>(sp => sp.GetRequiredService<AccountInvitations>());
        services.AddSignInSessions();
        services.AddScoped<IEntraSignIn, EntraAccountMatcher>();
        services.AddScoped<IUserContextSource, UserContextSource>();
        return services;
    }
}
