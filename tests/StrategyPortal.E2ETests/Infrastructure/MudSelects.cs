using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// Picking from a MudSelect the way a user does, waiting for each step to be taken by the circuit instead of hoping it was:
/// a tick counts once the option shows it, and the list counts as closed once its options are gone.
/// </summary>
public static class MudSelects
{
    /// <summary>
    /// Opens the select and picks the option with exactly this text (a single select closes by itself). A filter drawn as
    /// the browser's own select (FilterSelect) is chosen from as a keyboard or screen-reader user does, by its option's text.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        if (await IsNativeAsync(select))
        {
            await select.SelectOptionAsync(new SelectOptionValue { Label = option });
            await Expect(select.Locator("option:checked")).ToHaveTextAsync(option);
            return;
        }
        await select.ClickAsync();
        var item = Listed(page).GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
    }

    /// <summary>Opens the select and picks the first option whose text matches (for labels that carry a date or a count).</summary>
    public static async Task ChooseAsync(IPage page, ILocator select, System.Text.RegularExpressions.Regex option)
    {
        if (await IsNativeAsync(select))
        {
            var label = await select.Locator("option").Filter(new() { HasTextRegex = option }).First.TextContentAsync();
            await ChooseAsync(page, select, label!.Trim());
            return;
        }
        await select.ClickAsync();
        await Listed(page).GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = option }).First.ClickAsync();
        await Expect(Listed(page).GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
    }

    /// <summary>MudBlazor's open lists, in its popover layer: not the options of the browser's own selects on the page.</summary>
    private static ILocator Listed(IPage page) => page.Locator(".mud-popover-provider");

    private static async Task<bool> IsNativeAsync(ILocator select) =>
        await select.EvaluateAsync<string>("e => e.tagName") == "SELECT";

    /// <summary>Opens a multi-select, ticks these options and closes the list again.</summary>
    public static async Task ChooseManyAsync(IPage page, ILocator select, params string[] options)
    {
        await select.ClickAsync();
        foreach (var option in options)
        {
            var item = Listed(page).GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            await item.ClickAsync();
            await Expect(item).ToHaveAttributeAsync("aria-selected", "true");
        }
        await CloseListAsync(page);
    }

    /// <summary>
    /// Closes an open option list. Escape closes it once MudBlazor listens for the key; until then the key is lost, so it is
    /// pressed again while the options are still there, and the overlay behind the list is clicked as a user would.
    /// </summary>
    public static async Task CloseListAsync(IPage page)
    {
        var options = Listed(page).GetByRole(AriaRole.Option);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt % 2 == 1) await page.Keyboard.PressAsync("Escape");
            else if (await page.Locator(".mud-overlay").Last.IsVisibleAsync()) await page.Locator(".mud-overlay").Last.ClickAsync(new() { Position = new() { X = 2, Y = 2 } });
            try
            {
                await Expect(options).ToHaveCountAsync(0, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 8)
            {
            }
        }
    }
}
