using StrategyPortal.IntegrationTests.Access;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// The portal with Entra sign-in pointed at <see cref="LocalOidcProvider"/> on 127.0.0.1 (never the internet),
/// configured the way an operator configures Entra: <c>AzureAd:Instance</c>, <c>TenantId</c>, <c>ClientId</c>, role
/// mapping. The provider speaks https with a certificate the test made, which the portal's Entra clients and
/// Chromium trust (<see cref="LocalOidcProvider.TrustIn"/>, <see cref="BrowserFixture"/>). Unknown users are
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
        new("AzureAd:RoleMapping:Portal.Director", "Director"),
        new("AzureAd:RoleMapping:Portal.Manager", "Manager"),
        new("AzureAd:RoleMapping:Portal.Employee", "Employee"),
        new("AzureAd:UnknownUsers", "Refuse"),
    ];

    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => LocalOidcProvider.TrustIn(services);

    /// <summary>
    /// Starts the portal, then has it read the provider's metadata once (a sign-in challenge): on a loaded machine the
    /// first https round trip to the freshly started provider has taken longer than a journey's click timeout.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(3) };
        using var challenge = await http.GetAsync(new Uri(BaseAddress, "/account/login/entra"));
        if (challenge.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The portal's Entra challenge answered {(int)challenge.StatusCode}; see {LogFile}.");
    }

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
