using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Infrastructure.CustomerScores;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Pdf;
using StrategyPortal.Infrastructure.People;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Scorecards;
using StrategyPortal.Infrastructure.Seeding;
using StrategyPortal.Infrastructure.Standards;
using StrategyPortal.Infrastructure.Notifications;

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
        services.AddSingleton<AnswerMixer>();
        services.AddSingleton<IPulseAnswerStore, PulseAnswerStore>();
        services.AddHostedService<PulseRoundScheduler>();
        services.AddScoped<ICustomerScoreWriter, CustomerScoreWriter>();
        services.AddScoped<IDemoSeedStep, CustomerScoreDemoSeed>();
        var scorecards = new Application.Scorecards.ScorecardOptions();
        configuration.GetSection(Application.Scorecards.ScorecardOptions.Section).Bind(scorecards);
        services.AddSingleton(scorecards);
        services.AddHostedService<ScorecardIssueWorker>();

        var promises = new Application.Promises.PromiseOptions();
        configuration.GetSection(Application.Promises.PromiseOptions.Section).Bind(promises);
        services.AddSingleton(promises);
        services.AddScoped<IDemoSeedStep, Promises.PromisesDemoSeed>();
        services.AddHostedService<Promises.PromiseRecheckScheduler>();
        services.AddScoped<Application.Access.IPersonErasure, Access.PersonErasure>();

        var actions = new Application.Actions.ActionOptions();
        configuration.GetSection(Application.Actions.ActionOptions.Section).Bind(actions);
        services.AddSingleton(actions);
        services.AddScoped<IDemoSeedStep, Actions.ActionsDemoSeed>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddPortalPeople(configuration);

        // PDF: fonts are loaded (and subset) once; a missing font file stops the start (PdfFontsStartupCheck).
        var pdf = new PdfOptions();
        configuration.GetSection(PdfOptions.Section).Bind(pdf);
        services.AddSingleton(pdf);
        services.AddSingleton(_ => PdfFonts.Shared(pdf.FontFolder));
        services.AddSingleton<PdfRenderer>();
        services.AddHostedService<PdfFontsStartupCheck>();
        services.AddSingleton<Application.Scorecards.IScorecardPdfWriter, ScorecardPdfWriter>();
        services.AddPortalMail(configuration, contentRoot);
        return services;
    }
}
