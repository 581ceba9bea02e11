using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Infrastructure.CustomerScores;
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

        var engagement = new EngagementOptions();
        configuration.GetSection(EngagementOptions.Section).Bind(engagement);
        services.AddSingleton(engagement);
        services.AddScoped<IDemoSeedStep, EngagementDemoSeed>();
        services.AddHostedService<PulseRoundScheduler>();
        services.AddScoped<ICustomerScoreWriter, CustomerScoreWriter>();
        services.AddScoped<IDemoSeedStep, CustomerScoreDemoSeed>();
        services.AddScoped<Application.Access.IPersonErasure, Access.PersonErasure>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
