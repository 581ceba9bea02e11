using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "StrategyPortal.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "StrategyPortal.Migrations.PostgreSql";

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = ResolveConnectionString(options, contentRoot);

        // Pooled: a use case opens a short-lived context per call, and setting up a context's services each time cost
        // more than the queries of a pulse answer. PortalDbContext clears its own per-use state when it goes back.
        services.AddPooledDbContextFactory<PortalDbContext>(builder => Configure(builder, options.Provider, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddScoped<IPortalDbFactory, PortalDbFactory>();
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PortalSqliteMigrationsSqlGenerator>();
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, PortalNpgsqlMigrationsSqlGenerator>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use Sqlite or PostgreSql.");
        }
        builder.AddInterceptors(new VersionStampInterceptor(), new AuditInterceptor(TimeProvider.System));
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return options.ConnectionString;
        if (options.Provider == DatabaseProvider.PostgreSql)
            throw new InvalidOperationException("Database:Provider is PostgreSql but Database:ConnectionString is empty. Set it, e.g. 'Host=127.0.0.1;Database=strategyportal;Username=portal;Password=...'.");
        var folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "strategyportal.db")}";
    }
}
