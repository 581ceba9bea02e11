using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Infrastructure.CustomerScores;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(configuration, contentRoot);
        services.AddPortalIdentity();

        var demo = new DemoOptions();
        configuration.GetSection("Portal").Bind(demo);
        services.AddSingleton(demo);
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<IDemoSeedStep, OrganisationDemoSeed>();
        services.AddScoped<ICustomerScoreWriter, CustomerScoreWriter>();
        services.AddScoped<IDemoSeedStep, CustomerScoreDemoSeed>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
