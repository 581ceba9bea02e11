using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>
/// Bumps <see cref="IVersioned.Version"/> on every modified entity. The version is a concurrency
/// token, so an UPDATE from a stale copy matches no row and EF raises a concurrency conflict —
/// the same on SQLite and PostgreSQL, which share no native row-version type.
/// </summary>
public sealed class VersionStampInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
                entry.Property(e => e.Version).CurrentValue = entry.Property(e => e.Version).OriginalValue + 1;
            else if (entry.State == EntityState.Added)
                entry.Entity.Version = 1;
        }
    }
}
