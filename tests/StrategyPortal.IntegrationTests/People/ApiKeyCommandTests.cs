using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.People;

namespace StrategyPortal.IntegrationTests.People;

/// <summary><c>api-key create</c>: a key for provisioning scripts without the UI, printed once, audited, refused for an unknown scope.</summary>
public abstract class ApiKeyCommandTests(PortalFactory factory)
{
    [Fact]
    public async Task The_command_prints_a_working_key_once_and_audits_it_like_the_page()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ApiKeyCommand.RunAsync(factory.Services, ["create", "--name", "Provisioning script", "--scope", "scim:provision", "--scope", "people:import"], output, error);

        Assert.Equal(0, exit);
        var key = output.ToString().Trim();
        Assert.StartsWith(ApiKey.KeyStart, key, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', key);
        Assert.Contains("shown this once", error.ToString(), StringComparison.Ordinal);
        await using (var anonymous = factory.AsAnonymous())
        {
            var check = await anonymous.Get<ApiKeyService>().CheckAsync(key);
            Assert.Equal(ApiKeyStatus.Valid, check.Status);
            Assert.Equal([ApiScopes.ScimProvision, ApiScopes.PeopleImport], check.Scopes);
        }
        await using var db = factory.NewDbContext();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Provisioning script");
        Assert.Null(stored.CreatedByPersonId);
        Assert.NotEqual(key, stored.Hash);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(ApiKey) && a.EntityId == stored.Id.ToString());
        Assert.Equal((AuditAction.Created, ApiKeyService.CommandLineCreator), (entry.Action, entry.ActorName));
        Assert.DoesNotContain(key, entry.Changes, StringComparison.Ordinal);
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        Assert.Equal(ApiKeyService.CommandLineCreator, (await admin.Get<ApiKeyService>().ListAsync()).Single(k => k.Id == stored.Id).CreatedBy);
    }

    [Theory]
    [InlineData("create", "--name", "X", "--scope", "everything")]
    [InlineData("create", "--scope", "scim:provision")]
    [InlineData("create", "--name", "X")]
    [InlineData("delete", "--name", "X", "--scope", "scim:provision")]
    public async Task Bad_arguments_exit_with_2_and_create_nothing(params string[] args)
    {
        int before;
        await using (var db = factory.NewDbContext()) before = await db.ApiKeys.CountAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(ApiKeyCommand.BadArguments, await ApiKeyCommand.RunAsync(factory.Services, args, output, error));

        Assert.Empty(output.ToString());
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
        await using (var db = factory.NewDbContext()) Assert.Equal(before, await db.ApiKeys.CountAsync());
    }
}

public sealed class ApiKeyCommandTests_Sqlite(SqliteDemoPortal factory) : ApiKeyCommandTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ApiKeyCommandTests_PostgreSql(PostgreSqlDemoPortal factory) : ApiKeyCommandTests(factory), IClassFixture<PostgreSqlDemoPortal>;
