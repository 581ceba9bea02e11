using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Access;

/// <summary>Erases a person in one transaction (Infrastructure: it also reaches the sign-in account and the audit log).</summary>
public interface IPersonErasure
{
    /// <summary>Pseudonymises the person, their names in history and the audit log, and closes their sign-in account for good.</summary>
    Task EraseAsync(int personId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Everything the portal holds about one person (docs/privacy.md lists the sections). A field of the model that
/// names a person or points at one (PersonalDataModelTests) belongs in a section here.
/// </summary>
public sealed record PersonExport(
    DateTime ExportedAtUtc,
    PersonRecord Person,
    LoginSummary? Account,
    IReadOnlyList<PersonHistoryItem> History,
    IReadOnlyList<AuditRow> AuditTrailAsActor,
    IReadOnlyList<StrategyChoiceRecord> StrategyChoices,
    IReadOnlyList<StandardChangeRecord> StandardsChanges,
    IReadOnlyList<ResultRecord> ResultsRecorded,
    IReadOnlyList<PromiseOwnedRecord> PromisesOwned,
    IReadOnlyList<SignalRecord> SignalsLogged,
    IReadOnlyList<SignalStepRecord> SignalsForwarded,
    IReadOnlyList<SignalStepRecord> SignalsAcknowledged,
    IReadOnlyList<ScorecardIssueRecord> ScorecardIssuesRequested,
    IReadOnlyList<ApiKeyRecord> ApiKeysCreated,
    IReadOnlyList<ParticipationRecord> PulseParticipations,
    IReadOnlyList<ActionRecord> Actions,
    IReadOnlyList<ActionCheckInRecord> ActionCheckIns,
    string PulseNote,
    IReadOnlyList<InvitationRecord> PulseInvitations,
    EmailSettingsRecord? EmailSettings,
    IReadOnlyList<MailRecord> MailToPerson)
{
    /// <summary>People imports the person applied (file, when, what changed).</summary>
    public IReadOnlyList<PeopleImportRecord> PeopleImportsApplied { get; init; } = [];

    /// <summary>The action reminders decided for the person as an action's owner (which action, which kind, which due date, when).</summary>
    public IReadOnlyList<ActionReminderRecord> ActionReminders { get; init; } = [];
}

public sealed record ActionReminderRecord(int ActionId, string Kind, DateOnly DueOn, DateTime SentAtUtc);

/// <summary>The person's e-mail choices (null: none made; every kind on, in the portal language).</summary>
public sealed record EmailSettingsRecord(string? Language, IReadOnlyList<string> SwitchedOff);

/// <summary>An e-mail to the person in the outbox (queued, sent in the last days, failed): what kind, to which address, when.</summary>
public sealed record MailRecord(long Id, string Kind, string ToAddress, string Status, DateTime CreatedAtUtc, DateTime? SentAtUtc);

public sealed record PeopleImportRecord(int Id, string FileName, string Mode, DateTime AppliedAtUtc, int Created, int Changed, int Moved, int Deactivated);

/// <summary>What HR and the identity provider keep about the person (a people file, SCIM).</summary>
public sealed record PersonHrRecord(string? EmployeeNumber, string? FirstName, string? LastName, int? ManagerId, string? Language, DateOnly? StartDate, string? DirectoryUserName);

public sealed record PersonRecord(int Id, string Name, string Email, string Role, int OrgUnitId, string OrgUnitName, bool IsActive, bool IsErased)
{
    public PersonHrRecord? Hr { get; init; }
}

/// <summary>A change of the person's own record (unit, role, name, e-mail, active) as the audit log holds it.</summary>
public sealed record PersonHistoryItem(DateTime OccurredAtUtc, AuditAction Action, string ChangedBy, IReadOnlyList<AuditChange> Changes);

public sealed record StandardChangeRecord(int StandardId, int VersionNumber, string Title, DateTime ChangedAtUtc, string Changes);

public sealed record ResultRecord(int StandardId, int QuarterKey, double Value, DateTime RecordedAtUtc);

public sealed record ApiKeyRecord(string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

public sealed record StrategyChoiceRecord(ValueDiscipline Discipline, string Rationale, string EffectiveQuarter, DateTime ChosenAtUtc);

public sealed record PromiseOwnedRecord(int PromiseId, string Claim, string Campaign, DateOnly LiveFrom, DateOnly? LiveTo);

public sealed record SignalRecord(int SignalId, string Unit, SignalKind Kind, ServiceChannel Channel, DateOnly Date, int Count, string Text, int? PromiseId, DateTime LoggedAtUtc);

/// <summary>A signal the person forwarded to marketing or acknowledged, and when.</summary>
public sealed record SignalStepRecord(int SignalId, string Text, DateTime AtUtc);

public sealed record ScorecardIssueRecord(int IssueId, string Quarter, int Number, ScorecardIssueStatus Status, DateTime RequestedAtUtc, int ScorecardsIssued);

/// <summary>A pulse round the person took part in: that is all that is stored of it (not when, not what).</summary>
/// <summary>An action the person owns or started.</summary>
public sealed record ActionRecord(int ActionId, string Title, string Unit, bool Owner, bool Creator, DateOnly DueOn, string Status, DateTime CreatedAtUtc);

/// <summary>A check-in the person recorded on an action.</summary>
public sealed record ActionCheckInRecord(int ActionId, DateOnly On, string Note, string? NewStatus, DateTime AtUtc);

public sealed record ParticipationRecord(int RoundId, string Pulse, int RoundNumber, DateOnly OpensOn, DateOnly ClosesOn);

/// <summary>A pulse round the person was invited to when it opened, and the unit (as named then) they were invited in.</summary>
public sealed record InvitationRecord(int RoundId, string Pulse, int RoundNumber, DateOnly OpensOn, DateOnly ClosesOn, string Unit);

/// <summary>
/// Privacy requests about one person (administrators only): export everything the portal holds about
/// them, and erase them. Pulse answers are never part of either: nothing links an answer to a person.
/// </summary>
public sealed class PrivacyService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IAccountService accounts, IPersonErasure erasure, TimeProvider clock, MessageText text)
{
    public const string PulseNote =
        "Pulse answers are stored apart from who took part, with nothing that links the two; they are not about this person in any way the portal can tell, so they are not exported.";

    public async Task<PersonExport> ExportAsync(int personId, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.PrivacyManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("person", personId);
        var unitName = await db.OrgUnits.AsNoTracking().Where(u => u.Id == person.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        var id = personId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var own = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Person" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var asActor = await db.AuditEntries.AsNoTracking().Where(a => a.ActorPersonId == personId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var versions = await db.ServiceStandardVersions.AsNoTracking().Where(v => v.ChangedById == personId).OrderBy(v => v.ChangedAtUtc)
            .Select(v => new StandardChangeRecord(v.StandardId, v.Number, v.Title, v.ChangedAtUtc, v.Changes)).ToListAsync(cancellationToken);
        var results = await db.StandardResults.AsNoTracking().Where(r => r.RecordedById == personId)
            .Select(r => new { r.StandardId, r.QuarterKey, r.ActualValue, r.RecordedAtUtc }).ToListAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CreatedByPersonId == personId).OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyRecord(k.Name, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(cancellationToken);
        var choices = await db.ServiceStrategyChoices.AsNoTracking().Where(c => c.ChosenById == personId).OrderBy(c => c.ChosenAtUtc).ToListAsync(cancellationToken);
        var promises = await db.MarketingPromises.AsNoTracking().Where(p => p.OwnerPersonId == personId).OrderBy(p => p.Id)
            .Select(p => new PromiseOwnedRecord(p.Id, p.Claim, p.Campaign, p.LiveFrom, p.LiveTo)).ToListAsync(cancellationToken);
        var signals = await db.ServiceSignals.AsNoTracking()
            .Where(g => g.LoggedById == personId || g.ForwardedById == personId || g.AcknowledgedById == personId)
            .OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var issues = await db.ScorecardIssues.AsNoTracking().Where(i => i.RequestedByPersonId == personId).OrderBy(i => i.RequestedAtUtc).ToListAsync(cancellationToken);
        var issueIds = issues.Select(i => i.Id).ToList();
        var issuedCounts = await db.IssuedScorecards.AsNoTracking().Where(c => issueIds.Contains(c.IssueId))
            .GroupBy(c => c.IssueId).Select(g => new { IssueId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.IssueId, g => g.Count, cancellationToken);
        var roundIds = await db.Participations.AsNoTracking().Where(p => p.PersonId == personId).Select(p => p.RoundId).ToListAsync(cancellationToken);
        var rounds = await db.PulseRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Join(db.PulseSurveys.AsNoTracking(), r => r.SurveyId, s => s.Id, (r, s) => new { r.Id, s.Title, r.Number, r.OpensOn, r.ClosesOn })
            .ToListAsync(cancellationToken);
        var invitations = await db.PulseInvitations.AsNoTracking().Where(i => i.PersonId == personId)
            .Join(db.PulseRoundUnits.AsNoTracking(), i => new { i.RoundId, i.UnitId }, u => new { u.RoundId, u.UnitId }, (i, u) => new { i.RoundId, u.Name })
            .Join(db.PulseRounds.AsNoTracking(), x => x.RoundId, r => r.Id, (x, r) => new { x.RoundId, x.Name, r.SurveyId, r.Number, r.OpensOn, r.ClosesOn })
            .Join(db.PulseSurveys.AsNoTracking(), x => x.SurveyId, s => s.Id, (x, s) => new InvitationRecord(x.RoundId, s.Title, x.Number, x.OpensOn, x.ClosesOn, x.Name))
            .ToListAsync(cancellationToken);

        var actions = await db.ImprovementActions.AsNoTracking().Where(a => a.OwnerPersonId == personId || a.CreatedByPersonId == personId)
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var checkIns = await db.ActionCheckIns.AsNoTracking().Where(c => c.ByPersonId == personId).OrderBy(c => c.AtUtc).ToListAsync(cancellationToken);

        return new PersonExport(
            clock.GetUtcNow().UtcDateTime,
            new PersonRecord(person.Id, person.Name, person.Email, person.Role.ToString(), person.OrgUnitId, unitName, person.IsActive, person.IsErased)
            {
                Hr = new PersonHrRecord(person.EmployeeNumber, person.FirstName, person.LastName, person.ManagerId, person.Language, person.StartDate, person.DirectoryUserName),
            },
            await accounts.DescribeLoginAsync(personId, cancellationToken),
            own.Select(a => new PersonHistoryItem(a.OccurredAtUtc, a.Action, a.ActorName, AuditService.ParseChanges(a.Changes))).ToList(),
            asActor.Select(a => new AuditRow(a.Id, a.OccurredAtUtc, a.ActorPersonId, a.ActorName, a.Action, a.EntityType, a.EntityId, AuditService.ParseChanges(a.Changes))).ToList(),
            choices.Select(c => new StrategyChoiceRecord(c.Discipline, c.Rationale, c.EffectiveQuarter.ToString(), c.ChosenAtUtc)).ToList(),
            versions,
            results.OrderBy(r => r.RecordedAtUtc).Select(r => new ResultRecord(r.StandardId, r.QuarterKey, r.ActualValue, r.RecordedAtUtc)).ToList(),
            promises,
            signals.Where(g => g.LoggedById == personId)
                .Select(g => new SignalRecord(g.Id, units.GetValueOrDefault(g.UnitId, string.Empty), g.Kind, g.Channel, g.Date, g.Count, g.Text, g.PromiseId, g.LoggedAtUtc)).ToList(),
            signals.Where(g => g.ForwardedById == personId && g.ForwardedAtUtc is not null).Select(g => new SignalStepRecord(g.Id, g.Text, g.ForwardedAtUtc!.Value)).ToList(),
            signals.Where(g => g.AcknowledgedById == personId && g.AcknowledgedAtUtc is not null).Select(g => new SignalStepRecord(g.Id, g.Text, g.AcknowledgedAtUtc!.Value)).ToList(),
            issues.Select(i => new ScorecardIssueRecord(i.Id, i.Quarter.ToString(), i.Number, i.Status, i.RequestedAtUtc, issuedCounts.GetValueOrDefault(i.Id))).ToList(),
            keys,
            rounds.OrderBy(r => r.OpensOn).ThenBy(r => r.Id).Select(r => new ParticipationRecord(r.Id, r.Title, r.Number, r.OpensOn, r.ClosesOn)).ToList(),
            actions.Select(a => new ActionRecord(a.Id, a.Title, units.GetValueOrDefault(a.UnitId, string.Empty), a.OwnerPersonId == personId,
                a.CreatedByPersonId == personId, a.DueOn, a.Status.ToString(), a.CreatedAtUtc)).ToList(),
            checkIns.Select(c => new ActionCheckInRecord(c.ActionId, c.On, c.Note, c.NewStatus?.ToString(), c.AtUtc)).ToList(),
            PulseNote,
            invitations.OrderBy(r => r.OpensOn).ThenBy(r => r.RoundId).ToList(),
            await db.NoticeSettings.AsNoTracking().Where(n => n.PersonId == personId).ToListAsync(cancellationToken) is [var settings]
                ? new EmailSettingsRecord(settings.Language, Domain.Notifications.NoticeKinds.Optional.Where(k => !settings.Receives(k)).Select(k => k.ToString()).ToList())
                : null,
            await db.OutboxMessages.AsNoTracking().Where(m => m.PersonId == personId).OrderBy(m => m.Id)
                .Select(m => new MailRecord(m.Id, m.Kind.ToString(), m.ToAddress, m.Status.ToString(), m.CreatedAtUtc, m.SentAtUtc)).ToListAsync(cancellationToken))
        {
            PeopleImportsApplied = (await db.PeopleImports.AsNoTracking().Where(i => i.AppliedByPersonId == personId).OrderBy(i => i.Id).ToListAsync(cancellationToken))
                .Select(i => new PeopleImportRecord(i.Id, i.FileName, i.Mode.ToString(), i.AppliedAtUtc, i.Created, i.Changed, i.Moved, i.Deactivated)).ToList(),
            ActionReminders = (await db.ActionReminderRuns.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(cancellationToken))
                .OrderBy(r => r.SentAtUtc).ThenBy(r => r.ActionId).Select(r => new ActionReminderRecord(r.ActionId, r.Kind.ToString(), r.DueOn, r.SentAtUtc)).ToList(),
        };
    }

    public async Task EraseAsync(int personId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PrivacyManage);
        if (user.PersonId == personId) throw new ValidationFailedException(string.Empty, text["privacy.erase-self"]);
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken) ?? throw new NotFoundException("person", personId);
            if (person.IsErased) throw new ValidationFailedException(string.Empty, text["person.already-erased"]);
        }
        await erasure.EraseAsync(personId, cancellationToken);
    }
}
