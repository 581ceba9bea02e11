using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>Puts the person, their role and the role's permissions into the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(
    UserManager<PortalUser> userManager,
    IOptions<IdentityOptions> options,
    PortalDbContext db)
    : UserClaimsPrincipalFactory<PortalUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == user.PersonId);
        if (person is null || !person.IsActive) return identity;
        identity.AddClaim(new Claim(PortalClaims.PersonId, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, person.Name));
        identity.AddClaim(new Claim(ClaimTypes.Role, person.Role.ToString()));
        foreach (var permission in RolePermissions.For(person.Role))
            identity.AddClaim(new Claim(PortalClaims.Permission, permission));
        return identity;
    }
}
