using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Access;

/// <summary>Reads the signed-in person fresh from the database once per scope (request or circuit refresh).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IUserContextSource people) : ICurrentUser
{
    private UserContext? _cached;
    private string? _cachedFor;

    public async Task<UserContext> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var claim = state.User.FindFirst(PortalClaims.PersonId)?.Value;
        if (claim is null || !int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)) return UserContext.Anonymous;
        if (_cached is not null && _cachedFor == claim) return _cached;

        _cached = await people.ForPersonAsync(personId, cancellationToken);
        _cachedFor = claim;
        return _cached;
    }
}
