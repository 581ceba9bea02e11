using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace StrategyPortal.Web.Components.Shared;

/// <summary>
/// MudBlazor's look as plain markup, for what a page repeats many times (menu entries, table cells, a row's icon
/// buttons). An open interactive page keeps every component instance it shows for as long as it is open — about 4 KB
/// each (its state and two render trees) — while markup the page writes itself costs only its own render frames; a
/// 25-row table with a component per cell and per icon held over 1 MB per open page (tests/StrategyPortal.Benchmarks,
/// circuits). Use MudBlazor components for anything interactive beyond a click, and for controls that appear once.
/// </summary>
public static class Light
{
    /// <summary>The classes of a table cell (<c>MudTd</c>): write <c>&lt;td class="@Light.Cell" data-label="…"&gt;</c>.</summary>
    public const string Cell = "mud-table-cell";

    /// <summary>The classes of a small text-variant <c>MudIconButton</c>, for a <c>&lt;button&gt;</c> or <c>&lt;a&gt;</c>.</summary>
    public const string SmallIconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    /// <summary>The classes of a medium text-variant <c>MudIconButton</c> (as in a table's pager).</summary>
    public const string IconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon";

    /// <summary>The inside of a small icon button: the icon as <c>MudIcon</c> draws it.</summary>
    public static MarkupString SmallIconButtonLabel(string icon) =>
        Once(icon, "button-small", () => $"<span class=\"mud-icon-button-label\">{Svg(icon, "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small")}</span>");

    /// <summary>The inside of a medium icon button.</summary>
    public static MarkupString IconButtonLabel(string icon) =>
        Once(icon, "button", () => $"<span class=\"mud-icon-button-label\">{Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium")}</span>");

    /// <summary>A small icon (as <c>&lt;MudIcon Size="Size.Small"/&gt;</c>) with a text for screen readers.</summary>
    public static MarkupString SmallIcon(string icon, string label) =>
        Once(icon, "label:" + label, () => Svg(icon, "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-small", label));

    /// <summary>An icon without a text of its own (as <c>&lt;MudIcon/&gt;</c>), <paramref name="size"/> small or medium.</summary>
    public static MarkupString Icon(string icon, string size) =>
        Once(icon, "icon-" + size, () => Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-" + size));

    /// <summary>A menu entry's icon, as <c>MudNavLink</c> draws it.</summary>
    public static MarkupString NavLinkIcon(string icon) =>
        Once(icon, "nav", () => Svg(icon, "mud-icon-root mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default"));

    /// <summary>The drop-down arrow at the end of a select's field (<see cref="FilterSelect{T}"/>), as <c>MudSelect</c> draws it.</summary>
    public static readonly MarkupString SelectArrow =
        new(Svg(Icons.Material.Filled.ArrowDropDown, "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-input-adornment-icon"));

    // One string per icon and use for the whole process: a page's frames hold the string, so 25 rows of buttons built their
    // own copies (about 1 KB each) in every open page. The keys are our icon constants and resource texts, a bounded set.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Icon, string Use), MarkupString> Made = new();

    private static MarkupString Once(string icon, string use, Func<string> make) =>
        Made.TryGetValue((icon, use), out var made) ? made
        : Made.Count < 1024 ? Made.GetOrAdd((icon, use), new MarkupString(make())) : new MarkupString(make());

    // MudBlazor's icons are SVG content of our own constants (Icons.Material…), never user text.
    private static string Svg(string icon, string classes, string? label = null) =>
        label is null
            ? $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>"
            : $"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\">{icon}</svg>";
}
