using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Domain.Tests.Promises;

public class ServiceSignalTests
{
    private static ServiceSignal Logged() =>
        new(7, SignalKind.Complaint, ServiceChannel.Chat, new DateOnly(2026, 6, 30), 12, "Geen antwoord", 3, 1, "Sanne", new DateTime(2026, 6, 30, 9, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void A_correction_before_forwarding_replaces_what_was_logged_and_moves_it_to_the_quarter_of_the_new_date()
    {
        var signal = Logged();

        signal.Correct(SignalKind.Question, ServiceChannel.Phone, new DateOnly(2026, 7, 1), 2, "  Twee klanten  ", null);

        Assert.Equal((SignalKind.Question, ServiceChannel.Phone, 2, "Twee klanten", (int?)null, new Quarter(2026, 3)),
            (signal.Kind, signal.Channel, signal.Count, signal.Text, signal.PromiseId, signal.Quarter));
        Assert.Equal((7, "Sanne"), (signal.UnitId, signal.LoggedByName));
    }

    [Fact]
    public void A_forwarded_signal_can_be_neither_corrected_nor_withdrawn()
    {
        var signal = Logged();
        signal.Forward(1, "Sanne", new DateTime(2026, 6, 30, 10, 0, 0, DateTimeKind.Utc));

        var corrected = Assert.Throws<DomainException>(() => signal.Correct(SignalKind.Complaint, ServiceChannel.Chat, signal.Date, 2, "x", 3));
        var withdrawn = Assert.Throws<DomainException>(signal.EnsureCanWithdraw);

        Assert.Equal(("signal.forwarded-final", "signal.forwarded-final"), (corrected.Code, withdrawn.Code));
        Assert.Equal(12, signal.Count);
    }
}
