using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("OrgUnits");
        b.Property(u => u.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.ParentId);
    }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength).IsRequired();
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(32);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.Email).IsUnique();
        b.HasIndex(p => p.OrgUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
