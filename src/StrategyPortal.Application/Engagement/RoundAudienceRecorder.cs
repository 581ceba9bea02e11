using StrategyPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// The round's own record of its organisation: written once when the round opens (<see cref="RoundAudience.Record"/>: units,
/// parents within the audience, names, who is invited where), and its participation counted once a day while it is open.
/// The round scheduler does both; a reader or an answer that comes first does it for its round. Safe with several instances:
/// recording is guarded by the round's row version, counting by the day it was last counted.
/// </summary>
public sealed class RoundAudienceRecorder(IPortalDbFactory dbFactory, TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    /// <summary>Records every round that has opened and not yet recorded its audience. Returns how many this call recorded.</summary>
    public async Task<int> RecordDueAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        List<int> due;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
            due = await db.PulseRounds.AsNoTracking().Where(r => r.AudienceRecordedOn == null && r.OpensOn <= today).Select(r => r.Id).ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var roundId in due)
            if (await RecordAsync(roundId, today, cancellationToken)) recorded++;
        return recorded;
    }

    /// <summary>Makes sure a round that has opened has recorded its audience (recording it now if not).</summary>
    public async Task EnsureRecordedAsync(PulseRound round, CancellationToken cancellationToken = default)
    {
        var today = Today;
        if (round.HasRecordedAudience || round.IsNotYetOpenOn(today)) return;
        await RecordAsync(round.Id, today, cancellationToken);
    }

    /// <summary>Counts the participation of every open round whose count is not from today. Returns how many rounds it counted.</summary>
    public async Task<int> CountParticipationAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = await db.PulseRounds.AsNoTracking().Where(r => r.OpensOn <= today && r.ClosesOn >= today && r.AudienceRecordedOn != null)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var counted = 0;
        foreach (var roundId in open)
            if (await CountParticipationTodayAsync(db, roundId, today, cancellationToken) > 0) counted++;
        return counted;
    }

    /// <summary><see cref="CountParticipationAsync"/> in a transaction of its own (and so, on SQLite, in the queue of writers).</summary>
    internal static Task<int> CountParticipationTodayAsync(IPortalDb db, int roundId, DateOnly today, CancellationToken cancellationToken) =>
        db.InTransactionAsync(ct => CountParticipationAsync(db, roundId, today, ct), cancellationToken);

    /// <summary>
    /// Today's participation count of an open round, per unit of its record (the unit of each person's invitation), unless it
    /// was counted today already: the figure a reader sees changes once a day, not with each answer. One statement, guarded by
    /// the day: a second instance counting at the same moment changes nothing. Reads participation and invitations, never a response.
    /// </summary>
    internal static Task<int> CountParticipationAsync(IPortalDb db, int roundId, DateOnly today, CancellationToken cancellationToken) =>
        db.PulseRoundUnits
            .Where(u => u.RoundId == roundId && (u.TookPartCountedOn == null || u.TookPartCountedOn < today))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.TookPart, u => db.Participations.Count(p => p.RoundId == roundId &&
                    db.PulseInvitations.Any(i => i.RoundId == roundId && i.PersonId == p.PersonId && i.UnitId == u.UnitId)))
                .SetProperty(u => u.TookPartCountedOn, today), cancellationToken);

    private async Task<bool> RecordAsync(int roundId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var round = await db.PulseRounds.FirstAsync(r => r.Id == roundId, ct);
                if (round.HasRecordedAudience || round.IsNotYetOpenOn(today)) return false;
                // The round's version guards the record: a second instance recording the same round fails here and leaves it.
                await RecordAsync(db, round, today, ct, clock.GetUtcNow().UtcDateTime);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance (or a reader in this one) recorded it first.
            return false;
        }
    }

    /// <summary>
    /// Records the audience of a tracked round on <paramref name="on"/> (its opening day or later), as the organisation is now,
    /// in the caller's unit of work: the round is marked and saved, then its units and invitations are added, with the day's
    /// participation count, and — when the round is open at <paramref name="nowUtc"/> (default: now) — an invitation e-mail
    /// for every invited person, so the invitations commit with the record. Also for demo data and tests that build rounds by hand.
    /// </summary>
    public static async Task RecordAsync(IPortalDb db, PulseRound round, DateOnly on, CancellationToken cancellationToken = default, DateTime? nowUtc = null)
    {
        round.RecordAudience(on);
        await db.SaveChangesAsync(cancellationToken);
        var invited = await AddRecordAsync(db, round, on, cancellationToken);
        var now = nowUtc ?? DateTime.UtcNow;
        if (!round.IsOpenOn(DateOnly.FromDateTime(now)) || invited.Count == 0) return;
        var title = await db.PulseSurveys.AsNoTracking().Where(s => s.Id == round.SurveyId).Select(s => s.Title).FirstAsync(cancellationToken);
        var payload = new Notifications.PulseNotice(round.Id, title, round.OpensOn, round.ClosesOn);
        await Notifications.NoticeOutbox.QueueAsync(db, Domain.Notifications.NoticeKind.PulseInvitation, invited, _ => payload, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<int>> AddRecordAsync(IPortalDb db, PulseRound round, DateOnly today, CancellationToken cancellationToken)
    {
        var audience = await db.PulseSurveys.AsNoTracking().Where(s => s.Id == round.SurveyId).SelectMany(s => s.Audience.Select(a => a.UnitId)).ToListAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new AudienceUnit(u.Id, u.ParentId, u.Name, u.IsActive)).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).Select(p => new AudienceMember(p.Id, p.OrgUnitId)).ToListAsync(cancellationToken);
        var (recorded, invitations) = RoundAudience.Record(round.Id, units, people, audience);
        db.PulseRoundUnits.AddRange(recorded);
        db.PulseInvitations.AddRange(invitations);
        await db.SaveChangesAsync(cancellationToken);
        await CountParticipationAsync(db, round.Id, today, cancellationToken);
        return invitations.Select(i => i.PersonId).ToList();
    }
}
