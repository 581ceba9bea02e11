using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Home;

public enum OpenWorkKind
{
    /// <summary>An open pulse round the reader has not answered (one item per round).</summary>
    AnswerPulse,

    /// <summary>Signals forwarded to marketing that wait for the reader's acknowledgement.</summary>
    AcknowledgeSignals,

    /// <summary>Promises the reader owns that are live (or going live) while Unbacked.</summary>
    UnbackedPromises,

    /// <summary>Active standards of the reader's units without a result for the current quarter.</summary>
    MissingResults,

    /// <summary>The last ended quarter's scorecards are issued and can be read.</summary>
    ScorecardsReady,

    /// <summary>The last ended quarter has no scorecards yet, and the reader may issue them.</summary>
    IssueScorecards,

    /// <summary>Outgoing e-mails failed for good and wait for an administrator.</summary>
    MailFailed,
}

/// <summary>One thing that needs the reader: how many, about what (a pulse's title, a quarter), where to do it and by when.</summary>
public sealed record OpenWorkItem(OpenWorkKind Kind, int Count, string? Subject, string Href, DateOnly? Due = null);

/// <summary>The reader's quarter at a glance: the scorecard cover's key figures for the company (directors) or their unit (managers).</summary>
public sealed record QuarterGlance(ScorecardKeyFigures Figures, string ScopeName, bool Issued);

/// <summary>
/// What the home page shows each role. "What needs me now" gathers open work from the features' own services, each
/// asked as the reader (so scope and permissions are theirs). "Quarter at a glance" reads the scorecard of the last
/// ended quarter — the issued one's frozen numbers when there is one, else the draft built from live data — through
/// <see cref="ScorecardKeyFigures"/>, the same figures the scorecard's cover prints.
/// </summary>
public sealed class HomeService(
    ICurrentUser currentUser,
    AccessScope accessScope,
    IPortalDbFactory dbFactory,
    PulseAnswerService pulses,
    SignalService signals,
    PromiseService promises,
    ScorecardService scorecards,
    IScorecardDataBuilder builder,
    MailAdminService mail,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<OpenWorkItem>> GetOpenWorkAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.IsAuthenticated) return [];
        var items = new List<OpenWorkItem>();

        if (user.Can(Permission.EngagementAnswer))
            items.AddRange((await pulses.GetOpenPulsesAsync(cancellationToken)).Where(p => !p.Answered)
                .Select(p => new OpenWorkItem(OpenWorkKind.AnswerPulse, 1, p.Title, $"/pulses/{p.RoundId}", p.ClosesOn)));

        if (user.Can(Permission.SignalsAcknowledge))
        {
            var waiting = await signals.ListAsync(new SignalQuery { Status = SignalStatus.AwaitingAcknowledgement, PageSize = 1 }, cancellationToken);
            // Only marketing may acknowledge: service managers see their own forwarded signals waiting too, but not as their work.
            if (waiting.Total > 0 && waiting.Items[0].CanAcknowledge)
                items.Add(new OpenWorkItem(OpenWorkKind.AcknowledgeSignals, waiting.Total, null, "/signals"));
        }

        if (user.Role == PortalRole.Manager)
        {
            var owned = (await promises.GetNoticesAsync(cancellationToken)).Count(n => n.Owned);
            if (owned > 0) items.Add(new OpenWorkItem(OpenWorkKind.UnbackedPromises, owned, null, "/promises"));
        }

        if (user.Can(Permission.ResultsRecord))
        {
            var quarter = Quarter.Of(clock.GetUtcNow().UtcDateTime);
            var missing = await MissingResultsAsync(user, quarter, cancellationToken);
            if (missing > 0) items.Add(new OpenWorkItem(OpenWorkKind.MissingResults, missing, quarter.ToString(), "/standards"));
        }

        if (user.Can(Permission.ScorecardsRead))
        {
            var view = await scorecards.GetQuarterAsync(scorecards.DefaultQuarter, cancellationToken);
            if (view.Scorecards.Count > 0)
                items.Add(new OpenWorkItem(OpenWorkKind.ScorecardsReady, view.Scorecards.Count, view.Quarter.ToString(), "/scorecards"));
            else if (view.CanIssue && view.QuarterEnded && view.LatestIssue is not { IsRunning: true })
                items.Add(new OpenWorkItem(OpenWorkKind.IssueScorecards, 1, view.Quarter.ToString(), "/scorecards"));
        }

        if (user.Can(Permission.MailManage))
        {
            var overview = await mail.GetOverviewAsync(cancellationToken);
            if (overview.Failed > 0) items.Add(new OpenWorkItem(OpenWorkKind.MailFailed, overview.Failed, null, "/admin/mail"));
        }
        return items;
    }

    /// <summary>The key figures of the last ended quarter for directors (the company) and managers (their unit); null for other roles.</summary>
    public async Task<QuarterGlance?> GetGlanceAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        int? unitId = user.Role switch
        {
            PortalRole.Director => null,
            PortalRole.Manager when user.OrgUnitId is { } own => own,
            _ => -1,
        };
        if (unitId == -1 || !user.Can(Permission.ScorecardsRead)) return null;
        var quarter = scorecards.DefaultQuarter;
        var (data, issued) = await ScorecardDataAsync(quarter, unitId, cancellationToken);
        return new QuarterGlance(ScorecardKeyFigures.Of(data), data.UnitName ?? data.CompanyName, issued);
    }

    /// <summary>The scorecard data of a quarter and scope: the newest issued version's snapshot, else a draft from live data.</summary>
    internal async Task<(ScorecardData Data, bool Issued)> ScorecardDataAsync(Quarter quarter, int? unitId, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var published = db.ScorecardIssues.Where(i => i.QuarterKey == quarter.Key && i.Status == ScorecardIssueStatus.Issued).Select(i => i.Id);
            var snapshot = await db.IssuedScorecards.AsNoTracking()
                .Where(s => published.Contains(s.IssueId) && s.OrgUnitId == unitId && s.Language == "en")
                .OrderByDescending(s => s.IssueNumber)
                .Join(db.IssuedScorecardContents, s => s.Id, c => c.IssuedScorecardId, (s, c) => c.SnapshotJson)
                .FirstOrDefaultAsync(cancellationToken);
            if (snapshot is not null) return (ScorecardJson.Deserialize(snapshot), true);
        }
        return (await builder.BuildAsync(new ScorecardRequest(quarter, unitId), cancellationToken), false);
    }

    private async Task<int> MissingResultsAsync(UserContext user, Quarter quarter, CancellationToken cancellationToken)
    {
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standards = await StandardsService.ScopedStandards(db, scope).Include(s => s.Versions).Where(s => s.Status == StandardStatus.Active).ToListAsync(cancellationToken);
        var rows = await StandardsService.JudgeAsync(db, standards, quarter, cancellationToken);
        // Active in the quarter (a version in force) and no result yet.
        return rows.Count(r => r.Target is not null && r.Actual is null && standards.First(s => s.Id == r.Id).VersionFor(quarter) is { Status: StandardStatus.Active });
    }
}
