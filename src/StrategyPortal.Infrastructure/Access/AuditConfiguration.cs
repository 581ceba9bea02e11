using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Infrastructure.Access;

public sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(a => a.ActorName).HasMaxLength(200).IsRequired();
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Changes).IsRequired();
        b.HasIndex(a => a.OccurredAtUtc);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.ActorPersonId);
    }
}
