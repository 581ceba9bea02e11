using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Infrastructure.Identity;

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.PreferredCulture).HasMaxLength(8);
        b.HasIndex(u => u.PersonId).IsUnique();
        b.Property(u => u.ErasedEmailHash).HasMaxLength(64);
        b.HasIndex(u => u.ErasedEmailHash);
        b.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
