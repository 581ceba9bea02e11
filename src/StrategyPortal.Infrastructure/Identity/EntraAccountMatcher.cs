using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>
/// Turns a validated Entra identity into the sign-in account to use: checks it is for the configured tenant, finds the
/// person, maps the app roles to the portal role, provisions or refuses unknown users. A refusal changes nothing.
/// </summary>
/// <remarks>
/// Matching: the object id (<c>oid</c>, stored as the account's Identity user login of provider
/// <see cref="IEntraSignIn.LoginProvider"/> at the first sign-in) decides. Only an object id that is not linked yet is
/// matched by e-mail (<see cref="EntraRules.MatchableEmail"/>). An e-mail match that would take over an account is
/// refused as a conflict (<see cref="EntraRefusal.Ambiguous"/>): the person with that e-mail is already linked to
/// another object id, or the object id is linked to one person while the e-mail belongs to another.
/// </remarks>
public sealed class EntraAccountMatcher(
    PortalDbContext db,
    UserManager<PortalUser> users,
    IAccountService accounts,
    ILogger<EntraAccountMatcher> logger) : IEntraSignIn
{
    private const string Provider = IEntraSignIn.LoginProvider;

    /// <summary>
    /// Who the audit log names for a role change made by the app roles at sign-in: the person signing in (so an erasure
    /// pseudonymises it with the rest of their entries), marked as coming from Entra, never "system".
    /// </summary>
    public static AuditActor AuditActorFor(Person person) => new(person.Id, $"{person.Name} (Entra ID sign-in)");

    /// <summary>Who the audit log names for a person provisioned at their first Entra sign-in.</summary>
    public static AuditActor ProvisioningActor { get; } = new(null, "Entra ID sign-in");

    public async Task<EntraSignInDecision> DecideAsync(EntraIdentity token, EntraSignInRules rules, CancellationToken cancellationToken = default)
    {
        var objectId = token.ObjectId;
        // Microsoft.Identity.Web's issuer validator accepts the configured tenant's issuer whatever tid says (it compares
        // tid only with an issuer template); the user must belong to the configured tenant.
        if (!EntraRules.IsConfiguredTenant(rules.TenantId, token.TenantId, token.Issuer))
            return Refuse(EntraRefusal.Failed, objectId, $"the token is for tenant {token.TenantId ?? "(none)"}, not the configured tenant");
        if (string.IsNullOrWhiteSpace(objectId)) return Refuse(EntraRefusal.MissingClaims, objectId);
        var email = EntraRules.MatchableEmail(token);

        var role = EntraRules.MapRole(rules.RoleMapping, token.AppRoles);
        if (role is null) return Refuse(EntraRefusal.NoRole, objectId);

        var linked = await users.FindByLoginAsync(Provider, objectId);
        if (linked?.ErasedEmailHash is not null) return Refuse(EntraRefusal.Erased, objectId);
        if (linked is null && email is not null && await accounts.IsErasedEmailAsync(email, cancellationToken))
            return Refuse(EntraRefusal.Erased, objectId);
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
            if (user is not null && (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == Provider))
                return Refuse(EntraRefusal.Ambiguous, objectId, $"the e-mail belongs to person {person!.Id}, whose account is linked to another object id");
        }

        if (person is { IsErased: true }) return Refuse(EntraRefusal.Erased, objectId);
        if (person is { IsActive: false }) return Refuse(EntraRefusal.Inactive, objectId);
        if (person is null)
        {
            if (rules.UnknownUsers != UnknownEntraUsers.Provision) return Refuse(EntraRefusal.Unknown, objectId);
            person = await ProvisionAsync(rules, token, email!, role.Value, cancellationToken);
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
        var logins = await users.GetLoginsAsync(user);
        if (!logins.Any(l => l.LoginProvider == Provider))
        {
            var added = await users.AddLoginAsync(user, new UserLoginInfo(Provider, objectId, "Microsoft Entra ID"));
            if (!added.Succeeded) return Refuse(EntraRefusal.Failed, objectId);
        }
        logger.LogInformation("Entra sign-in matched: user {UserId}, person {PersonId} as {Role}", user.Id, person.Id, role.Value);
        return EntraSignInDecision.SignIn(user.Id);
    }

    private async Task<Person?> ProvisionAsync(EntraSignInRules rules, EntraIdentity token, string email, PortalRole role, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == rules.ProvisionUnit && u.IsActive, cancellationToken);
        if (unit is null)
        {
            logger.LogError("Entra sign-in: the provision unit '{Unit}' does not exist", rules.ProvisionUnit);
            return null;
        }
        var person = new Person(string.IsNullOrWhiteSpace(token.Name) ? email : token.Name, email, unit.Id, role);
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
        var result = await users.CreateAsync(user);
        if (result.Succeeded) return user;
        logger.LogError("Entra sign-in: no account for person {PersonId}: {Errors}", person.Id, string.Join(", ", result.Errors.Select(e => e.Code)));
        return null;
    }

    private EntraSignInDecision Refuse(string reason, string? objectId, string? why = null)
    {
        if (why is null) logger.LogWarning("Entra sign-in refused ({Reason}) for object id {ObjectId}", reason, objectId);
        else logger.LogWarning("Entra sign-in refused ({Reason}) for object id {ObjectId}: {Why}", reason, objectId, why);
        return EntraSignInDecision.Refuse(reason);
    }
}
