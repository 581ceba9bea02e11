using StrategyPortal.IntegrationTests.Access;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// The portal with Entra sign-in pointed at <see cref="LocalOidcProvider"/> on 127.0.0.1 (never the internet),
/// configured the way an operator configures Entra: <c>AzureAd:Instance</c>, <c>TenantId</c>, <c>ClientId</c>, role
/// mapping; only <c>RequireHttpsMetadata</c> is relaxed because the local provider speaks http. Unknown users are
/// refused. The provider starts before the portal reads its settings and stops after it.
/// </summary>
public class EntraPortalFixture : PortalFixture
{
    public LocalOidcProvider Oidc { get; } = LocalOidcProvider.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("AzureAd:Instance", Oidc.Instance),
        new("AzureAd:TenantId", Oidc.TenantId),
        new("AzureAd:ClientId", LocalOidcProvider.ClientId),
        new("AzureAd:RequireHttpsMetadata", "false"),
        new("AzureAd:RoleMapping:Portal.Director", "Director"),
        new("AzureAd:RoleMapping:Portal.Manager", "Manager"),
        new("AzureAd:RoleMapping:Portal.Employee", "Employee"),
        new("AzureAd:UnknownUsers", "Refuse"),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

/// <summary>A fresh start without demo data (the setup page first), with Entra sign-in against the local provider: a new company's first day.</summary>
public sealed class FirstDayPortalFixture : EntraPortalFixture
{
    protected override bool DemoData => false;
}
