using StrategyPortal.Application.Localization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Scorecards;

namespace StrategyPortal.Application.Scorecards;

public sealed record ScorecardFile(int Id, string Language, string Sha256, int SizeBytes);

public sealed record ScorecardVersion(int IssueNumber, DateTime IssuedAtUtc, string IssuedByName, IReadOnlyList<ScorecardFile> Files);

/// <summary>One scorecard of a quarter (the company's when <see cref="UnitId"/> is null) with its current and earlier versions.</summary>
public sealed record ScorecardListing(int? UnitId, string UnitName, ScorecardVersion Current, IReadOnlyList<ScorecardVersion> Earlier);

public sealed record ScorecardFailure(string UnitName, string Error);

public sealed record ScorecardIssueProgress(
    int IssueId, Quarter Quarter, int Number, ScorecardIssueStatus Status, int Total, int Done, int Failed,
    string RequestedByName, DateTime RequestedAtUtc, DateTime? CompletedAtUtc, IReadOnlyList<ScorecardFailure> Failures)
{
    public bool IsRunning => Status == ScorecardIssueStatus.Running;
    public int Percent => Total == 0 ? 100 : (int)Math.Round(100.0 * Done / Total);
}

public sealed record ScorecardQuarterView(
    Quarter Quarter, bool QuarterEnded, bool CanIssue, ScorecardIssueProgress? LatestIssue,
    IReadOnlyList<ScorecardListing> Scorecards, IReadOnlyList<ScorecardUnitChoice> DraftChoices);

/// <summary>A scorecard the user may preview as a draft: the company's (null) or a unit's.</summary>
public sealed record ScorecardUnitChoice(int? UnitId, string Name);

public sealed record ScorecardPdf(byte[] Bytes, string FileName, string? Sha256);

