using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Promises;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Promises;

/// <summary>
/// Re-checks every live (or upcoming) promise at start and then daily at <see cref="RunAtUtc"/>, so the verdicts of a
/// new quarter exist from its first day and a changed complaint threshold takes effect, without anyone editing.
/// Several instances may run it at once: a verdict is unique per promise and quarter in the database, and the runner
/// evaluates again and updates when another instance stored the row first.
/// </summary>
public sealed class PromiseRecheckScheduler(IServiceScopeFactory scopes, PromiseOptions options, TimeProvider clock, ILogger<PromiseRecheckScheduler> logger)
    : BackgroundService
{
    /// <summary>Time of day (UTC) of the daily run: just after a quarter starts at midnight UTC.</summary>
    public static readonly TimeSpan RunAtUtc = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait after a failed run (no tables yet, database restarting…) before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>The next daily run after <paramref name="nowUtc"/>.</summary>
    public static DateTime NextRunAfter(DateTime nowUtc)
    {
        var today = nowUtc.Date + RunAtUtc;
        return today > nowUtc ? today : today.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RecheckEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = RetryAfter;
            try
            {
                // No request here: the job acts as the system, as the audit log expects of jobs.
                await using var scope = SystemScope.Create(scopes);
                var count = await scope.ServiceProvider.GetRequiredService<PromiseCheckRunner>().RefreshCurrentAsync(stoppingToken);
                logger.LogInformation("Promise re-check evaluated {Count} promises", count);
                var now = clock.GetUtcNow().UtcDateTime;
                wait = NextRunAfter(now) - now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Promise re-check could not evaluate the promises");
            }
            try { await Task.Delay(wait, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
