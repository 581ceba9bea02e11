using FluentValidation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Access;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, string CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt, int Version)
{
    public bool IsRevoked => RevokedAt is not null;
}

public sealed class ApiKeyInput
{
    public string Name { get; set; } = string.Empty;
    public List<string> Scopes { get; set; } = [ApiScopes.CustomerScoresImport];
}

/// <summary>A new key. <see cref="Key"/> exists only in this object: it is never stored and cannot be shown again.</summary>
public sealed record CreatedApiKey(int Id, string Name, string Key);

public enum ApiKeyStatus
{
    Valid,
    Unknown,
    Revoked,
}

public sealed record ApiKeyCheck(ApiKeyStatus Status, int? KeyId, string? Name, IReadOnlyList<string> Scopes);

/// <summary>
/// API keys: created by an administrator, shown once, stored as a SHA-256 hash (a random 32-byte key
/// needs no slow hash: it cannot be guessed from a dictionary), found by their prefix and compared in
/// constant time, revocable, with the time of last use.
/// </summary>
public sealed class ApiKeyService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IValidator<ApiKeyInput> validator, MessageText text, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.ApiKeysManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return keys
            .OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAt, k.CreatedByPersonId is { } by ? people.GetValueOrDefault(by, "?") : CommandLineCreator, k.LastUsedAt, k.RevokedAt, k.Version))
            .ToList();
    }

    /// <summary>Who the list names as the creator of a key made with the <c>api-key create</c> command.</summary>
    public const string CommandLineCreator = "api-key command";

    public async Task<CreatedApiKey> CreateAsync(ApiKeyInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ApiKeysManage);
        return await CreateAsync(input, user.PersonId!.Value, null, cancellationToken);
    }

    /// <summary>
    /// A key made on the host by the <c>api-key create</c> command (provisioning scripts, infrastructure as code): whoever
    /// can run the portal's process there may, as with <c>migrate</c>. Audited like a key made on the page, with the
    /// command as the actor.
    /// </summary>
    public Task<CreatedApiKey> CreateFromCommandLineAsync(ApiKeyInput input, CancellationToken cancellationToken = default) =>
        CreateAsync(input, null, CommandLineCreator, cancellationToken);

    private async Task<CreatedApiKey> CreateAsync(ApiKeyInput input, int? personId, string? actor, CancellationToken cancellationToken)
    {
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var key = Generate();
        ApiKey entity;
        try
        {
            entity = new ApiKey(input.Name, key[..ApiKey.PrefixLength], Hash(key), input.Scopes, personId, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (actor is not null) db.ActFor(actor);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(entity.Id, entity.Name, key);
    }

    public async Task RevokeAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.ApiKeysManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) ?? throw new NotFoundException("API key", id);
        db.ExpectVersion(key, version);
        try { key.Revoke(clock.GetUtcNow().UtcDateTime); }
        catch (DomainException e) { throw text.Invalid(e); }
        await db.SaveOrConflictAsync(text["conflict.apikey"], cancellationToken);
    }

    /// <summary>Checks a presented key (no user involved: this is how an API call authenticates) and records its use.</summary>
    public async Task<ApiKeyCheck> CheckAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length < ApiKey.PrefixLength || !presented.StartsWith(ApiKey.KeyStart, StringComparison.Ordinal))
            return new ApiKeyCheck(ApiKeyStatus.Unknown, null, null, []);
        var prefix = presented[..ApiKey.PrefixLength];
        var hash = Convert.FromHexString(Hash(presented));
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var candidates = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix).ToListAsync(cancellationToken);
        var match = candidates.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(k.Hash), hash));
        if (match is null) return new ApiKeyCheck(ApiKeyStatus.Unknown, null, null, []);
        if (match.IsRevoked) return new ApiKeyCheck(ApiKeyStatus.Revoked, match.Id, match.Name, []);
        // Usage, not a change of the key: written directly so every API call does not add an audit entry, and at most
        // once a minute per key, so a provisioning run of thousands of calls does not queue a write behind each one.
        var now = clock.GetUtcNow().UtcDateTime;
        if (match.LastUsedAt is not { } last || now - last >= LastUseResolution)
            await db.ApiKeys.Where(k => k.Id == match.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return new ApiKeyCheck(ApiKeyStatus.Valid, match.Id, match.Name, match.ScopeList);
    }

    /// <summary>How exactly a key's last use is kept.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>"spk_" and 32 random bytes, base64url (43 characters).</summary>
    public static string Generate() => ApiKey.KeyStart + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
