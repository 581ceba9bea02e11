using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;

namespace StrategyPortal.Application.Scorecards;

/// <summary>A unit a scorecard can be made for.</summary>
public sealed record ScorecardUnit(int Id, string Name, int? ParentId, bool IsActive);

/// <summary>
/// The units scorecards are made for, without a signed-in user (the command line resolves <c>--unit NAME</c>,
/// the batch lists every unit). Callers that serve a person check permissions themselves.
/// </summary>
public sealed class ScorecardUnits(IPortalDbFactory dbFactory)
{
    public async Task<IReadOnlyList<ScorecardUnit>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new ScorecardUnit(u.Id, u.Name, u.ParentId, u.IsActive)).ToListAsync(cancellationToken);
        return units.OrderBy(u => u.ParentId is null ? 0 : 1).ThenBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The unit named <paramref name="name"/> (case and surrounding spaces ignored), or null.</summary>
    public async Task<ScorecardUnit?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var wanted = name.Trim();
        return (await GetAllAsync(cancellationToken)).FirstOrDefault(u => string.Equals(u.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }
}
