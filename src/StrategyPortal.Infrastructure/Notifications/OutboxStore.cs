using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Notifications;

/// <summary>
/// The outbox worker's reads and writes. Claiming is safe from several instances: on PostgreSQL one statement picks due
/// messages with <c>FOR UPDATE SKIP LOCKED</c> (instances never wait for or take each other's rows) and leases them to a
/// claim token; on SQLite (one instance) a conditional update does the same. Every later write names the claim token,
/// so a worker whose lease lapsed and was taken over cannot overwrite the new owner's outcome.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<PortalDbContext> contexts, MailOptions options, TimeProvider clock)
{
    private static readonly string Queued = OutboxStatus.Queued.ToString();
    private static readonly string Sending = OutboxStatus.Sending.ToString();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Leases up to <see cref="MailOptions.BatchSize"/> due messages (queued and due, or sending with a lapsed lease) to <paramref name="claim"/>.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string claim, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var leaseUntil = now.AddMinutes(Math.Max(1, options.LeaseMinutes));
        var batch = Math.Clamp(options.BatchSize, 1, 1000);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "OutboxMessages" SET "Status" = {Sending}, "LeaseOwner" = {claim}, "LeaseUntilUtc" = {leaseUntil}, "Attempts" = "Attempts" + 1
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE ("Status" = {Queued} AND "NextAttemptAtUtc" <= {now}) OR ("Status" = {Sending} AND "LeaseUntilUtc" <= {now})
                    ORDER BY "Id" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
            var due = db.OutboxMessages
                .Where(m => (m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc <= now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(batch);
            // The due conditions are repeated on the updated rows: a row someone else claimed in between no longer matches.
            await db.OutboxMessages
                .Where(m => due.Contains(m.Id)
                    && ((m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc <= now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.LeaseOwner, claim)
                    .SetProperty(m => m.LeaseUntilUtc, leaseUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }
        return await db.OutboxMessages.AsNoTracking().Where(m => m.LeaseOwner == claim && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Marks messages sent. A pulse reminder is removed instead: kept, it would say who had not answered yet on that day.
    /// </summary>
    public async Task MarkSentAsync(string claim, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        var now = Now;
        var mine = db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LeaseOwner == claim && m.Status == OutboxStatus.Sending);
        await mine.Where(m => m.Kind == NoticeKind.PulseReminder).ExecuteDeleteAsync(cancellationToken);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAtUtc, now)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
            .SetProperty(m => m.LastError, (string?)null), cancellationToken);
    }

    /// <summary>
    /// Records a failed try: queued again after the back-off, or failed for good after the last allowed try (or at once
    /// when <paramref name="permanent"/>: the server refused the address or the message).
    /// </summary>
    public async Task MarkFailedAsync(string claim, long id, int attempts, string error, bool permanent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        var now = Now;
        var final = permanent || OutboxMessage.GivesUpAfter(attempts, options.MaxAttempts);
        var retryAt = final ? now : OutboxMessage.RetryAt(now, attempts, options.RetryBase, options.RetryMax);
        var message = OutboxMessage.Shorten(error);
        await db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, final ? OutboxStatus.Failed : OutboxStatus.Queued)
                .SetProperty(m => m.NextAttemptAtUtc, retryAt)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, message), cancellationToken);
    }

    /// <summary>Cancels a message that is no longer to be sent (the recipient left or switched the kind off).</summary>
    public async Task MarkCancelledAsync(string claim, long id, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        var message = OutboxMessage.Shorten(reason);
        await db.OutboxMessages.Where(m => m.Id == id && m.LeaseOwner == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, message), cancellationToken);
    }

    /// <summary>
    /// SQLite only (one instance by definition): messages left "sending" by a stopped process are due at once instead of
    /// after their lease. On PostgreSQL another instance may still be sending them; their lease decides.
    /// </summary>
    public async Task ReleaseOrphansAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite()) return;
        using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        var now = Now;
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending).ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntilUtc, now), cancellationToken);
    }

    /// <summary>Removes sent and cancelled messages older than <see cref="MailOptions.KeepSentDays"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var pass = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        var before = Now.AddDays(-Math.Max(1, options.KeepSentDays));
        return await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Sent && m.SentAtUtc < before) || (m.Status == OutboxStatus.Cancelled && m.CreatedAtUtc < before))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
