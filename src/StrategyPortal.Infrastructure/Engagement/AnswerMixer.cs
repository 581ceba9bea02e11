using StrategyPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Persistence.Configurations;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// An answer writes its participation and its response (and comments) in one transaction, so the database keeps physical
/// traces that pair them: on SQLite the order cells were written in within each page (and in the WAL), on PostgreSQL the
/// shared transaction id (<c>xmin</c>) and neighbouring positions (<c>ctid</c>), and on both the old row versions and pages
/// such traces leave behind. The mixer erases them, per round, once at least the pulse's minimum group size of answers has
/// arrived since the last mix (so what an operator could pair between two mixes is bounded by the scheduler's interval and
/// never narrower than that group), and a last time once the round has closed:
/// <list type="bullet">
/// <item>PostgreSQL: the round's responses and comments are taken out and put back in random order in one transaction (one
/// <c>xmin</c> for all), then both tables are rewritten by <c>CLUSTER</c> into new files in key order (random ids), which
/// leaves no dead row version and no position from the write order;</item>
/// <item>SQLite: <c>VACUUM</c> rebuilds the whole file with every table and index laid out in key order, without free pages,
/// and the WAL is checkpointed and truncated.</item>
/// </list>
/// Run by <see cref="PulseRoundScheduler"/>; several instances may run it (PostgreSQL: one at a time by an advisory lock).
/// What remains (the WAL archive and backups of PostgreSQL, the file system's own free blocks) is in docs/privacy.md.
/// </summary>
public sealed class AnswerMixer(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<AnswerMixer> logger)
{
    /// <summary>First key of the advisory lock the mixer holds on PostgreSQL ("PULS"), so two instances never mix at once.</summary>
    private const int LockClass = 0x50554C53;

    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(30);

    private static readonly string[] Tables = [AnonymousTables.Responses, AnonymousTables.Comments];

    /// <summary>Fixed text built once from constants.</summary>
    private static readonly string[] Clusters = [.. Tables.Select(table => $"CLUSTER \"{table}\" USING \"PK_{table}\"")];

    /// <summary>Per table: a copy that lives until commit; the round's rows moved into it (exactly those deleted); put back in random order.</summary>
    private static readonly (string Create, string TakeOut, string PutBack)[] Steps =
        [.. Tables.Select(table =>
        {
            var copy = "mix_" + table.ToLowerInvariant();
            return ($"CREATE TEMP TABLE {copy} (LIKE \"{table}\") ON COMMIT DROP",
                $"WITH gone AS (DELETE FROM \"{table}\" WHERE \"RoundId\" = {{0}} RETURNING *) INSERT INTO {copy} SELECT * FROM gone",
                $"INSERT INTO \"{table}\" SELECT * FROM {copy} ORDER BY random()");
        })];

    private const string TryLock = "SELECT pg_try_advisory_lock({0}, 0) AS \"Value\"";
    private const string Unlock = "SELECT pg_advisory_unlock({0}, 0) AS \"Value\"";
    /// <summary>The first transaction id not yet assigned: every mix committed so far is older.</summary>
    private const string NextXid = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS \"Value\"";
    /// <summary>
    /// Other sessions whose snapshot is older than that id (and could still see the old row versions) — in any database of the
    /// server, since some (creating a database, a replication slot) hold back the horizon of every database.
    /// </summary>
    private const string OlderSnapshots = "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE pid <> pg_backend_pid() " +
        "AND ((backend_xmin IS NOT NULL AND age(backend_xmin) >= age({0}::xid)) OR (backend_xid IS NOT NULL AND age(backend_xid) >= age({0}::xid)))";
    private const string DeadRows = "SELECT COALESCE(SUM(n_dead_tup), 0)::int AS \"Value\" FROM pg_stat_user_tables WHERE relname IN ('PulseResponses', 'PulseComments')";

