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
        b.Property(u => u.Code).HasMaxLength(OrgUnit.CodeMaxLength);
        b.HasIndex(u => u.Code).IsUnique();
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
        b.Property(p => p.EmployeeNumber).HasMaxLength(Person.EmployeeNumberMaxLength);
        b.HasIndex(p => p.EmployeeNumber).IsUnique();
        b.Property(p => p.FirstName).HasMaxLength(Person.PartNameMaxLength);
        b.Property(p => p.LastName).HasMaxLength(Person.PartNameMaxLength);
        b.Property(p => p.Language).HasMaxLength(8);
        b.Property(p => p.DirectoryUserName).HasMaxLength(Person.EmailMaxLength);
        b.HasIndex(p => p.DirectoryUserName).IsUnique();
        b.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.ManagerId);
    }
}

public sealed class PeopleImportConfiguration : IEntityTypeConfiguration<Domain.People.PeopleImport>
{
    public void Configure(EntityTypeBuilder<Domain.People.PeopleImport> b)
    {
        b.ToTable("PeopleImports");
        b.Property(i => i.FileName).HasMaxLength(Domain.People.PeopleImport.FileNameMaxLength).IsRequired();
        b.Property(i => i.FileSha256).HasMaxLength(64).IsRequired();
        b.Property(i => i.Mode).HasConversion<string>().HasMaxLength(16);
        b.Ignore(i => i.AuditName);
        b.HasIndex(i => i.AppliedAtUtc);
    }
}
