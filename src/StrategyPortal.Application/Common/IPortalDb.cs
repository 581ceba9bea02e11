using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Organisation;

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
    DbSet<CustomerScoreRecord> CustomerScoreRecords { get; }
    DbSet<CustomerScoreQuarter> CustomerScoreQuarters { get; }
    DbSet<ApiKey> ApiKeys { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

public interface IPortalDbFactory
{
    Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default);
}
