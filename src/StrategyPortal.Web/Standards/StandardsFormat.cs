using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Web.Standards;

/// <summary>Numbers with their unit, in the reader's culture (87,5% in Dutch, 87.5% in English).</summary>
public static class StandardsFormat
{
    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Value(IStringLocalizer<StandardsText> text, double? value, MetricUnit unit) =>
        value is { } v ? string.Format(CultureInfo.CurrentCulture, text[$"Format.{unit}"], Number(v)) : "–";

    /// <summary>"at least 90%" / "at most 8 hours": the goal in words, with the direction.</summary>
    public static string Goal(IStringLocalizer<StandardsText> text, double? target, MetricUnit unit, MetricDirection direction) =>
        target is null ? "–" : string.Format(CultureInfo.CurrentCulture, text[$"Goal.{direction}"], Value(text, target, unit));

    public static string Quarter(Quarter quarter) => quarter.ToString();

    public static string Date(DateTime utc) => utc.ToLocalTime().ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The quarters a form offers: two years back, one year ahead.</summary>
    public static IReadOnlyList<Quarter> QuarterChoices(Quarter current) =>
        Domain.Common.Quarter.Range(current.Previous.Previous.Previous.Previous.Previous.Previous.Previous.Previous, current.Next.Next.Next.Next).Reverse().ToList();
}
