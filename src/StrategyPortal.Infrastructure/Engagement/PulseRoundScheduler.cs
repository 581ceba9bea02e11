using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// Creates the next round of recurring pulses, at start and then every <see cref="Interval"/>, and (on PostgreSQL)
/// rewrites the answers of rounds that have closed in random order (<see cref="ClosedRoundRewriter"/>).
/// Several instances may run it at once: a round is unique per (pulse, number) in the database,
/// so the loser's insert fails and is ignored; a rewrite holds a lock per round.
/// </summary>
public sealed class PulseRoundScheduler(IServiceScopeFactory scopes, ClosedRoundRewriter rewriter, ILogger<PulseRoundScheduler> logger, EngagementOptions options) : BackgroundService
{
    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.SchedulerIntervalMinutes));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.SchedulerEnabled) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                // No request here: the job acts as the system, as the audit log expects of jobs.
                await using var scope = SystemScope.Create(scopes);
                var created = await scope.ServiceProvider.GetRequiredService<PulseScheduleService>().CreateDueRoundsAsync(stoppingToken);
                if (created > 0) logger.LogInformation("Pulse scheduler created {Count} rounds", created);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Missing tables before the first migration, a database restart…: try again next time.
                logger.LogWarning(e, "Pulse scheduler could not create rounds");
            }
            try
            {
                var rewritten = await rewriter.RewriteClosedRoundsAsync(stoppingToken);
                if (rewritten > 0) logger.LogInformation("Pulse scheduler rewrote the answers of {Count} closed rounds in random order", rewritten);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Pulse scheduler could not rewrite the answers of closed rounds");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
