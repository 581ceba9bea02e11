using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Operations;

/// <summary>Start-up (migrations and demo seed through the app's own entry point) and the health endpoints.</summary>
public abstract class HealthTests(PortalFactory factory)
{
    [Fact]
    public async Task Health_answers_healthy_to_an_anonymous_caller()
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Liveness_answers_healthy_to_an_anonymous_caller()
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_includes_the_database_check()
    {
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var database = Assert.Single(report.Entries);
        Assert.Equal("database", database.Key);
        Assert.Equal(HealthStatus.Healthy, database.Value.Status);
    }

    [Fact]
    public async Task Start_up_applied_every_migration_and_seeded_the_demo_company()
    {
        await using var db = factory.NewDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null);
        Assert.Equal(OrganisationDemoSeed.CompanyName, root.Name);
        foreach (var account in OrganisationDemoSeed.Accounts)
        {
            var person = await db.People.SingleAsync(p => p.Email == account.Email);
            Assert.Equal(account.Role, person.Role);
            Assert.True(await db.Users.AnyAsync(u => u.PersonId == person.Id), $"{account.Email} has no sign-in account");
        }
    }
}

public sealed class HealthTests_Sqlite(SqliteDemoPortal factory) : HealthTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class HealthTests_PostgreSql(PostgreSqlDemoPortal factory) : HealthTests(factory), IClassFixture<PostgreSqlDemoPortal>;
