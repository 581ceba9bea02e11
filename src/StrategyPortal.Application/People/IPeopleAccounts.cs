using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.People;

public enum EntraLinkResult
{
    Linked,
    AlreadyLinked,

    /// <summary>The object id belongs to another person, or the person to another object id: nothing changed.</summary>
    Conflict,
}

/// <summary>
/// The sign-in accounts (Identity, in Infrastructure) of people that imports and provisioning change, worked on in
/// the caller's context so they are saved in the same transaction. The Entra object id is the account's Entra login:
/// the same field Entra sign-in matches on, so a provisioned person and their sign-in are one person.
/// </summary>
public interface IPeopleAccounts
{
    /// <summary>Keeps these people's accounts in step (e-mail, locked while inactive, a new security stamp); saved with the context.</summary>
    Task SyncAsync(IPortalDb db, IReadOnlyCollection<Person> people, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<int, string>> EntraObjectIdsAsync(IPortalDb db, IReadOnlyCollection<int> personIds, CancellationToken cancellationToken);

    Task<int?> PersonWithEntraObjectIdAsync(IPortalDb db, string objectId, CancellationToken cancellationToken);

    /// <summary>Links a saved person to an Entra object id, giving them an account without a password when they have none.</summary>
    Task<EntraLinkResult> LinkEntraAsync(IPortalDb db, Person person, string objectId, CancellationToken cancellationToken);
}
