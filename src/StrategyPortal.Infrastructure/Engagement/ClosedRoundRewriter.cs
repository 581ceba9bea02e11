using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Persistence.Configurations;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// PostgreSQL only. An answer writes its participation and its response (and comments) in one transaction, so on
/// PostgreSQL the rows carry the same transaction id in the system column <c>xmin</c> and sit at neighbouring physical
/// positions (<c>ctid</c>): someone who can query the tables directly could pair a person with an answer. Once a round
/// has closed (no answer can arrive any more), this rewrites the round's responses and comments in one transaction, in
/// random order: every live row then has the rewriting transaction's id and a new position, unrelated to any
/// participation. Run by <see cref="PulseRoundScheduler"/>; what it cannot erase (dead row versions until vacuum, WAL,
/// backups) is described in docs/privacy.md. SQLite has no such column; there it does nothing.
/// </summary>
public sealed class ClosedRoundRewriter(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<ClosedRoundRewriter> logger)
{
    /// <summary>First key of the advisory lock a rewrite holds per round ("PULS"), so two instances never rewrite one round together.</summary>
    private const int LockClass = 0x50554C53;

    /// <summary>
    /// True when the round's responses and comments were written by more than one transaction — answers as people gave
    /// them, each in its own. After a rewrite (or when all were written at once, like the demo data) it is false.
    /// Reads only the anonymous tables' own transaction ids, never a participation.
    /// </summary>
    private static string Mixed(string roundId) =>
        "(SELECT count(DISTINCT x.xmin::text) FROM (" +
        $"SELECT xmin FROM \"{AnonymousTables.Responses}\" WHERE \"RoundId\" = {roundId} UNION ALL " +
        $"SELECT xmin FROM \"{AnonymousTables.Comments}\" WHERE \"RoundId\" = {roundId}) AS x) > 1";

    // The SQL, fixed text built once from constants; the only value (a round id, a day) goes in as a parameter.
    private static readonly string DueRounds = "SELECT r.\"Id\" AS \"Value\" FROM \"PulseRounds\" AS r WHERE r.\"ClosesOn\" < {0} AND " + Mixed("r.\"Id\"");
    private static readonly string StillMixed = "SELECT " + Mixed("{0}") + " AS \"Value\"";
    private const string TryLock = "SELECT pg_try_advisory_xact_lock({0}, {1}) AS \"Value\"";

    /// <summary>Per table: a copy that lives until commit; the round's rows moved into it (exactly those deleted); put back in random order.</summary>
    private static readonly (string Create, string TakeOut, string PutBack)[] Steps =
        [.. new[] { AnonymousTables.Responses, AnonymousTables.Comments }.Select(table =>
        {
            var copy = "rewrite_" + table.ToLowerInvariant();
            return ($"CREATE TEMP TABLE {copy} (LIKE \"{table}\") ON COMMIT DROP",
                $"WITH gone AS (DELETE FROM \"{table}\" WHERE \"RoundId\" = {{0}} RETURNING *) INSERT INTO {copy} SELECT * FROM gone",
                $"INSERT INTO \"{table}\" SELECT * FROM {copy} ORDER BY random()");
        })];

    /// <summary>Rewrites every closed round that still holds answers as they were written. Returns how many rounds it rewrote.</summary>
    public async Task<int> RewriteClosedRoundsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql()) return 0;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = await db.Database.SqlQueryRaw<int>(DueRounds, today).ToListAsync(cancellationToken);
        var rewritten = 0;
        foreach (var roundId in due.Order())
            if (await RewriteAsync(roundId, cancellationToken)) rewritten++;
        return rewritten;
    }

    /// <summary>One round, in one transaction: the rows are taken out and put back in random order, unchanged.</summary>
    private async Task<bool> RewriteAsync(int roundId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Another instance at it: leave the round to it. Then check again inside the lock (it may have just finished).
        if (!await db.Database.SqlQueryRaw<bool>(TryLock, LockClass, roundId).SingleAsync(cancellationToken)) return false;
        if (!await db.Database.SqlQueryRaw<bool>(StillMixed, roundId).SingleAsync(cancellationToken)) return false;
        var rows = 0;
        foreach (var (create, takeOut, putBack) in Steps)
        {
            await db.Database.ExecuteSqlRawAsync(create, cancellationToken);
            // Exactly the rows deleted are put back: nothing can slip in between the copy and the delete.
            rows += await db.Database.ExecuteSqlRawAsync(takeOut, [roundId], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(putBack, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Rewrote the {Rows} responses and comments of closed pulse round {Round} in random order", rows, roundId);
        return true;
    }
}
