using StrategyPortal.Application.Localization;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Scorecards;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// Generates the scorecards of running issues, one item at a time, safely from several instances:
/// an item is claimed with a conditional update and a lease, its PDFs (nl and en, both drawn from the
/// same frozen <see cref="ScorecardData"/>) are stored in one transaction together with marking it done,
/// and the issue is published only when every item is done. A failing item is retried after a delay
/// and, after <see cref="ScorecardOptions.MaxAttempts"/>, fails its issue (nothing of it becomes visible).
/// </summary>
public sealed class ScorecardIssueRunner(
    IPortalDbFactory dbFactory,
    IScorecardDataBuilder builder,
    IScorecardPdfWriter writer,
    ScorecardOptions options,
    TimeProvider clock,
    Notifications.Notices notices)
{
    public static IReadOnlyList<string> Languages { get; } = ["nl", "en"];

    /// <summary>Claims the next item that is waiting (or whose lease ran out) and returns its id; null when there is none.</summary>
    public async Task<int?> ClaimNextAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = Now;
        var running = db.ScorecardIssues.Where(i => i.Status == ScorecardIssueStatus.Running).Select(i => i.Id);
        var candidates = await db.ScorecardIssueItems.AsNoTracking()
            .Where(i => running.Contains(i.IssueId)
                && ((i.Status == ScorecardIssueItemStatus.Pending && (i.LeaseUntilUtc == null || i.LeaseUntilUtc <= now))
                    || (i.Status == ScorecardIssueItemStatus.Running && i.LeaseUntilUtc <= now)))
            .OrderBy(i => i.IssueId).ThenBy(i => i.Order)
            .Select(i => new { i.Id, i.Status, i.Attempts })
            .Take(8)
            .ToListAsync(cancellationToken);
        var leaseUntil = now.AddMinutes(Math.Max(0.1, options.LeaseMinutes));
        foreach (var candidate in candidates)
        {
            // Only one instance wins: the update matches only while the item is still as we read it.
            var claimed = await db.ScorecardIssueItems
                .Where(i => i.Id == candidate.Id && i.Status == candidate.Status && i.Attempts == candidate.Attempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ScorecardIssueItemStatus.Running)
                    .SetProperty(i => i.LeaseOwner, owner)
                    .SetProperty(i => i.LeaseUntilUtc, leaseUntil)
                    .SetProperty(i => i.Attempts, i => i.Attempts + 1), cancellationToken);
            if (claimed == 1) return candidate.Id;
        }
        return null;
    }

    /// <summary>Generates a claimed item. Never throws for a failing scorecard: the failure is recorded on the item.</summary>
    public async Task ProcessAsync(int itemId, string owner, CancellationToken cancellationToken = default)
    {
        ScorecardIssueItem item;
        ScorecardIssue issue;
        string unitName;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            item = await db.ScorecardIssueItems.AsNoTracking().FirstAsync(i => i.Id == itemId, cancellationToken);
            issue = await db.ScorecardIssues.AsNoTracking().FirstAsync(i => i.Id == item.IssueId, cancellationToken);
            unitName = item.OrgUnitId is { } unitId
                ? await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(cancellationToken)
                : await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        }

        try
        {
            var data = await builder.BuildAsync(new ScorecardRequest(issue.Quarter, item.OrgUnitId), cancellationToken);
            var snapshot = ScorecardJson.Serialize(data);
            var frozen = ScorecardJson.Deserialize(snapshot);
            var files = Languages
                .Select(language => (language, pdf: writer.Write(frozen, PortalCultures.Of(language))))
                .ToList();
            await StoreAsync(item, issue, unitName, snapshot, files, owner, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            await RecordFailureAsync(item, owner, e, cancellationToken);
        }
        await CompleteIssueIfFinishedAsync(issue.Id, cancellationToken);
    }

    private async Task StoreAsync(ScorecardIssueItem item, ScorecardIssue issue, string unitName, string snapshot,
        IReadOnlyList<(string Language, byte[] Pdf)> files, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var stored = await db.InTransactionAsync(async ct =>
        {
            var done = await db.ScorecardIssueItems
                .Where(i => i.Id == item.Id && i.Status == ScorecardIssueItemStatus.Running && i.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ScorecardIssueItemStatus.Done)
                    .SetProperty(i => i.LeaseUntilUtc, (DateTime?)null)
                    .SetProperty(i => i.LastError, (string?)null), ct);
            if (done != 1) return false;
            var issuedAt = Now;
            foreach (var (language, pdf) in files)
            {
                var scorecard = new IssuedScorecard(issue.Id, issue.Quarter, issue.Number, item.OrgUnitId, unitName, language,
                    Sha256Of(pdf), pdf.Length, issue.RequestedByName, issuedAt);
                db.IssuedScorecards.Add(scorecard);
                db.IssuedScorecardContents.Add(new IssuedScorecardContent(scorecard, pdf, snapshot));
            }
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
        if (!stored) throw new InvalidOperationException("The scorecard's lease was lost to another worker; it keeps the item.");
    }

    private async Task RecordFailureAsync(ScorecardIssueItem item, string owner, Exception error, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var attempts = await db.ScorecardIssueItems.Where(i => i.Id == item.Id).Select(i => i.Attempts).FirstAsync(cancellationToken);
        var final = attempts >= Math.Max(1, options.MaxAttempts);
        var message = $"{error.GetType().Name}: {error.Message}";
        if (message.Length > ScorecardIssueItem.ErrorMaxLength) message = message[..ScorecardIssueItem.ErrorMaxLength];
        var retryAt = Now.AddSeconds(Math.Max(0, options.RetryDelaySeconds));
        await db.ScorecardIssueItems
            .Where(i => i.Id == item.Id && i.LeaseOwner == owner && i.Status == ScorecardIssueItemStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, final ? ScorecardIssueItemStatus.Failed : ScorecardIssueItemStatus.Pending)
                .SetProperty(i => i.LeaseOwner, (string?)null)
                .SetProperty(i => i.LeaseUntilUtc, final ? (DateTime?)null : retryAt)
                .SetProperty(i => i.LastError, message), cancellationToken);
    }

    /// <summary>Publishes the issue when all its items are done, or fails it when an item failed for good and nothing is left to do.</summary>
    public async Task CompleteIssueIfFinishedAsync(int issueId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var counts = await db.ScorecardIssueItems.Where(i => i.IssueId == issueId)
            .GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var open = counts.GetValueOrDefault(ScorecardIssueItemStatus.Pending) + counts.GetValueOrDefault(ScorecardIssueItemStatus.Running);
        if (open > 0) return;
        var status = counts.GetValueOrDefault(ScorecardIssueItemStatus.Failed) > 0 ? ScorecardIssueStatus.Failed : ScorecardIssueStatus.Issued;
        var now = Now;
        await db.InTransactionAsync(async ct =>
        {
            // Conditional, so of two instances finishing the last items at once only one completes the issue. Publishing
            // (or failing) an issue is a change of an audited kind: its entry is written explicitly, in the same transaction.
            var completed = await db.ScorecardIssues
                .Where(i => i.Id == issueId && i.Status == ScorecardIssueStatus.Running)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, status)
                    .SetProperty(i => i.CompletedAtUtc, now), ct);
            if (completed != 1) return completed;
            db.AuditDirectChange<ScorecardIssue>(issueId, AuditAction.Changed,
                new AuditValue(nameof(ScorecardIssue.Status), ScorecardIssueStatus.Running, status),
                new AuditValue(nameof(ScorecardIssue.CompletedAtUtc), null, now));
            // Published: directors and managers hear of it in the same transaction.
            if (status == ScorecardIssueStatus.Issued)
                await notices.ScorecardsIssuedAsync(db, await db.ScorecardIssues.AsNoTracking().FirstAsync(i => i.Id == issueId, ct), ct);
            await db.SaveChangesAsync(ct);
            return completed;
        }, cancellationToken);
        notices.Wake();
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
