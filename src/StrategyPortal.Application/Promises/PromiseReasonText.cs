using StrategyPortal.Application.Localization;
using System.Globalization;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Promises;

/// <summary>Words a check reason in the current UI language: "requires Chat 24/7; Webcare covers Chat Mon-Sat 08:00-22:00".</summary>
public sealed class PromiseReasonText(MessageText text)
{
    public string Of(PromiseReason reason)
    {
        var a = reason.Args;
        string Arg(int i) => i < a.Count ? a[i] : string.Empty;
        return reason.Code switch
        {
            PromiseReason.CapabilityMissing => text.Format("promise.reason.capability-missing", Arg(0)),
            PromiseReason.MaturityTooLow => text.Format("promise.reason.maturity-too-low", Area(Arg(0)), Arg(1), Arg(2), Arg(3)),
            PromiseReason.ChannelNotCovered => text.Format("promise.reason.channel-not-covered", Channels(Arg(0)), Arg(1), Channels(Arg(2))),
            PromiseReason.HoursNotCovered => text.Format("promise.reason.hours-not-covered", Channels(Arg(0)), Hours(Arg(1)), Arg(2), Hours(Arg(3))),
            PromiseReason.CapacityShort => Arg(2).Length == 0
                ? text.Format("promise.reason.capacity-unknown", Arg(0), Arg(1))
                : text.Format("promise.reason.capacity-short", Arg(0), Arg(1), Arg(2)),
            PromiseReason.NoRequirements => text["promise.reason.no-requirements"],
            PromiseReason.StandardRed => text.Format("promise.reason.standard-red", Arg(0), Arg(1), Terms.InSentence(RagStatus.Red)),
            PromiseReason.ComplaintsAboveThreshold => text.Format("promise.reason.complaints", Arg(0), Arg(1), Arg(2)),
            _ => reason.Code,
        };
    }

    public IReadOnlyList<string> Of(IEnumerable<PromiseReason> reasons) => reasons.Select(Of).ToList();

    public static string Channel(ServiceChannel channel) => Terms.Of(channel);

    public string Channels(string joined)
    {
        var list = ChannelSet.Parse(joined);
        return list.Count == 0 ? text["promise.channel.none"] : string.Join(", ", list.Select(Channel));
    }

    public static string Area(string area) => Enum.TryParse<CapabilityArea>(area, out var known) ? Terms.Of(known) : area;

    /// <summary>Hours with the reader's day names ("ma-vr 08:00-20:00").</summary>
    public string Hours(string canonical)
    {
        if (string.IsNullOrWhiteSpace(canonical)) return text["promise.hours.none"];
        if (!ServiceHours.TryParse(canonical, out var hours, out _)) return canonical;
        var names = CultureInfo.CurrentUICulture.DateTimeFormat.AbbreviatedDayNames;
        return hours.Format(d => names[(int)d].TrimEnd('.'), text["promise.hours.always"]);
    }
}
