using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Promises;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Promises;

/// <summary>
/// A change and the promise verdicts it moves are one transaction: when the verdicts cannot be stored (here a trigger
/// refuses them; in production the database went away between the two), the change is not stored either, so no saved
/// capability is left with its promises' old verdicts. (The scale-out tests stop PostgreSQL under such saves.)
/// </summary>
public abstract class VerdictAtomicityTests(PortalFactory factory)
{
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";

    [Fact]
    public async Task A_capability_whose_verdicts_cannot_be_stored_is_not_saved_either()
    {
        await using var manager = await factory.AsAsync(ServiceManager);
        var capabilities = manager.Get<CapabilityService>();
        var mine = (await capabilities.GetManageableUnitsAsync()).Select(u => u.Id).ToHashSet();
        int[] required;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = factory.NewDbContext())
            required = await db.PromiseRequirements
                .Where(r => db.MarketingPromises.Any(p => p.Id == r.PromiseId && (p.LiveTo == null || p.LiveTo >= today)))
                .Select(r => r.CapabilityId).Distinct().ToArrayAsync();
        var row = (await capabilities.ListAsync()).First(c => mine.Contains(c.OwnerUnitId) && required.Contains(c.Id));
        var input = CapabilityInput.From(row);
        // Maturity 1 is below what the promise requires: its verdict's reasons change with it.
        input.Maturity = row.Maturity == 1 ? 5 : 1;
        var verdictsBefore = await VerdictsAsync();

        await RefuseVerdictsAsync(true);
        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => capabilities.UpdateAsync(input));
        }
        finally
        {
            await RefuseVerdictsAsync(false);
        }

        var stored = (await capabilities.ListAsync()).Single(c => c.Id == row.Id);
        Assert.Equal(row.Maturity, stored.Maturity);
        Assert.Equal(row.Version, stored.Version);
        Assert.Equal(verdictsBefore, await VerdictsAsync());

        // With the verdicts storable again, the same save goes through and moves them.
        await capabilities.UpdateAsync(input);
        Assert.Equal(input.Maturity, (await capabilities.ListAsync()).Single(c => c.Id == row.Id).Maturity);
        Assert.NotEqual(verdictsBefore, await VerdictsAsync());
    }

    private async Task<List<string>> VerdictsAsync()
    {
        await using var db = factory.NewDbContext();
        return (await db.PromiseCheckResults.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Verdict, r.ReasonsJson }).ToListAsync())
            .Select(r => $"{r.Id} {r.Verdict} {r.ReasonsJson}").ToList();
    }

    private async Task RefuseVerdictsAsync(bool refuse)
    {
        await using var db = factory.NewDbContext();
        string[] statements = (factory.Provider, refuse) switch
        {
            (DatabaseProvider.Sqlite, true) =>
            [
                "CREATE TRIGGER refuse_verdict_insert BEFORE INSERT ON \"PromiseCheckResults\" BEGIN SELECT RAISE(ABORT, 'verdicts refused'); END",
                "CREATE TRIGGER refuse_verdict_update BEFORE UPDATE ON \"PromiseCheckResults\" BEGIN SELECT RAISE(ABORT, 'verdicts refused'); END",
            ],
            (DatabaseProvider.Sqlite, false) => ["DROP TRIGGER refuse_verdict_insert", "DROP TRIGGER refuse_verdict_update"],
            (_, true) =>
            [
                "CREATE FUNCTION refuse_verdicts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'verdicts refused'; END $$",
                "CREATE TRIGGER refuse_verdicts BEFORE INSERT OR UPDATE ON \"PromiseCheckResults\" FOR EACH ROW EXECUTE FUNCTION refuse_verdicts()",
            ],
            (_, false) => ["DROP TRIGGER refuse_verdicts ON \"PromiseCheckResults\"", "DROP FUNCTION refuse_verdicts()"],
        };
        foreach (var statement in statements) await db.Database.ExecuteSqlRawAsync(statement);
    }
}

public sealed class VerdictAtomicityTests_Sqlite(SqliteDemoPortal factory) : VerdictAtomicityTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class VerdictAtomicityTests_PostgreSql(PostgreSqlDemoPortal factory) : VerdictAtomicityTests(factory), IClassFixture<PostgreSqlDemoPortal>;
