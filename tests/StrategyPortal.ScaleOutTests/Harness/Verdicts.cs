using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Promises;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>Promise verdicts against the data they are drawn from.</summary>
public static class Verdicts
{
    public const string Manager = "manager.klantenservice@noordlicht.example";

    /// <summary>A capability the Klantenservice manager may edit and a live or upcoming promise requires (its maturity moves verdicts).</summary>
    public static async Task<int> RequiredCapabilityAsync(PortalServices portal)
    {
        await using var manager = await portal.AsAsync(Manager);
        var capabilities = manager.ServiceProvider.GetRequiredService<CapabilityService>();
        var mine = (await capabilities.GetManageableUnitsAsync()).Select(u => u.Id).ToHashSet();
        await using var db = portal.NewDbContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var required = await db.PromiseRequirements.AsNoTracking()
            .Where(r => db.MarketingPromises.Any(p => p.Id == r.PromiseId && (p.LiveTo == null || p.LiveTo >= today)))
            .Select(r => r.CapabilityId).Distinct().ToListAsync();
        return (await capabilities.ListAsync()).First(c => mine.Contains(c.OwnerUnitId) && required.Contains(c.Id)).Id;
    }

    /// <summary>The manager sets the capability's maturity to 5 and back to 1, by turns, as its edit dialog saves it.</summary>
    public static async Task ToggleMaturityAsync(PortalServices portal, int capabilityId, CancellationToken cancellationToken = default)
    {
        await using var manager = await portal.AsAsync(Manager);
        var capabilities = manager.ServiceProvider.GetRequiredService<CapabilityService>();
        var row = (await capabilities.ListAsync(cancellationToken: cancellationToken)).Single(c => c.Id == capabilityId);
        var input = CapabilityInput.From(row);
        input.Maturity = row.Maturity == 5 ? 1 : 5;
        await capabilities.UpdateAsync(input, cancellationToken);
    }

    /// <summary>
    /// Every live or upcoming promise's stored verdict (for the quarter it is judged in) is what evaluating it on the stored
    /// data gives now. (An ended promise keeps the verdict it was given on the capabilities of its time.)
    /// </summary>
    public static async Task AssertStoredVerdictsAreCurrentAsync(PortalServices portal)
    {
        await using var scope = SystemScope.Create(portal.Services);
        var runner = scope.ServiceProvider.GetRequiredService<PromiseCheckRunner>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IPortalDbFactory>().CreateAsync();
        var promises = await db.MarketingPromises.AsNoTracking().Include(p => p.Requirements).ToListAsync();
        var current = runner.CurrentQuarter;
        var fresh = await runner.ComputeAsync(db, promises, p => PromiseCheckRunner.JudgedQuarter(p, current) is var judged && judged >= current ? [judged] : []);
        var stored = await db.PromiseCheckResults.AsNoTracking().ToListAsync();
        Assert.NotEmpty(fresh);
        foreach (var ((promiseId, quarterKey), (outcome, complaints)) in fresh)
        {
            var row = stored.SingleOrDefault(r => r.PromiseId == promiseId && r.QuarterKey == quarterKey);
            Assert.True(row is not null, $"promise {promiseId} has no verdict for {Quarter.FromKey(quarterKey)}");
            var expected = new PromiseCheckResult(promiseId, Quarter.FromKey(quarterKey), outcome, complaints, DateTime.UtcNow);
            Assert.True((expected.Verdict, expected.ReasonsJson, expected.Complaints) == (row.Verdict, row.ReasonsJson, row.Complaints),
                $"promise {promiseId}, {Quarter.FromKey(quarterKey)}: stored {row.Verdict} {row.ReasonsJson} (evaluated {row.EvaluatedAtUtc:O}), the data says {expected.Verdict} {expected.ReasonsJson}");
        }
    }
}
