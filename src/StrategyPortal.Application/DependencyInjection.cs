using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Actions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
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
        services.AddScoped<RoundAudienceRecorder>();
        services.AddScoped<PulseAnswerService>();
        services.AddScoped<EngagementResultsService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<AuditService>();
        services.AddScoped<PrivacyService>();
        services.AddScoped<CustomerScoreService>();
        services.AddScoped<CustomerScoreImportService>();
        services.AddScoped<People.PeoplePlanner>();
        services.AddScoped<People.PeoplePlanApplier>();
        services.AddScoped<People.PeopleWriter>();
        services.AddScoped<People.PeopleImportService>();
        services.AddScoped<People.ScimService>();
        services.AddScoped<People.DayOneService>();
        // Engagement for the engagement × customer view and the scorecards: the pulse results, with their anonymity rules.
        services.TryAddScoped<IUnitEngagementSource, PulseUnitEngagementSource>();
        services.AddScoped<PromiseCheckRunner>();
        services.AddScoped<PromiseReasonText>();
        services.AddScoped<PromiseService>();
        services.AddScoped<CapabilityService>();
        services.AddScoped<SignalService>();
        // Registered before any TryAdd of the NoScorecardPromiseSource default, so scorecards read real promises.
        services.AddScoped<IScorecardPromiseSource, PromiseScorecardSource>();
        // Scorecards: the data builder runs without a signed-in user (command line, background issuing).
        services.AddScoped<IScorecardDataBuilder, ScorecardDataBuilder>();
        services.AddScoped<ScorecardUnits>();
        services.AddScoped<ScorecardService>();
        services.AddScoped<ScorecardIssueRunner>();
        services.AddSingleton<ScorecardIssueSignal>();
        services.AddScoped<ActionCauses>();
        services.AddScoped<UnownedFinder>();
        services.AddScoped<ActionService>();
        services.AddScoped<IScorecardActionSource, ActionScorecardSource>();
        // Until the promises feature registers its source, scorecards say "no promises registered".
        services.TryAddScoped<IScorecardPromiseSource, NoScorecardPromiseSource>();
        // Notifications: notices are queued in the outbox with the change that causes them and rendered when sent.
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<NoticeOutbox>();
        services.AddScoped<Notices>();
        services.AddScoped<PulseReminders>();
        services.AddScoped<ActionReminders>();
        services.AddScoped<ScorecardAttachments>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<NoticeRenderer>();
        services.AddScoped<MailAdminService>();
        services.AddScoped<NoticeSettingsService>();
        services.AddScoped<Home.HomeService>();
        return services;
    }
}
