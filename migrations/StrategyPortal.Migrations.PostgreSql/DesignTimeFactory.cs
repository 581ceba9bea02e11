using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseRegistration.Configure(builder, DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design_time");
        return new PortalDbContext(builder.Options);
    }
}
