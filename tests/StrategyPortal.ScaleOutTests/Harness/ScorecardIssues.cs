using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Scorecards;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>A scorecard an instance had claimed, and until when its lease ran.</summary>
public sealed record HeldItem(int Id, int? UnitId, DateTime LeaseUntilUtc);

/// <summary>Issuing a quarter's scorecards, catching an instance while it holds one, and checking what was published.</summary>
public static class ScorecardIssues
{
    /// <summary>The director issues the last ended quarter (the company's scorecard and one per active unit). Returns the issue's id.</summary>
    public static async Task<int> IssueAsync(PortalServices portal)
    {
        await using var director = await portal.AsAsync(Company.Director);
        var scorecards = director.ServiceProvider.GetRequiredService<ScorecardService>();
        return (await scorecards.IssueAsync(scorecards.DefaultQuarter)).IssueId;
    }

    /// <summary>
    /// Waits until <paramref name="victim"/> holds a scorecard of the issue (a claimed item under its lease), freezes it,
    /// lets <paramref name="settle"/> wait until nothing it sent is still being executed, and kills it when the stored
    /// state shows an item it holds; if it had just finished one, it runs on until it holds the next. Returns the ids of
    /// the items it held when it died (they stay claimed until their lease runs out).
    /// </summary>
    public static async Task<IReadOnlyList<HeldItem>> KillWhileItHoldsOneAsync(PortalServices portal, PortalInstance victim, int issueId, Func<Task> settle)
    {
        var owner = $":{victim.ProcessId.ToString(CultureInfo.InvariantCulture)}:";
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Eventually.TrueAsync(async () => (await HeldByAsync(portal, issueId, owner)).Count > 0, TimeSpan.FromMinutes(3),
                $"instance {victim.Name} to claim a scorecard", () => victim.LogTail());
            victim.Freeze();
            await settle();
            var held = await HeldByAsync(portal, issueId, owner);
            if (held.Count > 0)
            {
                await victim.KillAsync();
                return held;
            }
            victim.Resume();
        }
        throw new InvalidOperationException($"Instance {victim.Name} was never caught holding a scorecard.");
    }

    private static async Task<List<HeldItem>> HeldByAsync(PortalServices portal, int issueId, string owner)
    {
        await using var db = portal.NewDbContext();
        return await db.ScorecardIssueItems.AsNoTracking()
            .Where(i => i.IssueId == issueId && i.Status == ScorecardIssueItemStatus.Running && i.LeaseOwner != null && i.LeaseOwner.Contains(owner))
            .Select(i => new HeldItem(i.Id, i.OrgUnitId, i.LeaseUntilUtc!.Value)).ToListAsync();
    }

    /// <summary>Asserts that each held item was generated again, by <paramref name="survivor"/>, only after its lease ran out.</summary>
    public static async Task AssertTakenOverAfterTheLeaseAsync(PortalServices portal, int issueId, IReadOnlyList<HeldItem> held, PortalInstance survivor)
    {
        await using var db = portal.NewDbContext();
        foreach (var item in held)
        {
            var now = await db.ScorecardIssueItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
            Assert.True(now.Attempts >= 2, $"item {item.Id}: {now.Attempts} attempts");
            Assert.Contains($":{survivor.ProcessId.ToString(CultureInfo.InvariantCulture)}:", now.LeaseOwner, StringComparison.Ordinal);
            var stored = await db.IssuedScorecards.AsNoTracking().Where(s => s.IssueId == issueId && s.OrgUnitId == item.UnitId).Select(s => s.IssuedAtUtc).ToListAsync();
            Assert.All(stored, at => Assert.True(at >= item.LeaseUntilUtc, $"item {item.Id} stored at {at:O}, its lease ran until {item.LeaseUntilUtc:O}"));
        }
    }

    public static async Task WaitUntilFinishedAsync(PortalServices portal, int issueId, TimeSpan limit, Func<string> diagnostics) =>
        await Eventually.TrueAsync(async () =>
        {
            await using var db = portal.NewDbContext();
            return await db.ScorecardIssues.AnyAsync(i => i.Id == issueId && i.Status != ScorecardIssueStatus.Running);
        }, limit, $"scorecard issue {issueId} to finish", diagnostics);

    /// <summary>
    /// Published once and complete: the issue is Issued and its publication audited once; every item is done; the company
    /// and each of <paramref name="units"/> units have exactly one scorecard per language; every PDF's SHA-256 is the one
    /// stored beside it, and drawing its frozen snapshot again gives that same document.
    /// </summary>
    public static async Task AssertPublishedOnceAndCompleteAsync(PortalServices portal, int issueId, int units, string? artifacts = null)
    {
        await using var db = portal.NewDbContext();
        var issue = await db.ScorecardIssues.AsNoTracking().SingleAsync(i => i.Id == issueId);
        Assert.Equal(ScorecardIssueStatus.Issued, issue.Status);
        Assert.Equal(1, await db.ScorecardIssues.CountAsync(i => i.QuarterKey == issue.QuarterKey));
        var key = issueId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ScorecardIssue) && a.EntityId == key && a.Action == AuditAction.Changed));

        var items = await db.ScorecardIssueItems.AsNoTracking().Where(i => i.IssueId == issueId).ToListAsync();
        Assert.Equal(units + 1, items.Count);
        Assert.All(items, i => Assert.Equal(ScorecardIssueItemStatus.Done, i.Status));

        var scorecards = await db.IssuedScorecards.AsNoTracking().Where(s => s.IssueId == issueId).ToListAsync();
        Assert.Equal(2 * (units + 1), scorecards.Count);
        Assert.Equal(items.Select(i => i.OrgUnitId).Order(), scorecards.Where(s => s.Language == "nl").Select(s => s.OrgUnitId).Order());
        Assert.Equal(items.Select(i => i.OrgUnitId).Order(), scorecards.Where(s => s.Language == "en").Select(s => s.OrgUnitId).Order());

        var writer = portal.Services.GetRequiredService<IScorecardPdfWriter>();
        foreach (var scorecard in scorecards)
        {
            var content = await db.IssuedScorecardContents.AsNoTracking().SingleAsync(c => c.IssuedScorecardId == scorecard.Id);
            Assert.Equal(scorecard.Sha256, ScorecardIssueRunner.Sha256Of(content.Pdf));
            Assert.Equal(scorecard.SizeBytes, content.Pdf.Length);
            var redrawn = writer.Write(ScorecardJson.Deserialize(content.SnapshotJson), PortalCultures.Of(scorecard.Language));
            if (ScorecardIssueRunner.Sha256Of(redrawn) != scorecard.Sha256 && artifacts is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(artifacts, $"scorecard-{scorecard.Id}-stored.pdf"), content.Pdf);
                await File.WriteAllBytesAsync(Path.Combine(artifacts, $"scorecard-{scorecard.Id}-redrawn.pdf"), redrawn);
            }
            Assert.Equal(scorecard.Sha256, ScorecardIssueRunner.Sha256Of(redrawn));
        }
    }
}
