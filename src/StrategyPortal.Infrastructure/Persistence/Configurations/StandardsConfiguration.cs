using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class ServiceStandardConfiguration : IEntityTypeConfiguration<ServiceStandard>
{
    public void Configure(EntityTypeBuilder<ServiceStandard> b)
    {
        b.ToTable("ServiceStandards");
        b.Property(s => s.Title).HasMaxLength(StandardDefinition.TitleMaxLength).IsRequired();
        b.Property(s => s.Description).HasMaxLength(StandardDefinition.DescriptionMaxLength).IsRequired();
        b.Property(s => s.Metric).HasMaxLength(StandardDefinition.MetricMaxLength).IsRequired();
        b.Property(s => s.TemplateCode).HasMaxLength(ServiceStandard.TemplateCodeMaxLength);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Aspect).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Rater).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Unit).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Direction).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.Definition);
        b.Ignore(s => s.LatestVersion);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.StandardId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(s => new { s.OwnerUnitId, s.Status });
        b.HasIndex(s => s.TemplateCode);
    }
}

public sealed class ServiceStandardVersionConfiguration : IEntityTypeConfiguration<ServiceStandardVersion>
{
    public void Configure(EntityTypeBuilder<ServiceStandardVersion> b)
    {
        b.ToTable("ServiceStandardVersions");
        b.Property(v => v.Title).HasMaxLength(StandardDefinition.TitleMaxLength).IsRequired();
        b.Property(v => v.Description).HasMaxLength(StandardDefinition.DescriptionMaxLength).IsRequired();
        b.Property(v => v.Metric).HasMaxLength(StandardDefinition.MetricMaxLength).IsRequired();
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Aspect).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Rater).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Unit).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Direction).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.ChangedByName).HasMaxLength(120).IsRequired();
        b.Property(v => v.Changes).HasMaxLength(ServiceStandardVersion.ChangesMaxLength).IsRequired();
        b.Ignore(v => v.EffectiveQuarter);
        b.Ignore(v => v.Definition);
        b.Ignore(v => v.ChangedFields);
        b.HasIndex(v => new { v.StandardId, v.Number }).IsUnique();
    }
}

public sealed class StandardResultConfiguration : IEntityTypeConfiguration<StandardResult>
{
    public void Configure(EntityTypeBuilder<StandardResult> b)
    {
        b.ToTable("StandardResults");
        b.Property(r => r.RecordedByName).HasMaxLength(120).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Quarter);
        b.HasOne<ServiceStandard>().WithMany().HasForeignKey(r => r.StandardId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.StandardId, r.QuarterKey }).IsUnique();
        b.HasIndex(r => r.QuarterKey);
    }
}
