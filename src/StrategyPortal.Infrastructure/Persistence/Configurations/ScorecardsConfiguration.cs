using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Scorecards;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class ScorecardIssueConfiguration : IEntityTypeConfiguration<ScorecardIssue>
{
    public void Configure(EntityTypeBuilder<ScorecardIssue> b)
    {
        b.ToTable("ScorecardIssues");
        b.HasIndex(i => new { i.QuarterKey, i.Number }).IsUnique();
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.RequestedByName).HasMaxLength(200).IsRequired();
        b.Ignore(i => i.Quarter);
    }
}

public sealed class ScorecardIssueItemConfiguration : IEntityTypeConfiguration<ScorecardIssueItem>
{
    public void Configure(EntityTypeBuilder<ScorecardIssueItem> b)
    {
        b.ToTable("ScorecardIssueItems");
        b.HasIndex(i => new { i.IssueId, i.Status });
        b.HasIndex(i => new { i.IssueId, i.OrgUnitId }).IsUnique();
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.LeaseOwner).HasMaxLength(100);
        b.Property(i => i.LastError).HasMaxLength(ScorecardIssueItem.ErrorMaxLength);
        b.HasOne<ScorecardIssue>().WithMany().HasForeignKey(i => i.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IssuedScorecardConfiguration : IEntityTypeConfiguration<IssuedScorecard>
{
    public void Configure(EntityTypeBuilder<IssuedScorecard> b)
    {
        b.ToTable("IssuedScorecards");
        b.HasIndex(s => new { s.IssueId, s.OrgUnitId, s.Language }).IsUnique();
        b.HasIndex(s => new { s.QuarterKey, s.OrgUnitId });
        b.Property(s => s.UnitName).HasMaxLength(IssuedScorecard.UnitNameMaxLength).IsRequired();
        b.Property(s => s.Language).HasMaxLength(2).IsRequired();
        b.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(s => s.IssuedByName).HasMaxLength(200).IsRequired();
        b.HasOne<ScorecardIssue>().WithMany().HasForeignKey(s => s.IssueId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(s => s.Quarter);
    }
}

public sealed class IssuedScorecardContentConfiguration : IEntityTypeConfiguration<IssuedScorecardContent>
{
    public void Configure(EntityTypeBuilder<IssuedScorecardContent> b)
    {
        b.ToTable("IssuedScorecardContents");
        b.HasKey(c => c.IssuedScorecardId);
        b.HasOne(c => c.Scorecard).WithOne().HasForeignKey<IssuedScorecardContent>(c => c.IssuedScorecardId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Pdf).IsRequired();
        b.Property(c => c.SnapshotJson).IsRequired();
    }
}
