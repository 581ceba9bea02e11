using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace StrategyPortal.Web.Scorecards;

/// <summary>
/// A DI scope for work that no person does (the command line, background issuing): its authentication state
/// is set to nobody, so services that ask who acts (the audit actor of <c>IPortalDbFactory</c>) hear
/// "anonymous" instead of failing outside a request or circuit.
/// </summary>
public static class AnonymousScope
{
    public static AsyncServiceScope Create(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        return scope;
    }
}
