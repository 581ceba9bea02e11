using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class CapabilityConfiguration : IEntityTypeConfiguration<Capability>
{
    public void Configure(EntityTypeBuilder<Capability> b)
    {
        b.ToTable("Capabilities");
        b.Property(c => c.Name).HasMaxLength(Capability.NameMaxLength).IsRequired();
        b.Property(c => c.Description).HasMaxLength(Capability.DescriptionMaxLength).IsRequired();
        b.Property(c => c.Evidence).HasMaxLength(Capability.EvidenceMaxLength).IsRequired();
        b.Property(c => c.Area).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.ChannelsText).HasColumnName("Channels").HasMaxLength(ChannelSet.MaxLength).IsRequired();
        b.Property(c => c.HoursText).HasColumnName("Hours").HasMaxLength(ServiceHours.MaxLength).IsRequired();
        b.Property(c => c.StandardIdsText).HasColumnName("StandardIds").HasMaxLength(IdSet.MaxLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Channels);
        b.Ignore(c => c.Hours);
        b.Ignore(c => c.StandardIds);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.OwnerUnitId);
    }
}

public sealed class MarketingPromiseConfiguration : IEntityTypeConfiguration<MarketingPromise>
{
    public void Configure(EntityTypeBuilder<MarketingPromise> b)
    {
        b.ToTable("MarketingPromises");
        b.Property(p => p.Claim).HasMaxLength(MarketingPromise.ClaimMaxLength).IsRequired();
        b.Property(p => p.Campaign).HasMaxLength(MarketingPromise.CampaignMaxLength).IsRequired();
        b.Property(p => p.ChannelsText).HasColumnName("Channels").HasMaxLength(ChannelSet.MaxLength).IsRequired();
        b.Property(p => p.StandardIdsText).HasColumnName("StandardIds").HasMaxLength(IdSet.MaxLength).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Channels);
        b.Ignore(p => p.RequiredStandardIds);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.OwnerPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Requirements).WithOne().HasForeignKey(r => r.PromiseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Requirements).HasField("_requirements").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.OwnerUnitId);
    }
}

public sealed class PromiseRequirementConfiguration : IEntityTypeConfiguration<PromiseRequirement>
{
    public void Configure(EntityTypeBuilder<PromiseRequirement> b)
    {
        b.ToTable("PromiseRequirements");
        b.Property(r => r.ChannelsText).HasColumnName("Channels").HasMaxLength(ChannelSet.MaxLength).IsRequired();
        b.Property(r => r.HoursText).HasColumnName("Hours").HasMaxLength(ServiceHours.MaxLength).IsRequired();
        b.Ignore(r => r.Channels);
        b.Ignore(r => r.Hours);
        b.HasOne<Capability>().WithMany().HasForeignKey(r => r.CapabilityId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.CapabilityId);
    }
}

public sealed class ServiceSignalConfiguration : IEntityTypeConfiguration<ServiceSignal>
{
    public void Configure(EntityTypeBuilder<ServiceSignal> b)
    {
        b.ToTable("ServiceSignals");
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Text).HasMaxLength(ServiceSignal.TextMaxLength).IsRequired();
        b.Property(s => s.LoggedByName).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(s => s.ForwardedByName).HasMaxLength(Person.NameMaxLength);
        b.Property(s => s.AcknowledgedByName).HasMaxLength(Person.NameMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.Quarter);
        b.Ignore(s => s.IsForwarded);
        b.Ignore(s => s.IsAcknowledged);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MarketingPromise>().WithMany().HasForeignKey(s => s.PromiseId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => new { s.PromiseId, s.QuarterKey });
        b.HasIndex(s => new { s.UnitId, s.Date });
        // Privacy export and erasure find a person's signals by id.
        b.HasIndex(s => s.LoggedById);
        b.HasIndex(s => s.ForwardedById);
        b.HasIndex(s => s.AcknowledgedById);
    }
}

public sealed class PromiseCheckResultConfiguration : IEntityTypeConfiguration<PromiseCheckResult>
{
    public void Configure(EntityTypeBuilder<PromiseCheckResult> b)
    {
        b.ToTable("PromiseCheckResults");
        b.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.ReasonsJson).HasColumnName("Reasons").HasMaxLength(8000).IsRequired();
        b.Ignore(r => r.Quarter);
        b.Ignore(r => r.Reasons);
        b.HasOne<MarketingPromise>().WithMany().HasForeignKey(r => r.PromiseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PromiseId, r.QuarterKey }).IsUnique();
        b.HasIndex(r => r.QuarterKey);
    }
}
