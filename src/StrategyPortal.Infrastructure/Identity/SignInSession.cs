using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>
/// One sign-in, server side. The key is the SHA-256 of the secret in the cookie, so reading the table (or a backup)
/// does not give anyone a session. Holds no more than the account and two times (privacy.md).
/// </summary>
public class SignInSession
{
    public string Id { get; set; } = string.Empty;
    public int UserId { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
}

public sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("SignInSessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.LastSeenUtc);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SignInSessionStore(IDbContextFactory<PortalDbContext> dbFactory, SignInSessionOptions options, TimeProvider clock) : ISignInSessions
{
    public async Task<string> StartAsync(int userId, CancellationToken cancellationToken = default)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SignInSessions.Add(new SignInSession { Id = Key(secret), UserId = userId, StartedUtc = now, LastSeenUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task<bool> IsActiveAsync(string secret, CancellationToken cancellationToken = default)
    {
        var key = Key(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastSeen = await db.SignInSessions.AsNoTracking().Where(s => s.Id == key).Select(s => (DateTime?)s.LastSeenUtc).FirstOrDefaultAsync(cancellationToken);
        if (lastSeen is null || lastSeen.Value + options.IdleTimeout < now) return false;
        if (now - lastSeen.Value >= options.TouchInterval)
            await db.SignInSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), cancellationToken);
        return true;
    }

    public async Task EndAsync(string secret, CancellationToken cancellationToken = default)
    {
        var key = Key(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task EndAllAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.IdleTimeout;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.Where(s => s.LastSeenUtc < before).ExecuteDeleteAsync(cancellationToken);
    }

    public static string Key(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Removes unused sessions every hour (each instance; deleting the same rows twice is harmless).</summary>
public sealed class SignInSessionCleanup(ISignInSessions sessions, ILogger<SignInSessionCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var removed = await sessions.RemoveExpiredAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Removed {Count} expired sign-in sessions", removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Removing expired sign-in sessions failed; trying again in {Interval}", Interval);
            }
        }
    }
}

public static class SignInSessionRegistration
{
    public static IServiceCollection AddSignInSessions(this IServiceCollection services)
    {
        services.AddSingleton(new SignInSessionOptions());
        services.AddSingleton<ISignInSessions, SignInSessionStore>();
        services.AddHostedService<SignInSessionCleanup>();
        return services;
    }
}
