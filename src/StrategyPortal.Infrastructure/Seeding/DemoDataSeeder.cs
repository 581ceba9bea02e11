using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Seeding;

/// <summary>
/// One part of the demo company. Each feature adds its own step (standards, promises, pulses,
/// scores…), ordered by <see cref="Order"/>; later steps find earlier data through <see cref="DemoSeedContext"/>.
/// </summary>
public interface IDemoSeedStep
{
    int Order { get; }
    Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken);
}

public sealed class DemoSeedContext(PortalDbContext db, DateOnly today)
{
    public PortalDbContext Db { get; } = db;
    public DateOnly Today { get; } = today;
    public Quarter CurrentQuarter => Quarter.Of(Today);

    /// <summary>The eight quarters the demo history covers: the current one and the seven before it.</summary>
    public IReadOnlyList<Quarter> HistoryQuarters => Quarter.Range(CurrentQuarter.Previous.Previous.Previous.Previous.Previous.Previous.Previous, CurrentQuarter).ToList();

    /// <summary>Deterministic randomness: the demo company is the same every time it is seeded.</summary>
    public Random Random { get; } = new(20261123);
}

public sealed class DemoDataSeeder(
    PortalDbContext db,
    IEnumerable<IDemoSeedStep> steps,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.OrgUnits.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo data: database already has an organisation, nothing seeded");
            return;
        }
        var context = new DemoSeedContext(db, clock.Today());
        foreach (var step in steps.OrderBy(s => s.Order))
        {
            logger.LogInformation("Demo data: {Step}", step.GetType().Name);
            await step.SeedAsync(context, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
