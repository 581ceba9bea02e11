using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <param name="Queued">Queued for their first try.</param>
/// <param name="Waiting">Waiting after a failed try (queued for the next one, or in a later try now).</param>
/// <param name="Sending">In their first try now.</param>
public sealed record MailOverview(
    MailProvider Provider,
    string Destination,
    bool Configured,
    int Queued,
    int Waiting,
    int Sending,
    int Sent,
    int Failed,
    int Cancelled,
    DateTime? NextAttemptAtUtc,
    string? LastError)
{
    /// <summary>Messages wait because tries failed (the server is down or refuses them): the page says so.</summary>
    public bool HasTrouble => Waiting > 0 || !Configured;
}

public sealed record MailRow(long Id, NoticeKind Kind, string ToName, string ToAddress, OutboxStatus Status, int Attempts,
    DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? SentAtUtc, string? LastError)
{
    /// <summary>Queued after at least one failed try: waiting for the next.</summary>
    public bool IsRetrying => Status == OutboxStatus.Queued && Attempts > 0;
}

public sealed class MailQuery
{
    public OutboxStatus? Status { get; set; }
    public bool RetryingOnly { get; set; }
    public string? Search { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 25;
}

/// <summary>
/// The administrators' view of the outbox: what waits, what was sent, what failed and why; failed messages can be
/// tried again (one, or all at once). Pulse reminders leave the outbox once sent (a sent reminder would say who had not
/// answered yet), so the page never lists them as sent.
/// </summary>
public sealed class MailAdminService(IPortalDbFactory dbFactory, ICurrentUser currentUser, MailOptions options, OutboxSignal signal, TimeProvider clock)
{
    public async Task<MailOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.MailManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        // Each message in one tile: waiting after a failed try (queued for the next one, or in a second or later try) apart
        // from queued for the first time and from a first try in progress.
        var retryingQueued = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Queued && m.Attempts > 0, cancellationToken);
        var retryingSending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sending && m.Attempts > 1, cancellationToken);
        var waitingCount = retryingQueued + retryingSending;
        var next = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Queued).OrderBy(m => m.NextAttemptAtUtc)
            .Select(m => (DateTime?)m.NextAttemptAtUtc).FirstOrDefaultAsync(cancellationToken);
        var lastError = await db.OutboxMessages.Where(m => m.LastError != null && (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Failed))
            .OrderByDescending(m => m.Attempts).ThenByDescending(m => m.Id).Select(m => m.LastError).FirstOrDefaultAsync(cancellationToken);
        var configured = options.Provider == MailProvider.Folder || !string.IsNullOrWhiteSpace(options.Smtp.Host);
        var destination = options.Provider == MailProvider.Folder ? options.ResolvedFolder ?? options.Folder : $"{options.Smtp.Host}:{options.Smtp.Port}";
        return new MailOverview(options.Provider, destination, configured,
            counts.GetValueOrDefault(OutboxStatus.Queued) - retryingQueued, waitingCount, counts.GetValueOrDefault(OutboxStatus.Sending) - retryingSending,
            counts.GetValueOrDefault(OutboxStatus.Sent), counts.GetValueOrDefault(OutboxStatus.Failed), counts.GetValueOrDefault(OutboxStatus.Cancelled),
            next, lastError);
    }

    public async Task<PagedResult<MailRow>> ListAsync(MailQuery query, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.MailManage);
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking();
        if (query.Status is { } status) messages = messages.Where(m => m.Status == status);
        if (query.RetryingOnly) messages = messages.Where(m => m.Status == OutboxStatus.Queued && m.Attempts > 0);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            messages = messages.Where(m => m.Kind != NoticeKind.PulseReminder && (m.ToAddress.Contains(term) || m.ToName.ToLower().Contains(term)));
        }
        var total = await messages.CountAsync(cancellationToken);
        var rows = await messages.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
            // A reminder's recipient is someone who has not answered yet: the list never names them (nor finds them by name).
            .Select(m => new MailRow(m.Id, m.Kind, m.Kind == NoticeKind.PulseReminder ? "" : m.ToName, m.Kind == NoticeKind.PulseReminder ? "" : m.ToAddress, m.Status, m.Attempts, m.CreatedAtUtc, m.NextAttemptAtUtc, m.SentAtUtc, m.LastError))
            .ToListAsync(cancellationToken);
        return new PagedResult<MailRow>(rows, total, page, pageSize);
    }

    /// <summary>Queues a failed (or cancelled) message again with a fresh count of tries; returns whether it was queued.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.MailManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.OutboxMessages.Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Cancelled))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAtUtc, now), cancellationToken);
        if (queued > 0) signal.Notify();
        return queued > 0;
    }

    /// <summary>Queues every failed message again, and tries the waiting ones now; returns how many.</summary>
    public async Task<int> RetryAllAsync(CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.MailManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAtUtc, now), cancellationToken);
        var waiting = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, now), cancellationToken);
        signal.Notify();
        return failed + waiting;
    }
}
