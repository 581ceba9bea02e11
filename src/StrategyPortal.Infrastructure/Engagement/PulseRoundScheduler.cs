using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// The pulses' clock, at start and then every <see cref="Interval"/>: creates the next round of recurring pulses, records the
/// audience of rounds that opened (<see cref="RoundAudienceRecorder"/>), counts the participation of open rounds once a day,
/// and mixes the answers that arrived since the last mix (<see cref="AnswerMixer"/>). Several instances may run it at once:
/// a round is unique per (pulse, number), a recording is guarded by the round's version, a count by its day, and the
/// mixer by a lock. Each step is tried on its own: one failing does not stop the others.
/// </summary>
public sealed class PulseRoundScheduler(IServiceScopeFactory scopes, AnswerMixer mixer, ILogger<PulseRoundScheduler> logger, EngagementOptions options) : BackgroundService
{
    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.SchedulerIntervalMinutes));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.SchedulerEnabled) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (!await StepAsync("create rounds", async ct =>
                {
                    // No request here: the job acts as the system, as the audit log expects of jobs.
                    await using var scope = SystemScope.Create(scopes);
                    var created = await scope.ServiceProvider.GetRequiredService<PulseScheduleService>().CreateDueRoundsAsync(ct);
                    if (created > 0) logger.LogInformation("Pulse scheduler created {Count} rounds", created);
                    var recorder = scope.ServiceProvider.GetRequiredService<RoundAudienceRecorder>();
                    var recorded = await recorder.RecordDueAsync(ct);
                    if (recorded > 0) logger.LogInformation("Pulse scheduler recorded the audience of {Count} rounds that opened", recorded);
                    // Rounds that opened queued their invitations: this instance's outbox sends them now, not at its next poll.
                    if (created + recorded > 0) scope.ServiceProvider.GetRequiredService<Application.Notifications.OutboxSignal>().Notify();
                    await recorder.CountParticipationAsync(ct);
                }, stoppingToken)) return;
            if (!await StepAsync("send pulse reminders", async ct =>
                {
                    await using var scope = SystemScope.Create(scopes);
                    var reminded = await scope.ServiceProvider.GetRequiredService<Application.Notifications.PulseReminders>().SendDueAsync(ct);
                    if (reminded > 0) logger.LogInformation("Pulse scheduler sent the reminders of {Count} rounds", reminded);
                }, stoppingToken)) return;
            if (!await StepAsync("mix answers", async ct =>
                {
                    var mixed = await mixer.MixDueAsync(ct);
                    if (mixed > 0) logger.LogInformation("Pulse scheduler mixed the answers of {Count} rounds", mixed);
                }, stoppingToken)) return;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs one step; false when the host is stopping.</summary>
    private async Task<bool> StepAsync(string what, Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step(stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            // Missing tables before the first migration, a database restart…: try again next time.
            logger.LogWarning(e, "Pulse scheduler could not {What}", what);
            return true;
        }
    }
}
