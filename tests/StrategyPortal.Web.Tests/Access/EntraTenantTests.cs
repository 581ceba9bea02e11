using StrategyPortal.Web.Access;

namespace StrategyPortal.Web.Tests.Access;

/// <summary>Which tokens count as the configured tenant's (the sign-in itself is tested end to end in the integration tests).</summary>
public class EntraTenantTests
{
    private const string Tenant = "9b1f4c2e-4a57-4a8e-9d0e-3f0c1b6a7d21";
    private const string Other = "0d6f2a3b-1c4e-4f5a-8b9c-7e6d5c4b3a21";

    [Theory]
    [InlineData(Tenant, true)]
    [InlineData("9B1F4C2E-4A57-4A8E-9D0E-3F0C1B6A7D21", true)]
    [InlineData(Other, false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void With_a_tenant_id_the_tid_must_be_that_tenant(string? tid, bool expected) =>
        Assert.Equal(expected, EntraSignIn.IsConfiguredTenant(new EntraOptions { TenantId = Tenant }, tid, $"https://login.microsoftonline.com/{Tenant}/v2.0"));

    [Theory]
    [InlineData(Tenant, $"https://login.microsoftonline.com/{Tenant}/v2.0", true)]
    [InlineData(Other, $"https://login.microsoftonline.com/{Tenant}/v2.0", false)]
    [InlineData(Tenant, null, false)]
    public void With_a_domain_name_the_issuer_must_name_the_tid(string tid, string? issuer, bool expected) =>
        Assert.Equal(expected, EntraSignIn.IsConfiguredTenant(new EntraOptions { TenantId = "noordlicht.onmicrosoft.com" }, tid, issuer));
}
