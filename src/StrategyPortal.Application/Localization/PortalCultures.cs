using System.Globalization;

namespace StrategyPortal.Application.Localization;

/// <summary>
/// The portal's two languages as cultures, once for the pages, the PDF and the command line: Dutch, and English written the
/// British way (day before month: 12/07/2026, "2 Sep 2026"), whatever "en" would default to.
/// </summary>
public static class PortalCultures
{
    public static CultureInfo Dutch { get; } = CultureInfo.ReadOnly(new CultureInfo("nl"));

    public static CultureInfo English { get; } = British();

    public static IReadOnlyList<CultureInfo> All { get; } = [Dutch, English];

    /// <summary>The culture of a language code ("nl", "en"); anything else is Dutch, the portal's default.</summary>
    public static CultureInfo Of(string? language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) || (language?.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ?? false) ? English : Dutch;

    private static CultureInfo British()
    {
        var english = new CultureInfo("en")
        {
            DateTimeFormat = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.Clone(),
            NumberFormat = (NumberFormatInfo)CultureInfo.GetCultureInfo("en-GB").NumberFormat.Clone(),
        };
        return CultureInfo.ReadOnly(english);
    }
}
