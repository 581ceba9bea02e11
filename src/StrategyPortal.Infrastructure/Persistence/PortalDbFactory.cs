using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;

namespace StrategyPortal.Infrastructure.Persistence;

public sealed class PortalDbFactory(IDbContextFactory<PortalDbContext> factory) : IPortalDbFactory
{
    public async Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default) =>
        await factory.CreateDbContextAsync(cancellationToken);
}
