using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

public static class SaveChangesExtensions
{
    /// <summary>
    /// Declares which version of <paramref name="entity"/> the user edited, so the save fails
    /// with <see cref="ConcurrencyConflictException"/> when someone else saved in between.
    /// </summary>
    public static void ExpectVersion<T>(this IPortalDb db, T entity, int version) where T : class, IVersioned =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;

    public static async Task SaveOrConflictAsync(this IPortalDb db, string conflictMessage, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(conflictMessage);
        }
    }
}
