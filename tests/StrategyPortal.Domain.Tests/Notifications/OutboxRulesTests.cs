using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Domain.Tests.Notifications;

public class OutboxRulesTests
{
    private static readonly DateTime FailedAt = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    // 30 s after the first failure, doubling: 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min, then the 60-minute cap.
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void A_failed_try_is_repeated_after_a_pause_that_doubles_up_to_the_cap(int attempts, int seconds)
    {
        var retry = OutboxMessage.RetryAt(FailedAt, attempts, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(60));
        Assert.Equal(FailedAt.AddSeconds(seconds), retry);
    }

    [Theory]
    [InlineData(1, 3, false)]
    [InlineData(2, 3, false)]
    [InlineData(3, 3, true)]
    [InlineData(4, 3, true)]
    [InlineData(1, 0, true)]
    public void The_last_allowed_try_gives_up(int attempts, int maxAttempts, bool givesUp) =>
        Assert.Equal(givesUp, OutboxMessage.GivesUpAfter(attempts, maxAttempts));

    [Fact]
    public void A_new_message_is_queued_and_due_at_once()
    {
        var message = new OutboxMessage(NoticeKind.StandardRed, 7, "lotte@noordlicht.example", "Lotte Visser", "{}", FailedAt);
        Assert.Equal(OutboxStatus.Queued, message.Status);
        Assert.Equal(FailedAt, message.NextAttemptAtUtc);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public void An_error_is_shortened_to_what_the_column_holds()
    {
        Assert.Equal(OutboxMessage.ErrorMaxLength, OutboxMessage.Shorten(new string('x', 5000)).Length);
        Assert.Equal("short", OutboxMessage.Shorten("short"));
    }

    [Fact]
    public void Every_kind_is_on_until_switched_off_and_personal_invitations_cannot_be()
    {
        var settings = new NoticeSettings(3);
        Assert.All(Enum.GetValues<NoticeKind>(), kind => Assert.True(settings.Receives(kind)));

        settings.Set(NoticeKind.StandardRed, false);
        Assert.False(settings.Receives(NoticeKind.StandardRed));
        Assert.True(settings.Receives(NoticeKind.ScorecardsIssued));
        settings.Set(NoticeKind.StandardRed, true);
        Assert.True(settings.Receives(NoticeKind.StandardRed));

        Assert.Equal("notice.cannot-switch-off", Assert.Throws<DomainException>(() => settings.Set(NoticeKind.PulseInvitation, false)).Code);
        Assert.Equal("notice.cannot-switch-off", Assert.Throws<DomainException>(() => settings.Set(NoticeKind.AccountInvitation, false)).Code);
        settings.Set(NoticeKind.PulseInvitation, true);
    }

    [Fact]
    public void The_language_is_Dutch_English_or_the_portals()
    {
        var settings = new NoticeSettings(3);
        settings.SetLanguage("en");
        Assert.Equal("en", settings.Language);
        settings.SetLanguage(null);
        Assert.Null(settings.Language);
        Assert.Equal("notice.language-invalid", Assert.Throws<DomainException>(() => settings.SetLanguage("de")).Code);
    }

    [Fact]
    public void Only_personal_invitations_go_without_an_unsubscribe_link()
    {
        Assert.True(NoticeKind.AccountInvitation.IsPersonalInvitation());
        Assert.True(NoticeKind.PulseInvitation.IsPersonalInvitation());
        Assert.All(NoticeKinds.Optional, kind => Assert.True(kind.CanSwitchOff()));
        Assert.Equal(Enum.GetValues<NoticeKind>().Length, NoticeKinds.Optional.Count + 2);
    }

    [Fact]
    public void Each_role_is_offered_the_kinds_it_can_receive()
    {
        Assert.Equal([NoticeKind.PulseReminder, NoticeKind.SignalAcknowledged, NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue], NoticeKinds.For(PortalRole.Employee));
        // Anyone in a unit's reach can own an action, so every role may switch its reminders off.
        Assert.All(Enum.GetValues<PortalRole>(), role => Assert.Contains(NoticeKind.ActionOverdue, NoticeKinds.For(role)));
        Assert.Equal(NoticeKinds.Optional, NoticeKinds.For(PortalRole.Manager));
        Assert.Contains(NoticeKind.ScorecardsIssued, NoticeKinds.For(PortalRole.Director));
        Assert.DoesNotContain(NoticeKind.StandardRed, NoticeKinds.For(PortalRole.Director));
    }
}
