using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Scorecards;

/// <summary>
/// Generates the scorecards of running issues in the background, <see cref="ScorecardOptions.Parallelism"/>
/// at a time. Every instance may run it: items are claimed in the database (see <see cref="ScorecardIssueRunner"/>).
/// </summary>
public sealed class ScorecardIssueWorker(IServiceScopeFactory scopes, ScorecardIssueSignal signal, ScorecardOptions options, ILogger<ScorecardIssueWorker> logger)
    : BackgroundService
{
    private readonly string _owner = Owner();

    private static string Owner()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return owner.Length <= 100 ? owner : owner[^100..];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.WorkerEnabled) return;
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, options.EffectiveParallelism).Select(_ => LaneAsync(stoppingToken)));
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Missing tables before the first migration, a database restart…: try again after a pause.
                logger.LogWarning(e, "Scorecard worker could not look for work");
                try { await Task.Delay(poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims and generates items until none is left.</summary>
    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // No request here: the job acts as the system, as the audit log expects of jobs.
            await using var scope = SystemScope.Create(scopes);
            var runner = scope.ServiceProvider.GetRequiredService<ScorecardIssueRunner>();
            if (await runner.ClaimNextAsync(_owner, stoppingToken) is not { } itemId) return;
            logger.LogInformation("Generating scorecard item {ItemId}", itemId);
            await runner.ProcessAsync(itemId, _owner, stoppingToken);
        }
    }
}
