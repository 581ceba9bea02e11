using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// Group commit for pulse answers. Every answer used to be a transaction of its own, and SQLite (one writer at a time, full
/// sync) flushed its log once per answer: under load the answers queued for the writer, one flush and one hand-over each, and
/// that queue was most of an answer's time. Now an answer joins a queue; the first to find no write under way writes the
/// whole queue in one transaction, and answers that arrive meanwhile go together in the next one. Each answer is still all or
/// none and on disk before its caller hears "stored"; a batch holds several people's rows, which pairs a participation with
/// its response no more than one answer alone (the mixer erases the rest, <see cref="AnswerMixer"/>). A batch refused by the
/// database (a second answer of a person that raced the first) is written again answer by answer, so only that one fails.
/// </summary>
public sealed class PulseAnswerStore(IDbContextFactory<PortalDbContext> contexts) : IPulseAnswerStore
{
    /// <summary>At most this many answers per transaction.</summary>
    private const int MaxBatch = 200;

    private readonly Lock _lock = new();
    private readonly Queue<Pending> _waiting = new();
    private bool _writing;

    private sealed record Pending(PulseAnswerRows Answer)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<bool> StoreAsync(PulseAnswerRows answer, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(answer);
        bool lead;
        lock (_lock)
        {
            _waiting.Enqueue(pending);
            lead = !_writing;
            _writing = true;
        }
        // The leader writes the batch its own answer is in, then leaves what arrived meanwhile to a writer of its own, so
        // no caller waits for more than the batch before its own. Once queued, an answer is written even if its caller
        // gives up (as a transaction already sent to the database would be).
        if (lead) await WriteBatchesAsync(once: true);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteBatchesAsync(bool once)
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = new List<Pending>(Math.Min(_waiting.Count, MaxBatch));
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next)) batch.Add(next);
            }
            await WriteAsync(batch);
            if (!once) continue;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }
            // Not in the leader's request's execution context: the writer serves everyone.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => WriteBatchesAsync(once: false));
            return;
        }
    }

    /// <summary>Writes the batch in one transaction and tells each caller; never throws (a failure goes to the callers).</summary>
    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                foreach (var pending in batch) Add(db, pending.Answer);
                await db.SaveChangesAsync();
            }
            foreach (var pending in batch) pending.Done.TrySetResult(true);
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            // Some person's participation was there already: nothing of the batch was stored; each answer again, alone.
            foreach (var pending in batch) await WriteAsync([pending]);
        }
        catch (DbUpdateException e)
        {
            var answer = batch[0].Answer;
            try
            {
                await using var check = await contexts.CreateDbContextAsync();
                if (await check.Participations.AnyAsync(p => p.RoundId == answer.Participation.RoundId && p.PersonId == answer.Participation.PersonId))
                    batch[0].Done.TrySetResult(false);
                else
                    batch[0].Done.TrySetException(e);
            }
            catch (Exception checkFailed)
            {
                batch[0].Done.TrySetException(checkFailed);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
    }

    private static void Add(PortalDbContext db, PulseAnswerRows answer)
    {
        db.Participations.Add(answer.Participation);
        db.PulseResponses.Add(answer.Response);
        db.PulseComments.AddRange(answer.Comments);
    }
}
