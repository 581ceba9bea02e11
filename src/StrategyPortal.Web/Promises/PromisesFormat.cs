using StrategyPortal.Application.Localization;
using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Web.Promises;

/// <summary>Small formatting helpers the promises pages share.</summary>
public static class PromisesFormat
{
    public static string Channels(IStringLocalizer<PromisesText> t, IEnumerable<ServiceChannel> channels)
    {
        var list = channels.ToList();
        return list.Count == 0 ? "–" : string.Join(", ", list.Select(c => Terms.Of(c)));
    }

    public static string Period(IStringLocalizer<PromisesText> t, DateOnly from, DateOnly? to) =>
        to is { } end
            ? string.Format(CultureInfo.CurrentCulture, t["Period.FromTo"], from.ToString("d", CultureInfo.CurrentCulture), end.ToString("d", CultureInfo.CurrentCulture))
            : string.Format(CultureInfo.CurrentCulture, t["Period.From"], from.ToString("d", CultureInfo.CurrentCulture));

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The day of a moment, without the time (compact table cells; the full moment goes in a tooltip).</summary>
    public static string Day(DateTime utc) => utc.ToLocalTime().ToString("d", CultureInfo.CurrentCulture);

    public static string Moment(DateTime utc) => utc.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);
}
