using System.Globalization;
using StrategyPortal.Application.Actions;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Tests.Actions;

/// <summary>How a cause is named in one line: the same words on the action's page, the list, the scorecard and the reminder.</summary>
public sealed class CauseViewTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");
    private static readonly Quarter Q2 = new(2026, 2);

    [Fact]
    public void A_standard_is_named_by_its_kind_and_title_and_placed_by_its_unit_and_quarter()
    {
        var view = new CauseView(ActionCauseKind.Standard, Q2, "Webcare reageert binnen het uur", "Webcare", null, null, null, CauseValueKind.Metric, MetricUnit.Minutes, "/standards/3");
        Assert.Equal("Standard: Webcare reageert binnen het uur", view.Named(English));
        Assert.Equal("Standard: Webcare reageert binnen het uur (Webcare, 2026-Q2)", view.Line(English));
        Assert.Equal("Norm: Webcare reageert binnen het uur (Webcare, 2026-Q2)", view.Line(Dutch));
    }

    [Fact]
    public void A_signal_adds_its_channel_and_a_cause_without_a_unit_leaves_it_out()
    {
        var signal = new CauseView(ActionCauseKind.Signal, Q2, "WhatsApp op zondag pas maandag beantwoord.", "Webcare", ServiceChannel.Chat, null, null, CauseValueKind.Count, null, null);
        Assert.Equal("Signal: WhatsApp op zondag pas maandag beantwoord. (Webcare, Chat, 2026-Q2)", signal.Line(English));
        var promise = new CauseView(ActionCauseKind.Promise, Q2, "24/7 bereikbaar via WhatsApp", null, null, null, null, CauseValueKind.Verdict, null, "/promises/1");
        Assert.Equal("Belofte: 24/7 bereikbaar via WhatsApp (2026-Q2)", promise.Line(Dutch));
    }

    [Fact]
    public void A_name_from_a_list_row_reads_as_the_view_names_it() =>
        Assert.Equal("Klantscore: NPS · Telefoon", CauseView.Name(ActionCauseKind.CustomerScore, "NPS · Telefoon", Dutch));
}
