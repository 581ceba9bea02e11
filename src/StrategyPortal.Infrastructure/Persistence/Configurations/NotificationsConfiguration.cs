using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Infrastructure.Persistence.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.ToAddress).HasMaxLength(Person.EmailMaxLength).IsRequired();
        b.Property(m => m.ToName).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(m => m.Payload).HasMaxLength(OutboxMessage.PayloadMaxLength).IsRequired();
        b.Property(m => m.LeaseOwner).HasMaxLength(OutboxMessage.OwnerMaxLength);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // The worker's claim reads by status and due time; the mail page lists by status, newest first.
        b.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        b.HasIndex(m => m.LeaseOwner);
        b.HasIndex(m => m.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class NoticeSettingsConfiguration : IEntityTypeConfiguration<NoticeSettings>
{
    public void Configure(EntityTypeBuilder<NoticeSettings> b)
    {
        b.ToTable("NoticeSettings");
        b.HasKey(s => s.PersonId);
        b.Property(s => s.PersonId).ValueGeneratedNever();
        b.Property(s => s.Language).HasMaxLength(2);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PulseLinkConfiguration : IEntityTypeConfiguration<Domain.Engagement.PulseLink>
{
    public void Configure(EntityTypeBuilder<Domain.Engagement.PulseLink> b)
    {
        b.ToTable("PulseLinks");
        // One link per invitation; found by the hash of the token a link carries.
        b.HasKey(l => new { l.RoundId, l.PersonId });
        b.Property(l => l.TokenHash).HasMaxLength(Domain.Engagement.PulseLink.TokenHashLength).IsRequired();
        b.Property(l => l.ProtectedToken).HasMaxLength(1000).IsRequired();
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasOne<Domain.Engagement.PulseInvitation>().WithMany().HasForeignKey(l => new { l.RoundId, l.PersonId }).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.PersonId);
    }
}

public sealed class PulseReminderRunConfiguration : IEntityTypeConfiguration<Domain.Engagement.PulseReminderRun>
{
    public void Configure(EntityTypeBuilder<Domain.Engagement.PulseReminderRun> b)
    {
        b.ToTable("PulseReminderRuns");
        // (round, sequence): a second instance sending the same reminder fails on the key and rolls its messages back.
        b.HasKey(r => new { r.RoundId, r.Sequence });
        b.HasOne<Domain.Engagement.PulseRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
