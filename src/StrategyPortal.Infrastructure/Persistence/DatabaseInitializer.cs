using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>Applies migrations and, when switched on, seeds the demo company into an empty database.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> factory,
    DatabaseOptions options,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database {Provider} is up to date", options.Provider);
        }
        else
        {
            logger.LogInformation("Applying {Count} migrations to {Provider}: {Migrations}", pending.Count, options.Provider, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (options.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public async Task InitialiseAsync(bool seedDemoData, CancellationToken cancellationToken = default)
    {
        if (options.MigrateOnStartup) await MigrateAsync(cancellationToken);
        if (seedDemoData)
        {
            // As the system: steps that call application services (the actions step reads pulse results) ask who acts.
            await using var scope = Access.SystemScope.Create(services);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }
}
