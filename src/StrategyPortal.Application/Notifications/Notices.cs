using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Notifications;

/// <summary>
/// Who hears of which change, in one place: each method works out the recipients of one kind of notice and queues it in
/// the caller's unit of work (<see cref="NoticeOutbox"/>), so the notice commits with the change or not at all.
/// </summary>
public sealed class Notices(NoticeOutbox outbox)
{
    /// <summary>A signal was forwarded to marketing: the managers of the marketing units.</summary>
    public async Task SignalForwardedAsync(IPortalDb db, ServiceSignal signal, CancellationToken cancellationToken)
    {
        var marketing = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Kind == OrgUnitKind.Marketing)
            .Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var managers = await UnitManagers.OfAsync(db, marketing.Select(u => u.Id), cancellationToken);
        var unitsOf = managers.SelectMany(m => m.Value.Select(person => (person, unit: marketing.First(u => u.Id == m.Key).Name)))
            .GroupBy(x => x.person).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.unit).Distinct().Order(StringComparer.CurrentCulture)));
        if (unitsOf.Count == 0) return;
        var unitName = await UnitNameAsync(db, signal.UnitId, cancellationToken);
        var claim = signal.PromiseId is { } promiseId
            ? await db.MarketingPromises.AsNoTracking().Where(p => p.Id == promiseId).Select(p => p.Claim).FirstOrDefaultAsync(cancellationToken)
            : null;
        await outbox.AddAsync(db, NoticeKind.SignalForwarded, unitsOf.Keys.ToList(), person => new SignalForwardedNotice(signal.Id, unitName, signal.Kind,
            signal.Count, signal.Date, signal.Text, claim, signal.ForwardedByName ?? string.Empty, unitsOf[person]), cancellationToken);
    }

    /// <summary>Marketing acknowledged a signal: whoever forwarded it and whoever logged it.</summary>
    public async Task SignalAcknowledgedAsync(IPortalDb db, ServiceSignal signal, CancellationToken cancellationToken)
    {
        var roles = new Dictionary<int, string>();
        if (signal.ForwardedById is { } forwardedBy) roles[forwardedBy] = "forwarded";
        roles.TryAdd(signal.LoggedById, "logged");
        var unitName = await UnitNameAsync(db, signal.UnitId, cancellationToken);
        await outbox.AddAsync(db, NoticeKind.SignalAcknowledged, roles.Keys, person => new SignalAcknowledgedNotice(signal.Id, unitName, signal.Kind,
            signal.Date, signal.Text, signal.AcknowledgedByName ?? string.Empty, roles[person]), cancellationToken);
    }

    /// <summary>
    /// A promise became Unbacked in the quarter it is judged in, while it is live or about to go live: its owner, and the
    /// managers of the units whose capabilities it leans on.
    /// </summary>
    public async Task PromiseUnbackedAsync(IPortalDb db, MarketingPromise promise, Quarter quarter, PromiseCheckOutcome outcome, CancellationToken cancellationToken)
    {
        var capabilityIds = promise.Requirements.Select(r => r.CapabilityId).Distinct().ToList();
        var capabilityUnits = await db.Capabilities.AsNoTracking().Where(c => capabilityIds.Contains(c.Id)).Select(c => c.OwnerUnitId).Distinct().ToListAsync(cancellationToken);
        var names = await db.OrgUnits.AsNoTracking().Where(u => capabilityUnits.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var managers = await UnitManagers.OfAsync(db, capabilityUnits, cancellationToken);
        var concerned = new Dictionary<int, string?> { [promise.OwnerPersonId] = null };
        foreach (var (unitId, people) in managers.OrderBy(m => names.GetValueOrDefault(m.Key), StringComparer.CurrentCulture))
            foreach (var person in people)
                if (!concerned.ContainsKey(person)) concerned[person] = names.GetValueOrDefault(unitId, string.Empty);
        await outbox.AddAsync(db, NoticeKind.PromiseUnbacked, concerned.Keys, person => new PromiseUnbackedNotice(promise.Id, promise.Claim, promise.LiveFrom,
            quarter.Key, outcome.Reasons, concerned[person]), cancellationToken);
    }

    /// <summary>Results turned standards red (not red before, red now, for that quarter): the managers of each standard's unit.</summary>
    public async Task StandardsTurnedRedAsync(IPortalDb db, IReadOnlyList<(ServiceStandard Standard, Quarter Quarter, double? Before, double After)> results,
        CancellationToken cancellationToken)
    {
        var turned = results
            .Where(r => r.Standard.Judge(r.Quarter, r.After) == RagStatus.Red && r.Standard.Judge(r.Quarter, r.Before) != RagStatus.Red)
            .ToList();
        if (turned.Count == 0) return;
        var unitIds = turned.Select(r => r.Standard.VersionFor(r.Quarter)?.OwnerUnitId ?? r.Standard.OwnerUnitId).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var managers = await UnitManagers.OfAsync(db, unitIds, cancellationToken);
        foreach (var (standard, quarter, _, after) in turned)
        {
            var version = standard.VersionFor(quarter)!;
            var payload = new StandardRedNotice(standard.Id, version.Title, names.GetValueOrDefault(version.OwnerUnitId, string.Empty), quarter.Key, after,
                version.Target, version.Unit, version.Direction);
            await outbox.AddAsync(db, NoticeKind.StandardRed, managers.GetValueOrDefault(version.OwnerUnitId) ?? [], payload, cancellationToken);
        }
    }

    /// <summary>A quarter's scorecards were published: directors get the company's, each manager the scorecards of their units.</summary>
    public async Task ScorecardsIssuedAsync(IPortalDb db, ScorecardIssue issue, CancellationToken cancellationToken)
    {
        var issued = await db.IssuedScorecards.AsNoTracking().Where(s => s.IssueId == issue.Id && s.Language == "en")
            .Select(s => new { s.OrgUnitId, s.UnitName }).ToListAsync(cancellationToken);
        if (issued.Count == 0) return;
        var directors = await UnitManagers.DirectorsAsync(db, cancellationToken);
        var company = issued.FirstOrDefault(s => s.OrgUnitId is null);
        if (company is not null)
            await outbox.AddAsync(db, NoticeKind.ScorecardsIssued, directors, new ScorecardsIssuedNotice(issue.Id, issue.QuarterKey, issue.Number, issue.RequestedByName,
                "director", [new IssuedUnit(null, company.UnitName)]), cancellationToken);

        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        var managers = await db.People.AsNoTracking().Where(p => p.IsActive && p.Role == Domain.Access.PortalRole.Manager)
            .Select(p => new { p.Id, p.OrgUnitId }).ToListAsync(cancellationToken);
        var theirs = managers.ToDictionary(m => m.Id, m =>
        {
            var subtree = tree.SubtreeOf(m.OrgUnitId).ToHashSet();
            return issued.Where(s => s.OrgUnitId is { } id && subtree.Contains(id)).OrderBy(s => s.OrgUnitId == m.OrgUnitId ? 0 : 1)
                .ThenBy(s => s.UnitName, StringComparer.CurrentCulture).Select(s => new IssuedUnit(s.OrgUnitId, s.UnitName)).ToList();
        });
        await outbox.AddAsync(db, NoticeKind.ScorecardsIssued, theirs.Where(t => t.Value.Count > 0).Select(t => t.Key).ToList(),
            person => new ScorecardsIssuedNotice(issue.Id, issue.QuarterKey, issue.Number, issue.RequestedByName, "manager", theirs[person]), cancellationToken);
    }

    /// <summary>A person was given a local account by invitation: a set-your-password link, made when the message is sent.</summary>
    public Task AccountInvitationAsync(IPortalDb db, int personId, string invitedByName, CancellationToken cancellationToken) =>
        outbox.AddAsync(db, NoticeKind.AccountInvitation, [personId], new AccountInvitationNotice(personId, invitedByName), cancellationToken);

    public void Wake() => outbox.Wake();

    private static async Task<string> UnitNameAsync(IPortalDb db, int unitId, CancellationToken cancellationToken) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
}
