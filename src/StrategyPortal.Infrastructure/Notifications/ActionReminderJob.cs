using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Notifications;

/// <summary>
/// Every instance looks for due action reminders at start and then every <see cref="ActionReminderOptions.IntervalMinutes"/>
/// (<see cref="ActionReminders"/>): a reminder is due once per day boundary and office hours, and its run's key lets only
/// one instance queue it, so running on several instances at once is safe.
/// </summary>
public sealed class ActionReminderJob(IServiceScopeFactory scopes, MailOptions options, ILogger<ActionReminderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ActionReminders.Enabled) return;
        using var timer = new PeriodicTimer(options.ActionReminders.Interval);
        do
        {
            try
            {
                // No request here: the job acts as the system, as the audit log expects of jobs.
                await using var scope = SystemScope.Create(scopes);
                var queued = await scope.ServiceProvider.GetRequiredService<ActionReminders>().SendDueAsync(stoppingToken);
                if (queued > 0) logger.LogInformation("Queued {Count} action reminders", queued);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Missing tables before the first migration, a database restart…: try again next time.
                logger.LogWarning(e, "Could not send the due action reminders");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
