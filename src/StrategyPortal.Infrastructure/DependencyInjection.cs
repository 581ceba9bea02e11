using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;
using StrategyPortal.Infrastructure.Standards;

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
        services.AddScoped<IDemoSeedStep, StandardsDemoSeed>();
        services.AddSingleton<Application.Standards.IResultsFileReader, CsvResultsFileReader>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
