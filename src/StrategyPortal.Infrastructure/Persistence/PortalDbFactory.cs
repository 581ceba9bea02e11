using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>Short-lived contexts for use cases, each knowing who acts so the audit log can name them.</summary>
public sealed class PortalDbFactory(IDbContextFactory<PortalDbContext> factory, IServiceProvider services) : IPortalDbFactory
{
    public async Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.OpenForUseAsync(cancellationToken);
        // Resolved lazily: the current user is read through the same database.
        if (services.GetService<ICurrentUser>() is { } currentUser)
        {
            var user = await currentUser.GetAsync(cancellationToken);
            if (user.PersonId is { } personId) db.Actor = new AuditActor(personId, user.Name ?? string.Empty);
        }
        return db;
    }
}
