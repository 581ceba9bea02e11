using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>Looks for any path from a participation (who) to a response or comment (what): schema, storage, logs and what the services hand out.</summary>
public class AnonymityTests
{
    private static readonly Type[] Anonymous = [typeof(PulseResponse), typeof(PulseComment)];

    [Fact]
    public async Task No_foreign_key_or_shared_column_links_participation_to_answers()
    {
        await using var ctx = new PortalBunitContext();
        await using var db = ctx.Db();
        var participation = db.Model.FindEntityType(typeof(Participation))!;
        var participationColumns = participation.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
        Assert.Equal(new HashSet<string> { "RoundId", "PersonId" }, participationColumns);

        foreach (var type in Anonymous)
        {
            var entity = db.Model.FindEntityType(type)!;
            // Only the round is shared; no person, no participation key.
            var shared = entity.GetProperties().Select(p => p.GetColumnName()).Where(participationColumns.Contains).ToList();
            Assert.Equal(["RoundId"], shared);
            Assert.DoesNotContain(entity.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == typeof(Participation) || fk.PrincipalEntityType.ClrType == typeof(StrategyPortal.Domain.Organisation.Person));
            Assert.DoesNotContain(participation.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == type);
            Assert.DoesNotContain(entity.GetReferencingForeignKeys(), fk => fk.DeclaringEntityType.ClrType == typeof(Participation));
            // Keyed by round and a random GUID, never a sequence; no time of day anywhere.
            var key = entity.FindPrimaryKey()!.Properties;
            Assert.Equal(["RoundId", "Id"], key.Select(p => p.Name));
            Assert.Equal(typeof(Guid), key[1].ClrType);
            Assert.Equal(ValueGenerated.Never, key[1].ValueGenerated);
            Assert.DoesNotContain(entity.GetProperties(), p => p.ValueGenerated == ValueGenerated.OnAdd);
            Assert.DoesNotContain(entity.GetProperties(), p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(TimeOnly));
        }
    }

    [Fact]
    public async Task Sqlite_stores_the_anonymous_tables_without_a_rowid_that_would_keep_insertion_order()
    {
        await using var ctx = new PortalBunitContext();
        await using var db = ctx.Db();
        foreach (var table in new[] { "Participations", "PulseResponses", "PulseComments" })
        {
            var sql = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE type = 'table' AND name = {0}", table).SingleAsync();
            Assert.EndsWith("WITHOUT ROWID", sql.Trim());
        }
        // And so the responses come back in key (random) order, not in the order they were written.
        var error = await Record.ExceptionAsync(() => db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM PulseResponses").ToListAsync());
        Assert.NotNull(error);
    }

    [Fact]
    public void Participations_responses_and_comments_are_never_audited()
    {
        Assert.NotNull(typeof(Participation).GetCustomAttribute<NotAuditedAttribute>());
        Assert.NotNull(typeof(PulseResponse).GetCustomAttribute<NotAuditedAttribute>());
        Assert.NotNull(typeof(PulseComment).GetCustomAttribute<NotAuditedAttribute>());
    }

    [Fact]
    public async Task Answering_writes_no_audit_entry()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var roundId = ctx.OpenRoundId();
        await using var before = ctx.Db();
        var auditsBefore = await before.AuditEntries.CountAsync();

        var result = await ctx.Services.GetRequiredService<PulseAnswerService>().SubmitAsync(roundId, PulseAnswerServiceTests.ValidAnswers(ctx, roundId));

        Assert.Equal(SubmitStatus.Stored, result.Status);
        await using var after = ctx.Db();
        Assert.Equal(auditsBefore, await after.AuditEntries.CountAsync());
    }

    [Fact]
    public void Nothing_the_engagement_services_return_carries_a_person_or_a_response_id()
    {
        var types = typeof(EngagementResultsService).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == typeof(EngagementResultsService).Namespace && !t.Name.EndsWith("Service", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.False(property.Name.Contains("Person", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("Email", StringComparison.OrdinalIgnoreCase),
                    $"{type.Name}.{property.Name} names a person");
                Assert.False(property.PropertyType == typeof(Guid) || property.PropertyType == typeof(Guid?), $"{type.Name}.{property.Name} hands out a response or comment id");
                Assert.False(property.PropertyType == typeof(DateTime) || property.PropertyType == typeof(DateTime?), $"{type.Name}.{property.Name} hands out a time of day");
            }
        }
    }

    [Fact]
    public async Task A_stored_response_has_only_the_day_and_a_random_id()
    {
        await using var ctx = new PortalBunitContext();
        var employee = ctx.SignInAs(DemoAccounts.Employee);
        var roundId = ctx.OpenRoundId();
        await using (var db = ctx.Db())
        {
            await db.PulseResponses.Where(r => r.RoundId == roundId).ExecuteDeleteAsync();
        }

        await ctx.Services.GetRequiredService<PulseAnswerService>().SubmitAsync(roundId, PulseAnswerServiceTests.ValidAnswers(ctx, roundId));

        await using var check = ctx.Db();
        var response = await check.PulseResponses.SingleAsync(r => r.RoundId == roundId);
        Assert.Equal(4, response.Id.Version);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), response.AnsweredOn);
        Assert.Equal(employee.OrgUnitId, response.UnitId);
        Assert.True(await check.Participations.AnyAsync(p => p.RoundId == roundId && p.PersonId == employee.PersonId));
    }
}
