using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Notifications;

public static class MailRegistration
{
    /// <summary>The <c>Mail</c> section, the transport it names, the outbox worker and the links e-mails carry.</summary>
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var mail = new MailOptions();
        configuration.GetSection(MailOptions.Section).Bind(mail);
        var culture = configuration["Portal:DefaultCulture"];
        mail.DefaultLanguage = culture is "en" ? "en" : "nl";
        // Local accounts are off only when people sign in with Microsoft (Portal:LocalAccounts:Enabled=false with Entra on).
        mail.AccountInvitations = !(string.Equals(configuration["Portal:LocalAccounts:Enabled"], "false", StringComparison.OrdinalIgnoreCase)
                                    && !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]));
        services.AddSingleton(mail);
        services.Configure<InvitationTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(Math.Max(1, mail.InvitationValidDays)));

        if (mail.Provider == MailProvider.Folder)
        {
            var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
            var dataFolder = Path.GetFullPath(Path.Combine(contentRoot, database.DataFolder));
            mail.ResolvedFolder = Path.GetFullPath(Path.Combine(dataFolder, mail.Folder));
            services.AddSingleton<IMailTransport>(new FolderMailTransport(mail.ResolvedFolder));
        }
        else services.AddSingleton<IMailTransport, SmtpMailTransport>();

        services.AddSingleton<OutboxStore>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<ActionReminderJob>();
        services.AddSingleton<IUnsubscribeTokens, UnsubscribeTokens>();
        services.AddScoped<INoticeLinks, NoticeLinks>();
        return services;
    }
}
