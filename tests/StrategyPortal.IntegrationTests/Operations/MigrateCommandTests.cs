using Microsoft.EntityFrameworkCore;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.IntegrationTests.Operations;

/// <summary>
/// <c>dotnet run --project src/StrategyPortal.Web -- migrate</c>: the same entry point, called in
/// process on an empty database of each provider. It builds a host of its own, so it runs apart
/// from the other suites (no factory is starting while it builds): the derived classes join
/// <see cref="MigrateCommandCollection"/>.
/// </summary>
public abstract class MigrateCommandTests(DatabaseProvider provider)
{
    // Under `dotnet run` the entry assembly names the app; here that would be the test host, and the
    // app would look for testhost.staticwebassets.endpoints.json.
    private static readonly string ApplicationName = $"--applicationName={typeof(PortalApp).Assembly.GetName().Name}";

    [Fact]
    public async Task Migrate_creates_the_schema_on_an_empty_database_and_can_run_again()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string[] args =
        [
            "migrate",
            $"--Database:Provider={provider}",
            $"--Database:ConnectionString={database.ConnectionString}",
            $"--Database:DataFolder={database.Folder}",
            "--Logging:LogLevel:Default=Warning",
            ApplicationName,
        ];

        Assert.Equal(0, await PortalApp.RunAsync(args));

        await using (var db = Context(database))
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.NotEmpty(db.Database.GetMigrations());
            // The tables are there and empty: migrate never seeds.
            Assert.Equal(0, await db.OrgUnits.CountAsync());
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.Users.CountAsync());
        }

        Assert.Equal(0, await PortalApp.RunAsync(args));
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_exit_code_2()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var exitCode = await PortalApp.RunAsync(["migrat", $"--Database:Provider={provider}", $"--Database:ConnectionString={database.ConnectionString}", ApplicationName]);

        Assert.Equal(2, exitCode);
    }

    private static PortalDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseRegistration.Configure(options, database.Provider, database.ConnectionString);
        return new PortalDbContext(options.Options);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MigrateCommandCollection
{
    public const string Name = "migrate command";
}

[Collection(MigrateCommandCollection.Name)]
public sealed class MigrateCommandTests_Sqlite() : MigrateCommandTests(DatabaseProvider.Sqlite);

[Collection(MigrateCommandCollection.Name)]
public sealed class MigrateCommandTests_PostgreSql() : MigrateCommandTests(DatabaseProvider.PostgreSql);
