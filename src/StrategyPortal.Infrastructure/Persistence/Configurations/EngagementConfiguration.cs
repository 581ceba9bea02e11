using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Engagement;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

/// <summary>
/// Tables of the Engagement feature. Participation and responses share nothing but the round:
/// no foreign key, no common column, no insertion order (both are SQLite WITHOUT ROWID tables,
/// see <see cref="AnonymousTables"/>), and responses carry a random GUID and a date without time.
/// </summary>
public static class AnonymousTables
{
    public const string Participations = "Participations";
    public const string Responses = "PulseResponses";
    public const string Comments = "PulseComments";

    /// <summary>Tables SQLite stores WITHOUT ROWID, so no hidden rowid records the order rows were written in.</summary>
    public static IReadOnlySet<string> WithoutRowId { get; } = new HashSet<string>(StringComparer.Ordinal) { Participations, Responses, Comments };
}

public sealed class PulseQuestionConfiguration : IEntityTypeConfiguration<PulseQuestion>
{
    public void Configure(EntityTypeBuilder<PulseQuestion> b)
    {
        b.ToTable("PulseQuestions");
        b.Property(q => q.Code).HasMaxLength(PulseQuestion.CodeMaxLength).IsRequired();
        b.Property(q => q.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(q => q.TextNl).HasMaxLength(PulseQuestion.TextMaxLength).IsRequired();
        b.Property(q => q.TextEn).HasMaxLength(PulseQuestion.TextMaxLength).IsRequired();
        b.Property(q => q.Version).IsConcurrencyToken();
        b.HasIndex(q => new { q.Code, q.Revision }).IsUnique();
        // The default bank comes with the schema. PostgreSQL's identity starts above it (seeded ids do not move it).
        b.Property(q => q.Id).HasIdentityOptions(startValue: 1000);
        b.HasData(QuestionBank.Items.Select(i => new
        {
            i.Id, i.Code, i.Kind, i.TextNl, i.TextEn, Revision = 1, IsActive = true, Version = 1,
        }));
    }
}

public sealed class PulseSurveyConfiguration : IEntityTypeConfiguration<PulseSurvey>
{
    public void Configure(EntityTypeBuilder<PulseSurvey> b)
    {
        b.ToTable("PulseSurveys");
        b.Property(s => s.Title).HasMaxLength(PulseSurvey.TitleMaxLength).IsRequired();
        b.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.Thresholds);
        b.Ignore(s => s.Reminders);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Items).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_items");
        b.HasMany(s => s.Audience).WithOne().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Audience).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_audience");
    }
}

public sealed class PulseSurveyItemConfiguration : IEntityTypeConfiguration<PulseSurveyItem>
{
    public void Configure(EntityTypeBuilder<PulseSurveyItem> b)
    {
        b.ToTable("PulseSurveyItems");
        b.HasKey(i => new { i.SurveyId, i.QuestionId });
        b.HasOne<PulseQuestion>().WithMany().HasForeignKey(i => i.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PulseAudienceUnitConfiguration : IEntityTypeConfiguration<PulseAudienceUnit>
{
    public void Configure(EntityTypeBuilder<PulseAudienceUnit> b)
    {
        b.ToTable("PulseAudienceUnits");
        b.HasKey(a => new { a.SurveyId, a.UnitId });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PulseRoundConfiguration : IEntityTypeConfiguration<PulseRound>
{
    public void Configure(EntityTypeBuilder<PulseRound> b)
    {
        b.ToTable("PulseRounds");
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<PulseSurvey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // Two schedulers (two instances) creating the same round: the second insert fails here, harmlessly.
        b.HasIndex(r => new { r.SurveyId, r.Number }).IsUnique();
        b.HasIndex(r => new { r.OpensOn, r.ClosesOn });
    }
}

public sealed class PulseRoundUnitConfiguration : IEntityTypeConfiguration<PulseRoundUnit>
{
    public void Configure(EntityTypeBuilder<PulseRoundUnit> b)
    {
        b.ToTable("PulseRoundUnits");
        b.HasKey(u => new { u.RoundId, u.UnitId });
        b.Property(u => u.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        b.HasOne<PulseRound>().WithMany().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PulseInvitationConfiguration : IEntityTypeConfiguration<PulseInvitation>
{
    public void Configure(EntityTypeBuilder<PulseInvitation> b)
    {
        b.ToTable("PulseInvitations");
        // One invitation per person per round; looked up by (round, person) when answering.
        b.HasKey(i => new { i.RoundId, i.PersonId });
        b.HasOne<PulseRound>().WithMany().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PulseRoundUnit>().WithMany().HasForeignKey(i => new { i.RoundId, i.UnitId }).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.PersonId);
    }
}

public sealed class AnswerMixConfiguration : IEntityTypeConfiguration<AnswerMix>
{
    public void Configure(EntityTypeBuilder<AnswerMix> b)
    {
        b.ToTable("AnswerMixes");
        b.HasKey(m => m.RoundId);
        b.Property(m => m.RoundId).ValueGeneratedNever();
        b.HasOne<PulseRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ParticipationConfiguration : IEntityTypeConfiguration<Participation>
{
    public void Configure(EntityTypeBuilder<Participation> b)
    {
        b.ToTable(AnonymousTables.Participations);
        // The key is the uniqueness rule "one answer per person per round"; no surrogate id, no time.
        b.HasKey(p => new { p.RoundId, p.PersonId });
        b.HasOne<PulseRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.PersonId);
    }
}

public sealed class PulseResponseConfiguration : IEntityTypeConfiguration<PulseResponse>
{
    public void Configure(EntityTypeBuilder<PulseResponse> b)
    {
        b.ToTable(AnonymousTables.Responses);
        // Stored by round, then by the random id: a round's responses are read as one range, in no meaningful order.
        b.HasKey(r => new { r.RoundId, r.Id });
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Answers).HasMaxLength(1000).IsRequired();
        b.HasOne<PulseRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        // Covers the trend counts (round, unit, class, eNPS) without touching the rows.
        b.HasIndex(r => new { r.RoundId, r.UnitId, r.EngagementMean, r.Enps });
    }
}

public sealed class PulseCommentConfiguration : IEntityTypeConfiguration<PulseComment>
{
    public void Configure(EntityTypeBuilder<PulseComment> b)
    {
        b.ToTable(AnonymousTables.Comments);
        b.HasKey(c => new { c.RoundId, c.Id });
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Text).HasMaxLength(PulseComment.TextMaxLength).IsRequired();
        b.HasOne<PulseRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PulseQuestion>().WithMany().HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.RoundId, c.UnitId });
    }
}
