using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Promises;

/// <summary>
/// Service signals (complaints, questions, compliments) in one inbox for service and marketing. Customer-service units
/// log and forward them, and correct or withdraw what they logged until it is forwarded; managers of marketing units
/// acknowledge what was forwarded. Service sees what its units
/// logged, marketing what was forwarded, directors and administrators everything.
/// </summary>
public sealed class SignalService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    PromiseCheckRunner runner,
    IValidator<SignalInput> validator,
    MessageText text,
    TimeProvider clock,
    Notifications.Notices notices)
{
    public async Task<PagedResult<SignalRow>> ListAsync(SignalQuery query, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var marketing = user.Can(Permission.SignalsAcknowledge) && (await PromiseAccess.MarketingUnitsAsync(db, scope, cancellationToken)).Count > 0;
        var signals = db.ServiceSignals.AsNoTracking();
        if (!scope.All)
        {
            var units = scope.UnitIds.ToList();
            signals = marketing ? signals.Where(s => units.Contains(s.UnitId) || s.ForwardedAtUtc != null) : signals.Where(s => units.Contains(s.UnitId));
        }
        if (query.Kind is { } kind) signals = signals.Where(s => s.Kind == kind);
        if (query.PromiseId is { } promiseId) signals = signals.Where(s => s.PromiseId == promiseId);
        signals = query.Status switch
        {
            SignalStatus.NotForwarded => signals.Where(s => s.ForwardedAtUtc == null),
            SignalStatus.AwaitingAcknowledgement => signals.Where(s => s.ForwardedAtUtc != null && s.AcknowledgedAtUtc == null),
            SignalStatus.Acknowledged => signals.Where(s => s.AcknowledgedAtUtc != null),
            _ => signals,
        };
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize);
        var total = await signals.CountAsync(cancellationToken);
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var rows = await RowsAsync(db, signals.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).Skip((page - 1) * pageSize).Take(pageSize),
            unitNames, user, scope, marketing, cancellationToken);
        return new PagedResult<SignalRow>(rows.Items, total, page, pageSize);
    }

    /// <summary>The customer-service units the reader may log signals for.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetLogUnitsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsLog);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return (await PromiseAccess.ServiceUnitsAsync(db, scope, cancellationToken)).Select(u => new OptionItem(u.Id, u.Name)).ToList();
    }

    /// <summary>Promises a signal can cite: those live now or in the last year.</summary>
    public async Task<IReadOnlyList<OptionItem>> GetPromiseOptionsAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsRead);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var since = runner.Today.AddYears(-1);
        return await db.MarketingPromises.AsNoTracking().Where(p => p.LiveTo == null || p.LiveTo >= since)
            .OrderBy(p => p.Claim).Select(p => new OptionItem(p.Id, p.Claim)).ToListAsync(cancellationToken);
    }

    public async Task<SignalInput> NewAsync(CancellationToken cancellationToken = default)
    {
        var units = await GetLogUnitsAsync(cancellationToken);
        var user = await currentUser.GetAsync(cancellationToken);
        return new SignalInput { UnitId = units.FirstOrDefault(u => u.Id == user.OrgUnitId)?.Id ?? units.FirstOrDefault()?.Id ?? 0, Date = runner.Today };
    }

    public async Task<int> LogAsync(SignalInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsLog);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!(await PromiseAccess.ServiceUnitsAsync(db, scope, cancellationToken)).Any(u => u.Id == input.UnitId))
            throw text.Invalid<SignalInput>(s => s.UnitId, "signal.unit-not-service");
        var date = text.Check<SignalInput, DateOnly>(s => s.Date, () => ServiceSignal.ValidDate(input.Date!.Value, runner.Today));
        if (input.PromiseId is { } promiseId && !await db.MarketingPromises.AnyAsync(p => p.Id == promiseId, cancellationToken))
            throw text.Invalid<SignalInput>(s => s.PromiseId, "signal.promise-unknown");
        var now = clock.GetUtcNow().UtcDateTime;
        ServiceSignal signal;
        try
        {
            signal = new ServiceSignal(input.UnitId, input.Kind, input.Channel, date, input.Count, input.Text, input.PromiseId, user.PersonId!.Value, user.Name ?? string.Empty, now);
            if (input.Forward) signal.Forward(user.PersonId!.Value, user.Name ?? string.Empty, now);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.ServiceSignals.Add(signal);
        // The change, the verdicts it moves and the notice it queues commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            await RecheckAsync(db, [(signal.PromiseId, signal.Quarter)], ct);
            if (signal.IsForwarded)
            {
                await notices.SignalForwardedAsync(db, signal, ct);
                await db.SaveChangesAsync(ct);
            }
            return true;
        }, cancellationToken);
        if (signal.IsForwarded) notices.Wake();
        return signal.Id;
    }

    /// <summary>
    /// Corrects a signal the reader's unit logged and has not forwarded yet (kind, channel, date, count, text, promise; not
    /// the unit), then re-checks the promise(s) and quarter(s) it counted towards before and after.
    /// </summary>
    public async Task UpdateAsync(SignalInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsLog);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var signal = await OwnSignalAsync(db, user, input.Id, cancellationToken);
        var date = text.Check<SignalInput, DateOnly>(s => s.Date, () => ServiceSignal.ValidDate(input.Date!.Value, runner.Today));
        if (input.PromiseId is { } promiseId && promiseId != signal.PromiseId && !await db.MarketingPromises.AnyAsync(p => p.Id == promiseId, cancellationToken))
            throw text.Invalid<SignalInput>(s => s.PromiseId, "signal.promise-unknown");
        db.ExpectVersion(signal, input.Version);
        var before = (signal.PromiseId, signal.Quarter);
        try { signal.Correct(input.Kind, input.Channel, date, input.Count, input.Text, input.PromiseId); }
        catch (DomainException e) { throw text.Invalid(e); }
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveOrConflictAsync(text["conflict.signal"], ct);
            await RecheckAsync(db, [before, (signal.PromiseId, signal.Quarter)], ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Withdraws (deletes) a signal the reader's unit logged and has not forwarded yet, and re-checks its promise's quarter.</summary>
    public async Task DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsLog);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var signal = await OwnSignalAsync(db, user, id, cancellationToken);
        try { signal.EnsureCanWithdraw(); }
        catch (DomainException e) { throw text.Invalid(e); }
        db.ExpectVersion(signal, version);
        db.ServiceSignals.Remove(signal);
        // The change and the verdicts it moves commit together.
        await db.InTransactionAsync(async ct =>
        {
            await db.SaveOrConflictAsync(text["conflict.signal"], ct);
            await RecheckAsync(db, [(signal.PromiseId, signal.Quarter)], ct);
            return true;
        }, cancellationToken);
    }

    public async Task ForwardAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsLog);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var signal = await OwnSignalAsync(db, user, id, cancellationToken);
        db.ExpectVersion(signal, version);
        try { signal.Forward(user.PersonId!.Value, user.Name ?? string.Empty, clock.GetUtcNow().UtcDateTime); }
        catch (DomainException e) { throw text.Invalid(e); }
        await notices.SignalForwardedAsync(db, signal, cancellationToken);
        await db.SaveOrConflictAsync(text["conflict.signal"], cancellationToken);
        notices.Wake();
    }

    public async Task AcknowledgeAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.SignalsAcknowledge);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if ((await PromiseAccess.MarketingUnitsAsync(db, scope, cancellationToken)).Count == 0) throw new ForbiddenException();
        var signal = await db.ServiceSignals.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Signal", id);
        db.ExpectVersion(signal, version);
        try { signal.Acknowledge(user.PersonId!.Value, user.Name ?? string.Empty, clock.GetUtcNow().UtcDateTime); }
        catch (DomainException e) { throw text.Invalid(e); }
        await notices.SignalAcknowledgedAsync(db, signal, cancellationToken);
        await db.SaveOrConflictAsync(text["conflict.signal"], cancellationToken);
        notices.Wake();
    }

    internal static async Task<PagedResult<SignalRow>> RowsAsync(IPortalDb db, IQueryable<ServiceSignal> signals, IReadOnlyDictionary<int, string> unitNames,
        UserContext user, UnitScope scope, bool marketing, CancellationToken cancellationToken)
    {
        var list = await signals.ToListAsync(cancellationToken);
        var promiseIds = list.Where(s => s.PromiseId != null).Select(s => s.PromiseId!.Value).Distinct().ToList();
        var claims = await db.MarketingPromises.AsNoTracking().Where(p => promiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Claim, cancellationToken);
        var rows = list.Select(s => new SignalRow(s.Id, s.UnitId, unitNames.GetValueOrDefault(s.UnitId, string.Empty), s.Kind, s.Channel, s.Date, s.Count, s.Text,
            s.PromiseId, s.PromiseId is { } p ? claims.GetValueOrDefault(p) : null, s.LoggedByName, s.ForwardedAtUtc, s.ForwardedByName,
            s.AcknowledgedAtUtc, s.AcknowledgedByName, s.Version,
            !s.IsForwarded && CanCorrect(user, scope, s.UnitId),
            s.IsForwarded && !s.IsAcknowledged && marketing)).ToList();
        return new PagedResult<SignalRow>(rows, rows.Count, 1, Math.Max(1, rows.Count));
    }

    /// <summary>A signal the reader's own unit (or a unit in their scope) logged: only that unit corrects, withdraws or forwards it.</summary>
    private async Task<ServiceSignal> OwnSignalAsync(IPortalDb db, UserContext user, int id, CancellationToken cancellationToken)
    {
        var scope = await accessScope.ForAsync(user, cancellationToken);
        var signal = await db.ServiceSignals.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Signal", id);
        return CanCorrect(user, scope, signal.UnitId) ? signal : throw new ForbiddenException();
    }

    /// <summary>
    /// Whether the reader acts for the unit that logged a signal: they may forward it, and correct or withdraw it until then.
    /// Directors and administrators read every signal but log for no unit.
    /// </summary>
    private static bool CanCorrect(UserContext user, UnitScope scope, int unitId) =>
        user.Can(Permission.SignalsLog) && !scope.All && scope.Includes(unitId);

    /// <summary>Re-checks the verdicts a signal counted towards: each promise in the quarter of the signal's date.</summary>
    private async Task RecheckAsync(IPortalDb db, IEnumerable<(int? PromiseId, Quarter Quarter)> counted, CancellationToken cancellationToken)
    {
        foreach (var group in counted.Where(c => c.PromiseId is not null).Distinct().GroupBy(c => c.Quarter))
            await runner.RefreshQuarterAsync(db, group.Select(c => c.PromiseId!.Value).ToList(), group.Key, cancellationToken);
    }
}
