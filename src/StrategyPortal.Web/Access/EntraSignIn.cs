using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Identity;

namespace StrategyPortal.Web.Access;

/// <summary>
/// Turns a token that Microsoft.Identity.Web validated into a portal sign-in: reads its claims, lets the application
/// decide who it is (<see cref="IEntraSignIn"/>: tenant, matching, roles, provisioning, refusals) and signs in with the
/// portal's own Identity cookie, so the rest of the portal sees the same principal as after a password sign-in.
/// </summary>
public sealed class EntraSignIn(IOptions<EntraOptions> options, IEntraSignIn decide, SignInManager<PortalUser> signIn, ILogger<EntraSignIn> logger)
{
    public const string ObjectIdClaim = "oid";
    public const string RolesClaim = "roles";
    public const string EmailClaim = "email";
    public const string TenantClaim = "tid";

    /// <summary>Entra's optional claim "e-mail domain owner verified".</summary>
    public const string EmailDomainVerifiedClaim = "xms_edov";

    /// <summary>Null when the user is signed in; else the refusal reason (one of <see cref="EntraRefusal"/>).</summary>
    public async Task<string?> SignInAsync(ClaimsPrincipal token, CancellationToken cancellationToken = default)
    {
        var decision = await decide.DecideAsync(IdentityOf(token), options.Value.Rules, cancellationToken);
        if (decision.Refusal is not null) return decision.Refusal;
        // Read now: a role change from the app roles renewed the security stamp.
        var user = await signIn.UserManager.FindByIdAsync(decision.UserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return EntraRefusal.Failed;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: EntraOptions.Scheme);
        logger.LogInformation("Signed in with Entra: user {UserId}, person {PersonId}", user.Id, user.PersonId);
        return null;
    }

    /// <summary>What the application needs of the token's claims (names as the token has them: no claim mapping).</summary>
    public static EntraIdentity IdentityOf(ClaimsPrincipal token)
    {
        var verified = token.FindFirst(EmailDomainVerifiedClaim)?.Value;
        bool? domainVerified = verified is null ? null
            : !(string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase) || verified == "0");
        return new EntraIdentity(
            token.FindFirst(ObjectIdClaim)?.Value,
            token.FindFirst(TenantClaim)?.Value,
            token.FindFirst("iss")?.Value,
            token.FindFirst(EmailClaim)?.Value,
            domainVerified,
            token.FindFirst("name")?.Value,
            token.FindAll(RolesClaim).Select(c => c.Value).ToList());
    }
}
