using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class ServiceStrategyChoiceConfiguration : IEntityTypeConfiguration<ServiceStrategyChoice>
{
    public void Configure(EntityTypeBuilder<ServiceStrategyChoice> b)
    {
        b.ToTable("ServiceStrategyChoices");
        b.Property(c => c.Discipline).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Rationale).HasMaxLength(ServiceStrategyChoice.RationaleMaxLength).IsRequired();
        b.Property(c => c.ChosenByName).HasMaxLength(120).IsRequired();
        b.Ignore(c => c.EffectiveQuarter);
        b.HasIndex(c => c.EffectiveQuarterKey);
    }
}
