using Microsoft.Extensions.Localization;
using MudBlazor;

namespace StrategyPortal.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager, clear and close buttons, "Required", date picker…) in the reader's language: MudText.nl.resx holds
/// the Dutch for each of MudBlazor's keys; MudText.resx its English defaults (so the two stay twins, and the Dutch walk knows them).
/// </summary>
public sealed class MudText;

/// <summary>Hands MudBlazor's keys to <see cref="MudText"/>; a key without a translation falls back to MudBlazor's English.</summary>
public sealed class PortalMudLocalizer(IStringLocalizer<MudText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];
}
