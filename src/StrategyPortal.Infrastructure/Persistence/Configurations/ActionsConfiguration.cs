using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> b)
    {
        b.ToTable("ImprovementActions");
        b.Property(a => a.Title).HasMaxLength(ImprovementAction.TitleMaxLength).IsRequired();
        b.Property(a => a.Description).HasMaxLength(ImprovementAction.DescriptionMaxLength).IsRequired();
        b.Property(a => a.DropReason).HasMaxLength(ImprovementAction.DropReasonMaxLength);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.IsOpen);
        b.Ignore(a => a.CreatedOn);
        b.OwnsOne(a => a.Cause, c =>
        {
            c.Property(x => x.Kind).HasColumnName("CauseKind").HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.QuarterKey).HasColumnName("CauseQuarterKey");
            c.Property(x => x.StandardId).HasColumnName("CauseStandardId");
            c.Property(x => x.PromiseId).HasColumnName("CausePromiseId");
            c.Property(x => x.RoundId).HasColumnName("CauseRoundId");
            c.Property(x => x.QuestionId).HasColumnName("CauseQuestionId");
            c.Property(x => x.UnitId).HasColumnName("CauseUnitId");
            c.Property(x => x.Channel).HasColumnName("CauseChannel").HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Measure).HasColumnName("CauseMeasure").HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.SignalId).HasColumnName("CauseSignalId");
            c.Property(x => x.Baseline).HasColumnName("CauseBaseline");
            c.Property(x => x.BaselineStanding).HasColumnName("CauseBaselineStanding").HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.HigherIsBetter).HasColumnName("CauseHigherIsBetter");
            c.Ignore(x => x.Quarter);
            c.Ignore(x => x.BaselineReading);
            c.HasIndex(x => new { x.Kind, x.StandardId });
            c.HasIndex(x => new { x.Kind, x.PromiseId });
        });
        b.Navigation(a => a.Cause).IsRequired();
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.CreatedByPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.CheckIns).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.CheckIns).HasField("_checkIns").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(a => new { a.UnitId, a.Status });
        b.HasIndex(a => new { a.OwnerPersonId, a.Status });
    }
}

public sealed class ActionCheckInConfiguration : IEntityTypeConfiguration<ActionCheckIn>
{
    public void Configure(EntityTypeBuilder<ActionCheckIn> b)
    {
        b.ToTable("ActionCheckIns");
        b.Property(c => c.Note).HasMaxLength(ActionCheckIn.NoteMaxLength).IsRequired();
        b.Property(c => c.NewStatus).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.ByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActionReminderRunConfiguration : IEntityTypeConfiguration<ActionReminderRun>
{
    public void Configure(EntityTypeBuilder<ActionReminderRun> b)
    {
        b.ToTable("ActionReminderRuns");
        // (action, kind, due date, owner): a second instance reminding the same owner of the same due date fails on the key.
        b.HasKey(r => new { r.ActionId, r.Kind, r.DueOn, r.PersonId });
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasOne<ImprovementAction>().WithMany().HasForeignKey(r => r.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.PersonId);
    }
}
