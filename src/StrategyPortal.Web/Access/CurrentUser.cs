using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Web.Access;

/// <summary>Reads the signed-in person fresh from the database once per scope (request or circuit refresh).</summary>
/// <remarks>Reads through the raw context factory: <see cref="IPortalDbFactory"/> asks this class who acts.</remarks>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IDbContextFactory<PortalDbContext> dbFactory) : ICurrentUser
{
    private UserContext? _cached;
    private string? _cachedFor;

    public async Task<UserContext> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var claim = state.User.FindFirst(PortalClaims.PersonId)?.Value;
        if (claim is null || !int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)) return UserContext.Anonymous;
        if (_cached is not null && _cachedFor == claim) return _cached;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        _cached = person is { IsActive: true } ? new UserContext(person.Id, person.Name, person.Role, person.OrgUnitId) : UserContext.Anonymous;
        _cachedFor = claim;
        return _cached;
    }
}
