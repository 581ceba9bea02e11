using System.Globalization;
using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using StrategyPortal.Application;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Components.Shared;

namespace StrategyPortal.Web.Tests.Support;

/// <summary>
/// A bUnit context wired like the real app: application services and Infrastructure over an
/// in-memory SQLite database holding the demo company. <see cref="SignInAs"/> picks the user.
/// </summary>
public class PortalBunitContext : BunitContext
{
    private readonly SqliteConnection _keepAlive;
    private readonly TestCurrentUser _currentUser = new();
    private readonly BunitAuthorizationContext _auth;

    /// <param name="configure">Replaces or adds services before the app's are used (e.g. a fake engagement source).</param>
    public PortalBunitContext(string culture = "en", Action<IServiceCollection>? configure = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var connectionString = $"Data Source=file:bunit-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();

        JSInterop.Mode = JSRuntimeMode.Loose;
        // Pages load through real services and SQLite; on a busy 2-core machine that takes more than bUnit's default second.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = connectionString,
            ["Portal:DemoData"] = "true",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddDataProtection();
        Services.AddLocalization();
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddPortalApplication();
        Services.AddPortalInfrastructure(configuration, AppContext.BaseDirectory);
        Services.AddScoped<UiErrors>();
        Services.AddScoped<StrategyPortal.Web.Access.AuditFormat>();
        Services.AddTransient<MudLocalizer, StrategyPortal.Web.Localization.PortalMudLocalizer>();
        Services.AddScoped<StrategyPortal.Web.Actions.ActionFormat>();
        Services.AddSingleton<ICurrentUser>(_currentUser);
        _auth = AddAuthorization();
        configure?.Invoke(Services);

        Services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(seedDemoData: true).GetAwaiter().GetResult();
    }

    /// <summary>Signs in as the demo person with this e-mail: the fake auth state and <see cref="ICurrentUser"/> both follow.</summary>
    public UserContext SignInAs(string email)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var person = db.People.AsNoTracking().Single(p => p.Email == email);
        var user = new UserContext(person.Id, person.Name, person.Role, person.OrgUnitId);
        _currentUser.User = user;
        _auth.SetAuthorized(person.Name);
        _auth.SetRoles(person.Role.ToString());
        _auth.SetPolicies(RolePermissions.For(person.Role).ToArray());
        _auth.SetClaims(
            [new Claim(PortalClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.GivenName, person.Name),
             .. RolePermissions.For(person.Role).Select(p => new Claim(PortalClaims.Permission, p))]);
        return user;
    }

    /// <summary>Nobody signed in (a visitor with a personal link).</summary>
    public void SignOut()
    {
        _currentUser.User = UserContext.Anonymous;
        _auth.SetNotAuthorized();
    }

    /// <summary>Renders a page together with the MudBlazor providers that dialogs, menus and selects need.</summary>
    public IRenderedComponent<ProviderHost> RenderWithProviders<TComponent>() where TComponent : IComponent =>
        Render<ProviderHost>(p => p.Add(h => h.ChildContent, builder =>
        {
            builder.OpenComponent<TComponent>(0);
            builder.CloseComponent();
        }));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _keepAlive.Dispose();
    }

    private sealed class TestCurrentUser : ICurrentUser
    {
        public UserContext User { get; set; } = UserContext.Anonymous;
        public Task<UserContext> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(User);
    }
}

/// <summary>MudBlazor's providers around the component under test.</summary>
public sealed class ProviderHost : ComponentBase
{
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.AddContent(3, ChildContent);
    }
}
