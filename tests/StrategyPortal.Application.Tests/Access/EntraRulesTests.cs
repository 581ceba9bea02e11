using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.Tests.Access;

/// <summary>The rules of Entra sign-in that need no database (the sign-in itself is tested end to end in the integration tests).</summary>
public class EntraRulesTests
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
        Assert.Equal(expected, EntraRules.IsConfiguredTenant(Tenant, tid, $"https://login.microsoftonline.com/{Tenant}/v2.0"));

    [Theory]
    [InlineData(Tenant, $"https://login.microsoftonline.com/{Tenant}/v2.0", true)]
    [InlineData(Other, $"https://login.microsoftonline.com/{Tenant}/v2.0", false)]
    [InlineData(Tenant, null, false)]
    public void With_a_domain_name_the_issuer_must_name_the_tid(string tid, string? issuer, bool expected) =>
        Assert.Equal(expected, EntraRules.IsConfiguredTenant("noordlicht.onmicrosoft.com", tid, issuer));

    private static readonly Dictionary<string, PortalRole> Mapping = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Portal.Employee"] = PortalRole.Employee,
        ["Portal.Manager"] = PortalRole.Manager,
        ["Portal.Director"] = PortalRole.Director,
    };

    [Theory]
    [InlineData(new[] { "Portal.Employee" }, PortalRole.Employee)]
    [InlineData(new[] { "portal.manager" }, PortalRole.Manager)]
    [InlineData(new[] { "Portal.Employee", "Something.Else", "Portal.Director", "Portal.Manager" }, PortalRole.Director)]
    public void The_highest_mapped_app_role_wins_and_case_does_not_matter(string[] appRoles, PortalRole expected) =>
        Assert.Equal(expected, EntraRules.MapRole(Mapping, appRoles));

    [Fact]
    public void No_mapped_app_role_gives_no_role() =>
        Assert.Null(EntraRules.MapRole(Mapping, ["Portal.Superuser", "Other"]));

    [Theory]
    [InlineData("a@b.example", null, "a@b.example")]
    [InlineData("a@b.example", true, "a@b.example")]
    [InlineData("a@b.example", false, null)]
    [InlineData("", null, null)]
    [InlineData(null, true, null)]
    public void Only_an_email_the_domain_owner_did_not_disown_is_matched(string? email, bool? verified, string? expected) =>
        Assert.Equal(expected, EntraRules.MatchableEmail(new EntraIdentity("oid", Tenant, null, email, verified, null, [])));
}
