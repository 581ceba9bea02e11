using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Infrastructure.Identity;

namespace StrategyPortal.Infrastructure.Persistence;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole<int>, int>(options), IPortalDb, IDataProtectionKeyContext
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ServiceStrategyChoice> ServiceStrategyChoices => Set<ServiceStrategyChoice>();
    public DbSet<ServiceStandard> ServiceStandards => Set<ServiceStandard>();
    public DbSet<ServiceStandardVersion> ServiceStandardVersions => Set<ServiceStandardVersion>();
    public DbSet<StandardResult> StandardResults => Set<StandardResult>();
    public DbSet<CustomerScoreRecord> CustomerScoreRecords => Set<CustomerScoreRecord>();
    public DbSet<CustomerScoreQuarter> CustomerScoreQuarters => Set<CustomerScoreQuarter>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ScorecardIssue> ScorecardIssues => Set<ScorecardIssue>();
    public DbSet<ScorecardIssueItem> ScorecardIssueItems => Set<ScorecardIssueItem>();
    public DbSet<IssuedScorecard> IssuedScorecards => Set<IssuedScorecard>();
    public DbSet<IssuedScorecardContent> IssuedScorecardContents => Set<IssuedScorecardContent>();
    public DbSet<Capability> Capabilities => Set<Capability>();
    public DbSet<MarketingPromise> MarketingPromises => Set<MarketingPromise>();
    public DbSet<PromiseRequirement> PromiseRequirements => Set<PromiseRequirement>();
    public DbSet<ServiceSignal> ServiceSignals => Set<ServiceSignal>();
    public DbSet<PromiseCheckResult> PromiseCheckResults => Set<PromiseCheckResult>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PulseQuestion> PulseQuestions => Set<PulseQuestion>();
    public DbSet<PulseSurvey> PulseSurveys => Set<PulseSurvey>();
    public DbSet<PulseRound> PulseRounds => Set<PulseRound>();
    public DbSet<PulseRoundUnit> PulseRoundUnits => Set<PulseRoundUnit>();
    public DbSet<PulseInvitation> PulseInvitations => Set<PulseInvitation>();
    public DbSet<AnswerMix> AnswerMixes => Set<AnswerMix>();
    public DbSet<Participation> Participations => Set<Participation>();
    public DbSet<PulseResponse> PulseResponses => Set<PulseResponse>();
    public DbSet<PulseComment> PulseComments => Set<PulseComment>();
    public DbSet<ImprovementAction> ImprovementActions => Set<ImprovementAction>();
    public DbSet<ActionCheckIn> ActionCheckIns => Set<ActionCheckIn>();
    public DbSet<ActionReminderRun> ActionReminderRuns => Set<ActionReminderRun>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<NoticeSettings> NoticeSettings => Set<NoticeSettings>();
    public DbSet<PulseLink> PulseLinks => Set<PulseLink>();
    public DbSet<PulseReminderRun> PulseReminderRuns => Set<PulseReminderRun>();
    public DbSet<Domain.People.PeopleImport> PeopleImports => Set<Domain.People.PeopleImport>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        // Inside a transaction already (a change whose verdicts move, and those verdicts' notices): the work joins it and
        // commits with it, all or nothing.
        if (Database.CurrentTransaction is not null) return await work(cancellationToken);
        using var pass = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var pass = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var pass = SqliteWriteGate.Enter(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public void AuditDirectChange<TEntity>(object key, AuditAction action, params AuditValue[] values) where TEntity : class =>
        AuditEntries.Add(AuditInterceptor.DirectEntry(Actor, TimeProvider.System.GetUtcNow().UtcDateTime, typeof(TEntity).Name,
            Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, action,
            values.ToDictionary(v => v.Property, v => (v.Old, v.New))));

    /// <summary>Who the audit log names for changes saved through this context.</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    public void ActFor(string what)
    {
        var name = Actor.PersonId is null && Actor == AuditActor.System ? what : $"{Actor.Name} ({what})";
        Actor = Actor with { Name = name.Length > 200 ? name[..199] + "…" : name };
    }

    /// <summary>Only privacy erasure may rewrite audit entries, and only their actor name.</summary>
    internal bool AllowAuditPseudonymisation { get; set; }

    internal AuditInterceptor.PendingAudit? PendingAudit { get; set; }

    // Contexts are pooled (DatabaseRegistration): what one use set must not reach the next.
    public override void Dispose()
    {
        ResetUse();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ResetUse();
        return base.DisposeAsync();
    }

    private bool _openedForUse;

    /// <summary>
    /// SQLite: keeps the connection open for this use (until the context goes back to the pool) instead of opening it
    /// per query — every open re-registers EF's SQL functions on the handle. PostgreSQL pools connections itself.
    /// </summary>
    internal async Task OpenForUseAsync(CancellationToken cancellationToken)
    {
        if (!Database.IsSqlite()) return;
        await Database.OpenConnectionAsync(cancellationToken);
        _openedForUse = true;
    }

    private void ResetUse()
    {
        if (_openedForUse)
        {
            _openedForUse = false;
            Database.CloseConnection();
        }
        Actor = AuditActor.System;
        AllowAuditPseudonymisation = false;
        PendingAudit = null;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        builder.Entity<PortalUser>().ToTable("Users");
        builder.Entity<IdentityRole<int>>().ToTable("Roles");
        builder.Entity<IdentityUserRole<int>>().ToTable("UserRoles");
        builder.Entity<IdentityUserClaim<int>>().ToTable("UserClaims");
        builder.Entity<IdentityUserLogin<int>>().ToTable("UserLogins");
        builder.Entity<IdentityUserToken<int>>().ToTable("UserTokens");
        builder.Entity<IdentityRoleClaim<int>>().ToTable("RoleClaims");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite forgets the kind; this gives it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
