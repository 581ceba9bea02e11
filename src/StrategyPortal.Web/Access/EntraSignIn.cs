using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Web.Access;

/// <summary>Why an Entra sign-in was refused; the refusal page explains each (SignIn.Refused.{reason}).</summary>
public static class EntraRefusal
{
    public const string NoRole = "no-role";
    public const string Ambiguous = "ambiguous";
    public const string Erased = "erased";
    public const string Inactive = "inactive";
    public const string Unknown = "unknown";
    public const string MissingClaims = "missing-claims";
    public const string Failed = "failed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { NoRole, Ambiguous, Erased, Inactive, Unknown, MissingClaims, Failed };
}

/// <summary>
/// Turns a validated Entra ID token into a portal sign-in: checks it is for the configured tenant, finds the person, maps the app roles to the
/// portal role, provisions or refuses unknown users, and signs in with the portal's own Identity cookie,
/// so the rest of the portal sees the same principal as after a password sign-in. A refusal changes nothing.
/// </summary>
/// <remarks>
/// Matching: the object id (<c>oid</c>, stored as the user's Entra login at the first sign-in) decides. Only a
/// token whose object id is not linked yet is matched by e-mail, and only by the <c>email</c> claim, never by
/// <c>preferred_username</c> or <c>upn</c> (a user can change those in some tenants, and they need not be an
/// address the tenant verified); an <c>email</c> the token marks as not verified by the domain's owner
/// (<c>xms_edov</c> false) is not used either. An e-mail match that would take over an account is refused as a
/// conflict (<see cref="EntraRefusal.Ambiguous"/>): the person with that e-mail is already linked to another
/// object id, or the object id is linked to one person while the e-mail belongs to another.
/// </remarks>
public sealed class EntraSignIn(
    IOptions<EntraOptions> options,
    PortalDbContext db,
    SignInManager<PortalUser> signIn,
    IAccountService accounts,
    ILogger<EntraSignIn> logger)
{
    public const string ObjectIdClaim = "oid";
    public const string RolesClaim = "roles";
    public const string EmailClaim = "email";
    public const string TenantClaim = "tid";

    /// <summary>Entra's optional claim "e-mail domain owner verified".</summary>
    public const string EmailDomainVerifiedClaim = "xms_edov";

    /// <summary>
    /// Who the audit log names for a role change made by the app roles at sign-in: the person signing in (so an erasure
    /// pseudonymises it with the rest of their entries), marked as coming from Entra, never "system".
    /// </summary>
    public static AuditActor AuditActorFor(Person person) => new(person.Id, $"{person.Name} (Entra ID sign-in)");

    /// <summary>Who the audit log names for a person provisioned at their first Entra sign-in.</summary>
    public static AuditActor ProvisioningActor { get; } = new(null, "Entra ID sign-in");

    /// <summary>Null when the user is signed in; else the refusal reason (one of <see cref="EntraRefusal"/>).</summary>
    public async Task<string?> SignInAsync(ClaimsPrincipal token, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var objectId = token.FindFirst(ObjectIdClaim)?.Value;
        // Microsoft.Identity.Web's issuer validator accepts the configured issuer whatever tid says (it compares tid
        // only with an issuer template); the user must belong to the configured tenant.
        var tenant = token.FindFirst(TenantClaim)?.Value;
        if (!IsConfiguredTenant(settings, tenant, token.FindFirst("iss")?.Value))
            return Refuse(EntraRefusal.Failed, objectId, $"the token is for tenant {tenant ?? "(none)"}, not the configured tenant");
        if (string.IsNullOrWhiteSpace(objectId)) return Refuse(EntraRefusal.MissingClaims, objectId);
        var email = VerifiedEmail(token);

        var role = MapRole(settings, token.FindAll(RolesClaim).Select(c => c.Value));
        if (role is null) return Refuse(EntraRefusal.NoRole, objectId);

        var linked = await signIn.UserManager.FindByLoginAsync(EntraOptions.Scheme, objectId);
        if (linked?.ErasedEmailHash is not null) return Refuse(EntraRefusal.Erased, objectId);
        if (linked is null && email is not null)
        {
            var erasedHash = PersonErasure.EmailHash(email);
            if (await db.Users.AnyAsync(u => u.ErasedEmailHash == erasedHash, cancellationToken)) return Refuse(EntraRefusal.Erased, objectId);
        }
        var normalised = email is null ? null : Person.NormaliseEmail(email);
        var byEmail = normalised is null ? null : await db.People.FirstOrDefaultAsync(p => p.Email == normalised, cancellationToken);

        Person? person;
        PortalUser? user;
        if (linked is not null)
        {
            if (byEmail is not null && byEmail.Id != linked.PersonId)
                return Refuse(EntraRefusal.Ambiguous, objectId, $"the object id is linked to person {linked.PersonId}, the e-mail belongs to person {byEmail.Id}");
            person = await db.People.FirstOrDefaultAsync(p => p.Id == linked.PersonId, cancellationToken);
            if (person is null) return Refuse(EntraRefusal.Unknown, objectId, $"the object id is linked to person {linked.PersonId}, who no longer exists");
            user = linked;
        }
        else
        {
            if (email is null) return Refuse(EntraRefusal.MissingClaims, objectId, "no verified email claim to match a person by");
            person = byEmail;
            user = person is null ? null : await db.Users.FirstOrDefaultAsync(u => u.PersonId == person.Id, cancellationToken);
            if (user?.ErasedEmailHash is not null) return Refuse(EntraRefusal.Erased, objectId);
            if (user is not null && (await signIn.UserManager.GetLoginsAsync(user)).Any(l => l.LoginProvider == EntraOptions.Scheme))
                return Refuse(EntraRefusal.Ambiguous, objectId, $"the e-mail belongs to person {person!.Id}, whose account is linked to another object id");
        }

        if (person is { IsErased: true }) return Refuse(EntraRefusal.Erased, objectId);
        if (person is { IsActive: false }) return Refuse(EntraRefusal.Inactive, objectId);
        if (person is null)
        {
            if (settings.UnknownUsers != UnknownEntraUsers.Provision) return Refuse(EntraRefusal.Unknown, objectId);
            person = await ProvisionAsync(settings, token, email!, role.Value, cancellationToken);
            if (person is null) return Refuse(EntraRefusal.Unknown, objectId);
        }
        else if (person.Role != role.Value)
        {
            logger.LogInformation("Entra sign-in: person {PersonId} changes role {From} → {To} from the app roles", person.Id, person.Role, role.Value);
            db.Actor = AuditActorFor(person);
            person.Update(person.Name, person.Email, person.OrgUnitId, role.Value);
            await db.SaveChangesAsync(cancellationToken);
            await accounts.SyncWithPersonAsync(person.Id, cancellationToken);
        }

        user ??= await CreateUserAsync(person);
        if (user is null) return Refuse(EntraRefusal.Failed, objectId);
        var logins = await signIn.UserManager.GetLoginsAsync(user);
        if (!logins.Any(l => l.LoginProvider == EntraOptions.Scheme))
        {
            var added = await signIn.UserManager.AddLoginAsync(user, new UserLoginInfo(EntraOptions.Scheme, objectId, "Microsoft Entra ID"));
            if (!added.Succeeded) return Refuse(EntraRefusal.Failed, objectId);
        }

        // Re-read: the role change above renewed the security stamp.
        user = await signIn.UserManager.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? user;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: EntraOptions.Scheme);
        logger.LogInformation("Signed in with Entra: user {UserId}, person {PersonId} as {Role}", user.Id, person.Id, role.Value);
        return null;
    }

    /// <summary>The highest portal role among the app roles the mapping knows; null when it knows none.</summary>
    public static PortalRole? MapRole(EntraOptions settings, IEnumerable<string> appRoles)
    {
        PortalRole? best = null;
        foreach (var appRole in appRoles)
        {
            var mapped = settings.RoleMapping.FirstOrDefault(m => string.Equals(m.Key, appRole, StringComparison.OrdinalIgnoreCase));
            if (mapped.Key is null) continue;
            if (best is null || mapped.Value > best) best = mapped.Value;
        }
        return best;
    }

    private async Task<Person?> ProvisionAsync(EntraOptions settings, ClaimsPrincipal token, string email, PortalRole role, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == settings.ProvisionUnit && u.IsActive, cancellationToken);
        if (unit is null)
        {
            logger.LogError("Entra sign-in: the provision unit '{Unit}' does not exist", settings.ProvisionUnit);
            return null;
        }
        var name = token.FindFirst("name")?.Value;
        var person = new Person(string.IsNullOrWhiteSpace(name) ? email : name, email, unit.Id, role);
        // Nobody in the portal acted, and the new person has no id yet to be named by.
        db.Actor = ProvisioningActor;
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Entra sign-in: provisioned person {PersonId} as {Role} in unit {UnitId}", person.Id, role, unit.Id);
        return person;
    }

    private async Task<PortalUser?> CreateUserAsync(Person person)
    {
        var user = new PortalUser { PersonId = person.Id, UserName = person.Email, Email = person.Email, EmailConfirmed = true, LockoutEnabled = true };
        var result = await signIn.UserManager.CreateAsync(user);
        if (result.Succeeded) return user;
        logger.LogError("Entra sign-in: no account for person {PersonId}: {Errors}", person.Id, string.Join(", ", result.Errors.Select(e => e.Code)));
        return null;
    }

    /// <summary>
    /// Whether the token's <c>tid</c> is the configured tenant. <c>AzureAd:TenantId</c> is a GUID; should an operator
    /// give the tenant's domain name instead, the validated issuer must at least name the token's own tenant.
    /// </summary>
    public static bool IsConfiguredTenant(EntraOptions settings, string? tenant, string? issuer)
    {
        if (string.IsNullOrWhiteSpace(tenant)) return false;
        return Guid.TryParse(settings.TenantId, out _)
            ? string.Equals(tenant, settings.TenantId, StringComparison.OrdinalIgnoreCase)
            : issuer is not null && issuer.Contains($"/{tenant}/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>email</c> claim unless the token says its domain owner did not verify it; never another claim.</summary>
    public static string? VerifiedEmail(ClaimsPrincipal token)
    {
        var email = token.FindFirst(EmailClaim)?.Value;
        if (string.IsNullOrWhiteSpace(email)) return null;
        var verified = token.FindFirst(EmailDomainVerifiedClaim)?.Value;
        return verified is not null && (string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase) || verified == "0") ? null : email;
    }

    private string Refuse(string reason, string? objectId, string? why = null)
    {
        if (why is null) logger.LogWarning("Entra sign-in refused ({Reason}) for object id {ObjectId}", reason, objectId);
        else logger.LogWarning("Entra sign-in refused ({Reason}) for object id {ObjectId}: {Why}", reason, objectId, why);
        return reason;
    }
}