/// <summary>
/// The scorecards a user works with: the list per quarter (directors all, managers their own units),
/// downloads of issued versions, draft previews from live data, and issuing a quarter (directors).
/// </summary>
public sealed class ScorecardService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IScorecardDataBuilder builder,
    IScorecardPdfWriter writer,
    ScorecardIssueSignal signal,
    MessageText text,
    TimeProvider clock)
{
    /// <summary>The quarters the page offers: the last eight ended ones and the running one, newest first.</summary>
    public IReadOnlyList<Quarter> Quarters()
    {
        var quarters = new List<Quarter>(9);
        for (var q = Quarter.Of(Today); quarters.Count < 9; q = q.Previous) quarters.Add(q);
        return quarters;
    }

    public Quarter DefaultQuarter => Quarter.Of(Today).Previous;

    public async Task<ScorecardQuarterView> GetQuarterAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ScorecardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);

        var issued = await db.ScorecardIssues.AsNoTracking()
            .Where(i => i.QuarterKey == quarter.Key && i.Status == ScorecardIssueStatus.Issued)
            .Select(i => i.Id).ToListAsync(cancellationToken);
        var files = await db.IssuedScorecards.AsNoTracking()
            .Where(s => issued.Contains(s.IssueId))
            .ToListAsync(cancellationToken);
        var listings = files
            .Where(s => Visible(scope, s.OrgUnitId))
            .GroupBy(s => s.OrgUnitId)
            .Select(unit =>
            {
                var versions = unit.GroupBy(s => s.IssueNumber).OrderByDescending(v => v.Key)
                    .Select(v => new ScorecardVersion(v.Key, v.Max(s => s.IssuedAtUtc), v.First().IssuedByName,
                        v.OrderBy(s => s.Language == "nl" ? 0 : 1).Select(s => new ScorecardFile(s.Id, s.Language, s.Sha256, s.SizeBytes)).ToList()))
                    .ToList();
                var name = unit.OrderByDescending(s => s.IssueNumber).First().UnitName;
                return new ScorecardListing(unit.Key, name, versions[0], versions.Skip(1).ToList());
            })
            .OrderBy(l => l.UnitId is null ? 0 : 1).ThenBy(l => l.UnitName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        var canIssue = user.Can(Permission.ScorecardsIssue);
        var latest = canIssue ? await LatestIssueAsync(db, quarter, cancellationToken) : null;
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(cancellationToken);
        var choices = units.Where(u => u.ParentId is null && scope.All).Select(u => new ScorecardUnitChoice(null, u.Name))
            .Concat(units.Where(u => u.ParentId is not null && scope.Includes(u.Id)).Select(u => new ScorecardUnitChoice(u.Id, u.Name)))
            .ToList();
        return new ScorecardQuarterView(quarter, quarter.End < Today, canIssue, latest, listings, choices);
    }

    /// <summary>Starts issuing <paramref name="quarter"/>: the company's scorecard and one per active unit, generated in the background.</summary>
    public async Task<ScorecardIssueProgress> IssueAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ScorecardsIssue);
        if (quarter.End >= Today) throw new ValidationFailedException("", text.Format("scorecard.quarter-not-ended", quarter.ToString()));
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await db.ScorecardIssues.AnyAsync(i => i.QuarterKey == quarter.Key && i.Status == ScorecardIssueStatus.Running, cancellationToken))
            throw new ValidationFailedException("", text.Format("scorecard.already-issuing", quarter.ToString()));

        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.ParentId != null)
            .Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var number = (await db.ScorecardIssues.Where(i => i.QuarterKey == quarter.Key).MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;
        var issue = new ScorecardIssue(quarter, number, user.PersonId, user.Name ?? "?", units.Count + 1, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.ScorecardIssues.Add(issue);
                await db.SaveChangesAsync(ct);
                db.ScorecardIssueItems.Add(new ScorecardIssueItem(issue.Id, null, 0));
                var order = 1;
                foreach (var unit in units.OrderBy(u => u.Id)) db.ScorecardIssueItems.Add(new ScorecardIssueItem(issue.Id, unit.Id, order++));
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two directors pressed at once: the unique (quarter, number) let one through.
            throw new ValidationFailedException("", text.Format("scorecard.already-issuing", quarter.ToString()));
        }
        signal.Notify();
        return await ProgressAsync(db, issue.Id, cancellationToken);
    }

    public async Task<ScorecardIssueProgress> GetProgressAsync(int issueId, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.ScorecardsIssue);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await ProgressAsync(db, issueId, cancellationToken);
    }

    /// <summary>Gives the failed scorecards of a failed issue a new set of attempts; the issue runs again.</summary>
    public async Task<ScorecardIssueProgress> RetryFailedAsync(int issueId, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.ScorecardsIssue);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            // One conditional statement, so two directors retrying at once reopen the issue once; the audit entry is
            // written explicitly in the same transaction (ExecuteUpdate passes the audit interceptor by).
            var failedAt = await db.ScorecardIssues.AsNoTracking().Where(i => i.Id == issueId).Select(i => i.CompletedAtUtc).FirstOrDefaultAsync(ct);
            var reopened = await db.ScorecardIssues.Where(i => i.Id == issueId && i.Status == ScorecardIssueStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ScorecardIssueStatus.Running).SetProperty(i => i.CompletedAtUtc, (DateTime?)null), ct);
            if (reopened != 1) return reopened;
            // The items are job bookkeeping ([NotAudited]): their new attempts are not a change of their own.
            await db.ScorecardIssueItems.Where(i => i.IssueId == issueId && i.Status == ScorecardIssueItemStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ScorecardIssueItemStatus.Pending)
                    .SetProperty(i => i.Attempts, 0).SetProperty(i => i.LeaseUntilUtc, (DateTime?)null), ct);
            db.AuditDirectChange<ScorecardIssue>(issueId, AuditAction.Changed,
                new AuditValue(nameof(ScorecardIssue.Status), ScorecardIssueStatus.Failed, ScorecardIssueStatus.Running),
                new AuditValue(nameof(ScorecardIssue.CompletedAtUtc), failedAt, null));
            await db.SaveChangesAsync(ct);
            return reopened;
        }, cancellationToken);
        signal.Notify();
        return await ProgressAsync(db, issueId, cancellationToken);
    }

    /// <summary>An issued scorecard's PDF, exactly as stored when it was issued.</summary>
    public async Task<ScorecardPdf> GetIssuedAsync(int scorecardId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ScorecardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var scorecard = await db.IssuedScorecards.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scorecardId, cancellationToken);
        if (scorecard is null
            || !await db.ScorecardIssues.AnyAsync(i => i.Id == scorecard.IssueId && i.Status == ScorecardIssueStatus.Issued, cancellationToken))
            throw new NotFoundException("Scorecard", scorecardId);
        if (!Visible(scope, scorecard.OrgUnitId)) throw new ForbiddenException();
        var pdf = await db.IssuedScorecardContents.AsNoTracking().Where(c => c.IssuedScorecardId == scorecardId)
            .Select(c => c.Pdf).FirstAsync(cancellationToken);
        return new ScorecardPdf(pdf, FileName(scorecard.Quarter, scorecard.UnitName, scorecard.Language, scorecard.IssueNumber), scorecard.Sha256);
    }

    /// <summary>A draft from today's data; nothing is stored.</summary>
    public async Task<ScorecardPdf> RenderDraftAsync(Quarter quarter, int? unitId, string language, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ScorecardsRead);
        if (language is not ("nl" or "en")) throw new ValidationFailedException("", text["scorecard.language"]);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        if (!Visible(scope, unitId)) throw new ForbiddenException();
        string name;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            name = await db.OrgUnits.AsNoTracking().Where(u => unitId == null ? u.ParentId == null : u.Id == unitId)
                .Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Unit", unitId ?? 0);
        }
        var data = await builder.BuildAsync(new ScorecardRequest(quarter, unitId), cancellationToken);
        var pdf = writer.Write(data, PortalCultures.Of(language));
        return new ScorecardPdf(pdf, FileName(quarter, name, language, null), null);
    }

    public static string FileName(Quarter quarter, string unitName, string language, int? issueNumber)
    {
        var safe = new string(unitName.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var version = issueNumber is { } n ? $"v{n}" : "draft";
        return $"scorecard-{quarter}-{safe}-{language}-{version}.pdf";
    }

    private static bool Visible(UnitScope scope, int? unitId) => unitId is { } id ? scope.Includes(id) : scope.All;

    private static async Task<ScorecardIssueProgress?> LatestIssueAsync(IPortalDb db, Quarter quarter, CancellationToken cancellationToken)
    {
        var id = await db.ScorecardIssues.Where(i => i.QuarterKey == quarter.Key).OrderByDescending(i => i.Number)
            .Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } issueId ? await ProgressAsync(db, issueId, cancellationToken) : null;
    }

    private static async Task<ScorecardIssueProgress> ProgressAsync(IPortalDb db, int issueId, CancellationToken cancellationToken)
    {
        var issue = await db.ScorecardIssues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, cancellationToken)
            ?? throw new NotFoundException("Scorecard issue", issueId);
        var items = await db.ScorecardIssueItems.AsNoTracking().Where(i => i.IssueId == issueId)
            .Select(i => new { i.OrgUnitId, i.Status, i.LastError }).ToListAsync(cancellationToken);
        var failedUnitIds = items.Where(i => i.Status == ScorecardIssueItemStatus.Failed && i.OrgUnitId != null).Select(i => i.OrgUnitId!.Value).ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => failedUnitIds.Contains(u.Id) || u.ParentId == null)
            .Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(cancellationToken);
        var company = names.FirstOrDefault(n => n.ParentId is null)?.Name ?? "";
        var failures = items.Where(i => i.Status == ScorecardIssueItemStatus.Failed)
            .Select(i => new ScorecardFailure(i.OrgUnitId is { } u ? names.FirstOrDefault(n => n.Id == u)?.Name ?? u.ToString(CultureInfo.InvariantCulture) : company, i.LastError ?? ""))
            .ToList();
        return new ScorecardIssueProgress(issue.Id, issue.Quarter, issue.Number, issue.Status, issue.Total,
            items.Count(i => i.Status == ScorecardIssueItemStatus.Done), failures.Count,
            issue.RequestedByName, issue.RequestedAtUtc, issue.CompletedAtUtc, failures);
    }

    private DateOnly Today => clock.Today();
}
