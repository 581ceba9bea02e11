using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseRegistration.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new PortalDbContext(builder.Options);
    }
}
