using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.People;

/// <summary>
/// The accounts of imported and provisioned people, changed in the caller's context (one transaction with the people).
/// Written as Identity's own stores write them (normalised names, stamps), without a UserManager round trip per person:
/// an import touches thousands.
/// </summary>
public sealed class PeopleAccounts(ILookupNormalizer normalizer) : IPeopleAccounts
{
    /// <summary>The login provider name Entra sign-in links object ids under: the same field it matches on.</summary>
    public const string EntraProvider = Application.Access.IEntraSignIn.LoginProvider;

    public async Task SyncAsync(IPortalDb db, IReadOnlyCollection<Person> people, CancellationToken cancellationToken)
    {
        var context = (PortalDbContext)db;
        var byPerson = people.ToDictionary(p => p.Id);
        var ids = byPerson.Keys.ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            var users = await context.Users.Where(u => chunk.Contains(u.PersonId)).ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                if (user.ErasedEmailHash is not null) continue;
                var person = byPerson[user.PersonId];
                if (!string.Equals(user.Email, person.Email, StringComparison.OrdinalIgnoreCase))
                {
                    user.Email = user.UserName = person.Email;
                    user.NormalizedEmail = user.NormalizedUserName = normalizer.NormalizeEmail(person.Email);
                }
                user.LockoutEnd = person.IsActive ? null : DateTimeOffset.MaxValue;
                // A new stamp ends existing sessions at their next validation: role, unit or state changes count at once.
                user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
        }
    }

    public async Task<IReadOnlyDictionary<int, string>> EntraObjectIdsAsync(IPortalDb db, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken)
    {
        var context = (PortalDbContext)db;
        var ids = personIds.ToList();
        var links = await context.UserLogins.AsNoTracking().Where(l => l.LoginProvider == EntraProvider)
            .Join(context.Users.Where(u => ids.Contains(u.PersonId)), l => l.UserId, u => u.Id, (l, u) => new { u.PersonId, l.ProviderKey })
            .ToListAsync(cancellationToken);
        return links.GroupBy(l => l.PersonId).ToDictionary(g => g.Key, g => g.First().ProviderKey);
    }

    public async Task<int?> PersonWithEntraObjectIdAsync(IPortalDb db, string objectId, CancellationToken cancellationToken)
    {
        var context = (PortalDbContext)db;
        return await context.UserLogins.AsNoTracking().Where(l => l.LoginProvider == EntraProvider && l.ProviderKey == objectId)
            .Join(context.Users, l => l.UserId, u => u.Id, (l, u) => (int?)u.PersonId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<EntraLinkResult> LinkEntraAsync(IPortalDb db, Person person, string objectId, CancellationToken cancellationToken)
    {
        var context = (PortalDbContext)db;
        var owner = await PersonWithEntraObjectIdAsync(db, objectId, cancellationToken);
        if (owner == person.Id) return EntraLinkResult.AlreadyLinked;
        if (owner is not null) return EntraLinkResult.Conflict;
        var user = await context.Users.FirstOrDefaultAsync(u => u.PersonId == person.Id, cancellationToken);
        if (user is not null)
        {
            if (user.ErasedEmailHash is not null) return EntraLinkResult.Conflict;
            if (await context.UserLogins.AnyAsync(l => l.UserId == user.Id && l.LoginProvider == EntraProvider, cancellationToken)) return EntraLinkResult.Conflict;
        }
        else
        {
            // An account without a password: the person signs in with Entra (matched by this object id).
            user = new PortalUser
            {
                PersonId = person.Id,
                UserName = person.Email,
                NormalizedUserName = normalizer.NormalizeName(person.Email),
                Email = person.Email,
                NormalizedEmail = normalizer.NormalizeEmail(person.Email),
                EmailConfirmed = true,
                LockoutEnabled = true,
                LockoutEnd = person.IsActive ? null : DateTimeOffset.MaxValue,
                PreferredCulture = person.Language,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            context.Users.Add(user);
            await context.SaveChangesAsync(cancellationToken);
        }
        context.UserLogins.Add(new IdentityUserLogin<int> { LoginProvider = EntraProvider, ProviderKey = objectId, ProviderDisplayName = "Microsoft Entra ID", UserId = user.Id });
        await context.SaveChangesAsync(cancellationToken);
        return EntraLinkResult.Linked;
    }
}
