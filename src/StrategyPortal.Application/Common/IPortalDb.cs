using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Common;

/// <summary>
/// The unit of work the use cases see. Each feature adds its sets here; Infrastructure's
/// DbContext implements it. Create one per operation through <see cref="IPortalDbFactory"/>:
/// Blazor Server circuits live long, a context should not.
/// </summary>
public interface IPortalDb : IAsyncDisposable
{
    DbSet<OrgUnit> OrgUnits { get; }
    DbSet<Person> People { get; }
    DbSet<ServiceStrategyChoice> ServiceStrategyChoices { get; }
    DbSet<ServiceStandard> ServiceStandards { get; }
    DbSet<ServiceStandardVersion> ServiceStandardVersions { get; }
    DbSet<StandardResult> StandardResults { get; }

    DbSet<PulseQuestion> PulseQuestions { get; }
    DbSet<PulseSurvey> PulseSurveys { get; }
    DbSet<PulseRound> PulseRounds { get; }
    DbSet<PulseRoundUnit> PulseRoundUnits { get; }
    DbSet<PulseInvitation> PulseInvitations { get; }
    DbSet<AnswerMix> AnswerMixes { get; }
    DbSet<Participation> Participations { get; }
    DbSet<PulseResponse> PulseResponses { get; }
    DbSet<PulseComment> PulseComments { get; }
    DbSet<CustomerScoreRecord> CustomerScoreRecords { get; }
    DbSet<CustomerScoreQuarter> CustomerScoreQuarters { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<ScorecardIssue> ScorecardIssues { get; }
    DbSet<ScorecardIssueItem> ScorecardIssueItems { get; }
    DbSet<IssuedScorecard> IssuedScorecards { get; }
    DbSet<IssuedScorecardContent> IssuedScorecardContents { get; }
    DbSet<Capability> Capabilities { get; }
    DbSet<MarketingPromise> MarketingPromises { get; }
    DbSet<PromiseRequirement> PromiseRequirements { get; }
    DbSet<ServiceSignal> ServiceSignals { get; }
    DbSet<PromiseCheckResult> PromiseCheckResults { get; }
    DbSet<ImprovementAction> ImprovementActions { get; }
    DbSet<ActionCheckIn> ActionCheckIns { get; }
    DbSet<ActionReminderRun> ActionReminderRuns { get; }
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<NoticeSettings> NoticeSettings { get; }
    DbSet<PulseLink> PulseLinks { get; }
    DbSet<PulseReminderRun> PulseReminderRuns { get; }
    DbSet<Domain.People.PeopleImport> PeopleImports { get; }

    /// <summary>The audit log: read-only for use cases (the audit interceptor refuses edits and deletes).</summary>
    DbSet<AuditEntry> AuditEntries { get; }

    /// <summary>
    /// Records in the audit log a change made without the change tracker — a conditional <c>ExecuteUpdate</c> that must
    /// stay one statement (only one of two racing callers may win) — in the same form as the audit interceptor writes
    /// and naming this context's actor. The entry is written by the next <see cref="SaveChangesAsync"/>: call both inside
    /// the change's transaction (<see cref="InTransactionAsync{T}"/>) so the change and its entry commit together.
    /// </summary>
    void AuditDirectChange<TEntity>(object key, AuditAction action, params AuditValue[] values) where TEntity : class;

    /// <summary>
    /// Names what the changes saved through this context are part of (a people import, SCIM provisioning): the audit
    /// log's actor becomes "who (what)", or just "what" when no person acts.
    /// </summary>
    void ActFor(string what);

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction (committed when it returns, rolled back when it throws); inside a
    /// transaction already open it joins that one.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}

/// <summary>One property of an audited change made without the change tracker: its value before and after.</summary>
public sealed record AuditValue(string Property, object? Old, object? New);

public interface IPortalDbFactory
{
    Task<IPortalDb> CreateAsync(CancellationToken cancellationToken = default);
}
