using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class CustomerScoreRecordConfiguration : IEntityTypeConfiguration<CustomerScoreRecord>
{
    public void Configure(EntityTypeBuilder<CustomerScoreRecord> b)
    {
        b.ToTable("CustomerScoreRecords");
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Source).HasMaxLength(CustomerScoreRecord.SourceMaxLength).IsRequired();
        // The import's key, led by the unit so that it also serves the foreign key and the per-unit,
        // per-quarter recomputation of the summaries (one index instead of two to maintain on insert).
        b.HasIndex(r => new { r.OrgUnitId, r.Date, r.Channel, r.Source }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.Quarter);
    }
}

public sealed class CustomerScoreQuarterConfiguration : IEntityTypeConfiguration<CustomerScoreQuarter>
{
    public void Configure(EntityTypeBuilder<CustomerScoreQuarter> b)
    {
        b.ToTable("CustomerScoreQuarters");
        b.HasKey(q => new { q.QuarterKey, q.OrgUnitId, q.Channel });
        b.Property(q => q.Channel).HasConversion<string>().HasMaxLength(16);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(q => q.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(q => q.Quarter);
    }
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        b.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        b.Property(k => k.Scopes).HasMaxLength(400).IsRequired();
        b.Property(k => k.Version).IsConcurrencyToken();
        b.HasIndex(k => k.Prefix);
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(k => k.CreatedByPersonId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(k => k.ScopeList);
        b.Ignore(k => k.IsRevoked);
    }
}
