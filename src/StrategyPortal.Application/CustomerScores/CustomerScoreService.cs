using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>
/// Reads customer scores for a unit (with its sub-units) or the company. Quarter figures come from the
/// quarter summary table the import maintains, so eight quarters of millions of daily rows answer in
/// milliseconds; months are summed from the daily rows of one quarter.
/// </summary>
public sealed class CustomerScoreService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IUnitEngagementSource engagementSource,
    TimeProvider clock)
{
    public const int TrendQuarters = 8;

    public Quarter CurrentQuarter => Quarter.Of(clock.Today());

    /// <summary>The units the reader may choose, in tree order. Managers: their own unit and below; directors and administrators: all, the company first.</summary>
    public async Task<IReadOnlyList<ScoreUnitOption>> GetUnitsAsync(CancellationToken cancellationToken = default)
    {
        var (_, scope) = await DemandReadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        return OrganisationService.TreeOrder(units, new Dictionary<int, int>(), scope, includeInactive: false)
            .Where(u => scope.Includes(u.Id))
            .Select(u => new ScoreUnitOption(u.Id, u.Name, u.Path, u.Depth, u.ParentId is null))
            .ToList();
    }

    /// <summary>The quarter view: the chosen quarter and the trend of the <see cref="TrendQuarters"/> quarters up to it. <paramref name="unitId"/> null: the company.</summary>
    public async Task<CustomerScoreView> GetViewAsync(int? unitId, Quarter quarter, ServiceChannel? channel, CancellationToken cancellationToken = default)
    {
        var (_, scope) = await DemandReadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name }).ToListAsync(cancellationToken);
        var root = units.FirstOrDefault(u => u.ParentId is null) ?? throw new NotFoundException("Unit", "company");
        var target = units.FirstOrDefault(u => u.Id == (unitId ?? root.Id)) ?? throw new NotFoundException("Unit", unitId ?? root.Id);
        if (!scope.Includes(target.Id)) throw new ForbiddenException();
        var subtree = new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(target.Id).ToList();

        var first = FirstTrendQuarter(quarter);
        var rows = await QuarterRowsAsync(db, target.ParentId is null ? null : subtree, first, quarter, cancellationToken);

        var channels = rows.Select(r => r.Channel).Distinct().Order().ToList();
        var chosen = channel is null or ServiceChannel.Any ? rows : rows.Where(r => r.Channel == channel).ToList();
        var byQuarter = chosen.GroupBy(r => r.QuarterKey).ToDictionary(g => g.Key, g => ScoreCounts.Sum(g.Select(r => r.ToCounts())));
        var trend = Quarter.Range(first, quarter)
            .Select(q => new QuarterScores(q, new ScoreSummary(byQuarter.TryGetValue(q.Key, out var c) ? c : new ScoreCounts())))
            .ToList();
        return new CustomerScoreView(target.Id, target.Name, target.ParentId is null, quarter, channel is ServiceChannel.Any ? null : channel,
            trend[^1].Scores, trend, channels);
    }

    /// <summary>The months of one quarter, summed from the daily rows (days → months, by adding counts).</summary>
    public async Task<IReadOnlyList<MonthScores>> GetMonthsAsync(int? unitId, Quarter quarter, ServiceChannel? channel, CancellationToken cancellationToken = default)
    {
        var (_, scope) = await DemandReadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var target = unitId ?? units.First(u => u.ParentId is null).Id;
        if (!scope.Includes(target)) throw new ForbiddenException();
        var subtree = new OrgTree(units.Select(u => (u.Id, u.ParentId))).SubtreeOf(target).ToList();
        DateOnly start = quarter.Start, end = quarter.End;
        var records = db.CustomerScoreRecords.AsNoTracking().Where(r => r.Date >= start && r.Date <= end && subtree.Contains(r.OrgUnitId));
        if (channel is { } c && c != ServiceChannel.Any) records = records.Where(r => r.Channel == c);
        var days = await ScoreSums.PerDay(records).ToListAsync(cancellationToken);
        var months = ScoreRollup.ByMonth(days.Select(d => (d.Date, d.ToCounts())));
        return Enumerable.Range(0, 3)
            .Select(i => quarter.Start.AddMonths(i))
            .Select(m => new MonthScores(m.Year, m.Month, new ScoreSummary(months.TryGetValue((m.Year, m.Month), out var counts) ? counts : new ScoreCounts())))
            .ToList();
    }

    /// <summary>
    /// Engagement beside customer scores for every visible unit and quarter in the range. The customer side
    /// of a point is the quarter <paramref name="lagQuarters"/> after the engagement quarter (0 or 1).
    /// Units the pulses suppress are left out and only counted.
    /// </summary>
    public async Task<EngagementComparison> GetEngagementComparisonAsync(Quarter from, Quarter to, int lagQuarters = 0, CancellationToken cancellationToken = default)
    {
        var (_, scope) = await DemandReadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await CompareAsync(db, engagementSource, scope, from, to, lagQuarters, cancellationToken);
    }

    /// <summary>The first quarter of a trend of <see cref="TrendQuarters"/> quarters ending with <paramref name="last"/>.</summary>
    internal static Quarter FirstTrendQuarter(Quarter last)
    {
        var first = last;
        for (var i = 1; i < TrendQuarters; i++) first = first.Previous;
        return first;
    }

    /// <summary>
    /// Summary rows per quarter and channel, summed over <paramref name="subtree"/> (null: the company, every unit).
    /// Shared by the scores page and the scorecards (which run without a signed-in user).
    /// </summary>
    internal static async Task<List<QuarterChannelSums>> QuarterRowsAsync(IPortalDb db, IReadOnlyCollection<int>? subtree, Quarter first, Quarter last, CancellationToken cancellationToken)
    {
        int fromKey = first.Key, toKey = last.Key;
        var query = db.CustomerScoreQuarters.AsNoTracking().Where(q => q.QuarterKey >= fromKey && q.QuarterKey <= toKey);
        // The company is every unit: no unit filter at all (a filter of every id would only slow the query down).
        if (subtree is not null)
        {
            var ids = subtree.ToList();
            query = query.Where(q => ids.Contains(q.OrgUnitId));
        }
        return await QuarterSums.PerQuarterAndChannel(query).ToListAsync(cancellationToken);
    }

    /// <summary>The engagement × customer comparison over the units of <paramref name="scope"/>, without a signed-in user.</summary>
    internal static async Task<EngagementComparison> CompareAsync(IPortalDb db, IUnitEngagementSource engagementSource, UnitScope scope,
        Quarter from, Quarter to, int lagQuarters, CancellationToken cancellationToken)
    {
        lagQuarters = Math.Clamp(lagQuarters, 0, 1);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.ParentId, u.Name }).ToListAsync(cancellationToken);
        var visible = units.Where(u => scope.Includes(u.Id)).ToList();
        var engagement = await engagementSource.GetAsync(visible.Select(u => u.Id).ToList(), from, to, cancellationToken);
        var relevant = engagement.Where(e => scope.Includes(e.UnitId) && e.Quarter >= from && e.Quarter <= to).ToList();
        if (relevant.Count == 0) return new EngagementComparison(false, [], 0, from, to, lagQuarters);

        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        var lastCustomer = lagQuarters == 1 ? to.Next : to;
        int fromKey = (lagQuarters == 1 ? from.Next : from).Key, toKey = lastCustomer.Key;
        var summaries = await db.CustomerScoreQuarters.AsNoTracking()
            .Where(q => q.QuarterKey >= fromKey && q.QuarterKey <= toKey)
            .ToListAsync(cancellationToken);
        var byUnitQuarter = summaries.GroupBy(s => (s.OrgUnitId, s.QuarterKey))
            .ToDictionary(g => g.Key, g => ScoreCounts.Sum(g.Select(s => s.ToCounts())));
        var names = units.ToDictionary(u => u.Id, u => u.Name);

        var points = new List<ComparisonPoint>();
        foreach (var e in relevant.Where(e => !e.Suppressed && names.ContainsKey(e.UnitId)).OrderBy(e => e.Quarter).ThenBy(e => names[e.UnitId], StringComparer.CurrentCulture))
        {
            var customerQuarter = lagQuarters == 1 ? e.Quarter.Next : e.Quarter;
            var counts = ScoreCounts.Sum(tree.SubtreeOf(e.UnitId)
                .Select(id => byUnitQuarter.TryGetValue((id, customerQuarter.Key), out var c) ? c : null)
                .OfType<ScoreCounts>());
            if (counts.IsEmpty) continue;
            points.Add(new ComparisonPoint(e.UnitId, names[e.UnitId], e.Quarter, customerQuarter, e.EngagedShare, e.Enps,
                CustomerScoreFormulas.Nps(counts), CustomerScoreFormulas.Csat(counts), counts.NpsResponses, counts.CsatResponses));
        }
        return new EngagementComparison(true, points, relevant.Count(e => e.Suppressed), from, to, lagQuarters);
    }

    private async Task<(UserContext User, UnitScope Scope)> DemandReadAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.CustomerScoresRead);
        return (user, await accessScope.ForAsync(user, cancellationToken));
    }
}
