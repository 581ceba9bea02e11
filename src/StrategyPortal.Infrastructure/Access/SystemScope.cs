using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace StrategyPortal.Infrastructure.Access;

/// <summary>
/// A DI scope for work that no person does (background jobs, the command line): its authentication state is set to
/// nobody, so services that ask who acts (the audit actor of <c>IPortalDbFactory</c>) hear "system" instead of
/// failing outside a request or circuit.
/// </summary>
public static class SystemScope
{
    public static AsyncServiceScope Create(IServiceProvider services) => Create(services.GetRequiredService<IServiceScopeFactory>());

    public static AsyncServiceScope Create(IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        return scope;
    }
}
