namespace StrategyPortal.Application.Scorecards;

/// <summary>Settings of the <c>Scorecards</c> section (see docs/configuration.md).</summary>
public sealed class ScorecardOptions
{
    public const string Section = "Scorecards";

    /// <summary>Whether this instance generates scorecards of running issues in the background.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How many scorecards this instance generates at once (0: one per processor core).</summary>
    public int Parallelism { get; set; }

    /// <summary>How often an idle worker looks for work issued on another instance.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How often a failing scorecard is tried before its issue fails.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before a failed scorecard is tried again.</summary>
    public int RetryDelaySeconds { get; set; } = 10;

    /// <summary>How long a worker may hold a scorecard before another instance takes it over (a crashed instance); fractions allowed, at least 0.1.</summary>
    public double LeaseMinutes { get; set; } = 5;

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}

/// <summary>Wakes this instance's worker at once when an issue starts here; other instances notice on their next poll.</summary>
public sealed class ScorecardIssueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
