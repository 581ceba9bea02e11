using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Common;

/// <summary>
/// The unit of work the use cases see. Each feature adds its sets here; Infrastructure's
/// DbContext implements it. Create one per operation through <see cref="IPortalDbFactory"/>:
/// Blazor Server circuits live long, a context should not.
/// </summary>
public interface IPortalDb : IAsyncDisposable
{
    DbSet<OrgUnit> OrgUnits { get; }
    DbSet<Person> People { get; }
    DbSet<ServiceStrategyChoice> ServiceStrategyChoices { get; }
    DbSet<ServiceStandard> ServiceStandards { get; }
    DbSet<ServiceStandardVersion> ServiceStandardVersions { get; }
    DbSet<StandardResult> StandardResults { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

public interface IPortalDbFactory
{
    Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default);
}
