using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StrategyPortal.Web.Components.Shared;

/// <summary>
/// A component drawn once to its HTML (as prerendering does) and shown as markup: for what only shows figures, such as a
/// MudChart. An open interactive page keeps every component and two render trees each for as long as it is open; a chart's
/// tree of paths and labels was several hundred frames, the markup is one. What is lost is only what runs in the circuit
/// (a chart's hover highlight); give the figures as text beside it (a table, an aria-label).
/// </summary>
public static class StaticMarkup
{
    public static async Task<MarkupString> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new MarkupString(html);
    }
}
