using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.People;

namespace StrategyPortal.Infrastructure.People;

public static class PeopleRegistration
{
    /// <summary>People import and SCIM provisioning: their settings and the accounts they keep in step.</summary>
    public static IServiceCollection AddPortalPeople(this IServiceCollection services, IConfiguration configuration)
    {
        var people = new PeopleOptions();
        configuration.GetSection(PeopleOptions.Section).Bind(people);
        services.AddSingleton(people);
        var scim = new ScimOptions();
        configuration.GetSection(ScimOptions.Section).Bind(scim);
        services.AddSingleton(scim);
        services.AddScoped<IPeopleAccounts, PeopleAccounts>();
        return services;
    }
}
