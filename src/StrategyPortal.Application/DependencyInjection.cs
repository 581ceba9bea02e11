using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Standards;
using StrategyPortal.Application.Strategy;

namespace StrategyPortal.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddPortalApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped);
        services.AddScoped<MessageText>();
        services.AddScoped<AccessScope>();
        services.AddScoped<SetupService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<StrategyService>();
        services.AddScoped<StandardsService>();
        services.AddScoped<ResultsImportService>();
        services.AddMemoryCache();
        services.AddScoped<QuestionBankService>();
        services.AddScoped<PulseScheduleService>();
        services.AddScoped<PulseAnswerService>();
        services.AddScoped<EngagementResultsService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AuditService>();
        services.AddScoped<PrivacyService>();
        services.AddScoped<CustomerScoreService>();
        services.AddScoped<CustomerScoreImportService>();
        // Until the pulses feature registers the real source, the engagement × customer view shows "not available yet".
        services.TryAddScoped<IUnitEngagementSource, NoUnitEngagementSource>();
        return services;
    }
}
