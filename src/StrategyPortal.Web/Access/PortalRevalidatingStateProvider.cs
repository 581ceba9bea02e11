using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StrategyPortal.Infrastructure.Identity;

namespace StrategyPortal.Web.Access;

/// <summary>
/// Checks an open circuit's user against the database every minute: a sign-out (its server-side session
/// ended, in this browser or through a copy of its cookie), a deactivated person, a new role or a new
/// security stamp ends the interactive session.
/// </summary>
public sealed class PortalRevalidatingStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options,
    IOptions<CircuitRevalidationOptions> revalidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => revalidation.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        if (!await IsSessionOpenAsync(scope.ServiceProvider, authenticationState.User, cancellationToken)) return false;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await IsStampCurrentAsync(users, authenticationState.User);
    }

    /// <summary>Whether the sign-in behind a circuit's user still has its server-side session.</summary>
    internal static async Task<bool> IsSessionOpenAsync(IServiceProvider services, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true) return true;
        var secret = ServerSessions.SecretOf(principal);
        return secret is not null && await services.GetRequiredService<StrategyPortal.Application.Access.ISignInSessions>().IsActiveAsync(secret, cancellationToken);
    }

    private async Task<bool> IsStampCurrentAsync(UserManager<PortalUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user)) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>How often an open circuit checks its sign-in (one minute; the browser tests shorten it to see a sign-out land).</summary>
public sealed class CircuitRevalidationOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
