using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Web.Components.Layout;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>The demo accounts as theory data, and the menu pages each one's role may open.</summary>
public static class DemoRoles
{
    public static TheoryData<string> Accounts => new(OrganisationDemoSeed.Accounts.Select(a => a.Email));

    public static DemoAccount Account(string email) => OrganisationDemoSeed.Accounts.Single(a => a.Email == email);

    public static List<NavItem> PagesOf(DemoAccount account) =>
        Navigation.For(permission => RolePermissions.Allows(account.Role, permission)).ToList();
}