    /// <summary>Mixes every round that is due. Returns how many rounds it mixed.</summary>
    public async Task<int> MixDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql()) return await MixPostgreSqlAsync(db, cancellationToken);
        var due = await DueAsync(db, cancellationToken);
        if (due.Count == 0) return 0;
        await MixSqliteAsync(db, due, cancellationToken);
        return due.Count;
    }

    /// <summary>Rounds with answers that arrived since their last mix: a batch of at least the minimum group size, or all once closed.</summary>
    private async Task<List<int>> DueAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var rounds = await db.PulseRounds.AsNoTracking().Where(r => r.AudienceRecordedOn != null && r.OpensOn <= today)
            .Join(db.PulseSurveys, r => r.SurveyId, s => s.Id, (r, s) => new { r.Id, r.ClosesOn, s.MinGroupSize })
            .ToListAsync(cancellationToken);
        var responses = await db.PulseResponses.AsNoTracking().GroupBy(r => r.RoundId).Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Count, cancellationToken);
        var mixed = await db.AnswerMixes.AsNoTracking().ToDictionaryAsync(m => m.RoundId, m => m.MixedResponses, cancellationToken);
        return rounds.Where(r => AnswerMix.IsDue(responses.GetValueOrDefault(r.Id), mixed.GetValueOrDefault(r.Id), r.ClosesOn < today, r.MinGroupSize))
            .Select(r => r.Id).Order().ToList();
    }

    private async Task MixSqliteAsync(PortalDbContext db, List<int> due, CancellationToken cancellationToken)
    {
        foreach (var roundId in due) await RecordMixAsync(db, roundId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // VACUUM writes the whole database anew in key order; in the queue of writers so no answer waits on a busy file.
        using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
                await CheckpointAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        logger.LogInformation("Mixed the answers of {Count} pulse rounds (SQLite: database rebuilt in key order)", due.Count);
    }

    /// <summary>Moves the WAL's pages (which hold cells in the order they were written) into the database and empties it.</summary>
    private async Task CheckpointAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            // One row: busy (0 when the WAL was reset to zero bytes), frames in the log, frames checkpointed.
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0) return;
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
        logger.LogWarning("Could not truncate the SQLite WAL after mixing pulse answers: readers kept it busy; the next mix tries again");
    }

    private async Task<int> MixPostgreSqlAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Another instance at it: leave it to that one.
            if (!await db.Database.SqlQueryRaw<bool>(TryLock, LockClass).SingleAsync(cancellationToken)) return 0;
            try
            {
                var due = await DueAsync(db, cancellationToken);
                foreach (var roundId in due)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var rows = new List<int>();
                    foreach (var (create, takeOut, putBack) in Steps)
                    {
                        await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
                        // Exactly the rows deleted are put back: an answer that arrives meanwhile stays for the next mix.
                        rows.Add(await db.Database.ExecuteSqlRawAsync(takeOut, [roundId], cancellationToken));
                        await db.Database.ExecuteSqlRawAsync(putBack, cancellationToken);
                    }
                    await RecordMixAsync(db, roundId, cancellationToken, responses: rows[0]);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    logger.LogInformation("Mixed the {Rows} responses and comments of pulse round {Round} in random order", rows.Sum(), roundId);
                }
                // The old row versions (with their transaction ids and order) stay in the heap until the tables are rewritten.
                if (due.Count > 0 || await db.Database.SqlQueryRaw<int>(DeadRows).SingleAsync(cancellationToken) > 0)
                    await ClusterAsync(db, cancellationToken);
                return due.Count;
            }
            finally
            {
                await db.Database.SqlQueryRaw<bool>(Unlock, LockClass).SingleAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Rewrites both tables into new files in key order, dropping every old row version. Needs a moment of exclusive access:
    /// if that does not come within 30 s (a long transaction), it is left for the next run (the dead versions are counted).
    /// </summary>
    private async Task ClusterAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            // CLUSTER keeps a dead row version that some open snapshot could still see (an analyze, a long report): wait a
            // bounded time for the snapshots taken before the mix to end, so the rewrite can drop the old versions.
            var next = await db.Database.SqlQueryRaw<string>(NextXid).SingleAsync(cancellationToken);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await db.Database.SqlQueryRaw<int>(OlderSnapshots, next).SingleAsync(cancellationToken) > 0 && waited.Elapsed < SnapshotWait)
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET lock_timeout = '30s'", cancellationToken);
            foreach (var cluster in Clusters)
                await db.Database.ExecuteSqlRawAsync(cluster, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not rewrite the pulse answer tables after mixing; the next run tries again");
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("RESET lock_timeout", CancellationToken.None);
        }
    }

    private static async Task RecordMixAsync(PortalDbContext db, int roundId, CancellationToken cancellationToken, int? responses = null)
    {
        var count = responses ?? await db.PulseResponses.CountAsync(r => r.RoundId == roundId, cancellationToken);
        var mix = await db.AnswerMixes.FirstOrDefaultAsync(m => m.RoundId == roundId, cancellationToken);
        if (mix is null) db.AnswerMixes.Add(new AnswerMix(roundId, count));
        else mix.Mixed(count);
    }
}
