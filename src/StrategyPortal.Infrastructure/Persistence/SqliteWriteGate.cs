using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>
/// One writer at a time per SQLite file, queued in the process. SQLite allows one writer anyway; without this
/// queue, concurrent writers meet SQLITE_BUSY and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep that
/// blocks a thread — under load most answers would wait on that sleep. SQLite serves one instance only, so an
/// in-process queue is the whole truth; PostgreSQL needs none and gets none.
/// </summary>
internal static class SqliteWriteGate
{
    // Longer than any write should take; if a write waits this long (e.g. a nested context writing inside an open
    // transaction), it goes ahead and SQLite's own locking decides, as it would without the gate.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Enters the gate of this context's database, unless it needs none (not SQLite, or already inside a transaction).</summary>
    public static async ValueTask<Pass> EnterAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (GateOf(context) is not { } gate) return default;
        return await gate.WaitAsync(MaxWait, cancellationToken) ? new Pass(gate) : default;
    }

    public static Pass Enter(DbContext context)
    {
        if (GateOf(context) is not { } gate) return default;
        return gate.Wait(MaxWait) ? new Pass(gate) : default;
    }

    private static SemaphoreSlim? GateOf(DbContext context)
    {
        if (context.Database.CurrentTransaction is not null || !context.Database.IsSqlite()) return null;
        var file = context.Database.GetConnectionString() ?? string.Empty;
        return Gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
    }

    public readonly struct Pass(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
