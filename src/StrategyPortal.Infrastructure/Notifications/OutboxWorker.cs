using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Notifications;

/// <summary>
/// Sends the outbox, on every instance: claims a batch of due messages (<see cref="OutboxStore"/>), renders them in each
/// recipient's language, hands them to the transport one by one and records each outcome under its claim. A message is
/// marked sent right after it was handed over (the marks of a few messages are written together while the next ones go
/// out), so a process that dies mid-batch re-sends at most the messages in flight; its lease lapses and any instance
/// takes the rest. A destination that cannot be reached fails the try of every message of the batch (they wait and are
/// tried again with back-off); an address the server refuses fails that message only.
/// Logs never name a recipient: a reminder's log line would say who had not answered yet.
/// </summary>
public sealed class OutboxWorker(
    IServiceScopeFactory scopes,
    OutboxStore store,
    IMailTransport transport,
    OutboxSignal signal,
    MailOptions options,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private readonly string _owner = Owner();
    private long _claims;
    private DateTime _nextPurge = DateTime.MinValue;

    private static string Owner()
    {
        var host = $"{Environment.MachineName}:{Environment.ProcessId}";
        return (host.Length > 50 ? host[^50..] : host) + ":" + Guid.NewGuid().ToString("N")[..12];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.WorkerEnabled) return;
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        try
        {
            // SQLite serves one instance: what it left "sending" was in flight when this process (or its predecessor) stopped.
            await store.ReleaseOrphansAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Outbox worker could not release the messages of a stopped instance");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeWhenDueAsync(stoppingToken);
                // Each lane claims and sends batches until nothing is due; lanes overlap one batch's database writes with
                // another's SMTP traffic.
                await Task.WhenAll(Enumerable.Range(0, Math.Clamp(options.Parallelism, 1, 16)).Select(_ => LaneAsync(stoppingToken)));
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Missing tables before the first migration, a database restart…: try again after a pause.
                logger.LogWarning(e, "Outbox worker could not look for mail");
                try { await Task.Delay(poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && await SendBatchAsync(stoppingToken) > 0) { }
    }

    /// <summary>Claims, renders and sends one batch; returns how many messages it claimed (0: nothing due).</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var claim = $"{_owner}:{Interlocked.Increment(ref _claims)}";
        var messages = await store.ClaimAsync(claim, cancellationToken);
        if (messages.Count == 0) return 0;

        IReadOnlyList<RenderedMessage> rendered;
        await using (var scope = SystemScope.Create(scopes))
            rendered = await scope.ServiceProvider.GetRequiredService<NoticeRenderer>().RenderAsync(messages, cancellationToken);
        var byId = messages.ToDictionary(m => m.Id);

        var sent = 0;
        // Marks are written even while the instance stops: a message handed over must not be sent again.
        var marks = new SentMarks(store, claim, CancellationToken.None);
        IMailConnection? connection = null;
        try
        {
            for (var i = 0; i < rendered.Count; i++)
            {
                var outcome = rendered[i];
                var message = byId[outcome.Id];
                if (outcome.Cancelled is { } reason)
                {
                    await store.MarkCancelledAsync(claim, message.Id, reason, cancellationToken);
                    continue;
                }
                if (outcome.Content is not { } content)
                {
                    await FailAsync(claim, message, outcome.Error ?? "Could not render.", permanent: false, cancellationToken);
                    continue;
                }
                MimeKit.MimeMessage mime;
                try { mime = MailMessageFactory.Create(message, content, options); }
                catch (MailRefusedException e)
                {
                    await FailAsync(claim, message, e.Message, permanent: true, cancellationToken);
                    continue;
                }
                if (connection is not { IsUsable: true })
                {
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    try { connection = await transport.OpenAsync(cancellationToken); }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // The destination cannot be reached: this message and the rest of the batch wait for their next try.
                        var error = $"Could not reach the mail server: {e.GetType().Name}: {e.Message}";
                        logger.LogWarning("Outbox: {Error}; {Count} messages wait", error, rendered.Count - i);
                        for (var j = i; j < rendered.Count; j++)
                            if (rendered[j].Content is not null) await FailAsync(claim, byId[rendered[j].Id], error, permanent: false, cancellationToken, log: false);
                            else if (rendered[j].Cancelled is { } why) await store.MarkCancelledAsync(claim, rendered[j].Id, why, cancellationToken);
                            else await FailAsync(claim, byId[rendered[j].Id], rendered[j].Error ?? "Could not render.", permanent: false, cancellationToken, log: false);
                        return messages.Count;
                    }
                }
                try
                {
                    await connection.SendAsync(mime, cancellationToken);
                    sent++;
                    await marks.AddAsync(message.Id);
                }
                catch (MailRefusedException e)
                {
                    await FailAsync(claim, message, e.Message, permanent: true, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(claim, message, $"{e.GetType().Name}: {e.Message}", permanent: false, cancellationToken);
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        finally
        {
            await marks.FlushAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
        if (sent > 0) logger.LogInformation("Outbox: sent {Sent} of {Claimed} messages", sent, messages.Count);
        return messages.Count;
    }

    private async Task FailAsync(string claim, OutboxMessage message, string error, bool permanent, CancellationToken cancellationToken, bool log = true)
    {
        if (log) logger.LogWarning("Outbox message {Id} ({Kind}) failed on try {Attempt}: {Error}", message.Id, message.Kind, message.Attempts, error);
        await store.MarkFailedAsync(claim, message.Id, message.Attempts, error, permanent, cancellationToken);
    }

    private async Task PurgeWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < _nextPurge) return;
        _nextPurge = now.AddHours(1);
        var purged = await store.PurgeAsync(cancellationToken);
        if (purged > 0) logger.LogInformation("Outbox: removed {Count} sent messages older than {Days} days", purged, options.KeepSentDays);
    }

    /// <summary>
    /// Marks sent messages while the next ones go out: one write at a time, each taking every id that was handed over
    /// while the previous write ran. What a stopped process leaves unmarked is only what was in flight.
    /// </summary>
    private sealed class SentMarks(OutboxStore store, string claim, CancellationToken cancellationToken)
    {
        private readonly List<long> _waiting = [];
        private Task _writing = Task.CompletedTask;

        public async Task AddAsync(long id)
        {
            _waiting.Add(id);
            if (!_writing.IsCompleted) return;
            await _writing;
            Start();
        }

        public async Task FlushAsync()
        {
            await _writing;
            if (_waiting.Count > 0)
            {
                Start();
                await _writing;
            }
        }

        private void Start()
        {
            var ids = _waiting.ToList();
            _waiting.Clear();
            _writing = store.MarkSentAsync(claim, ids, cancellationToken);
        }
    }
}
