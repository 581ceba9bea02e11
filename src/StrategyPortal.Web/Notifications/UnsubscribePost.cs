using Microsoft.AspNetCore.Components.Endpoints;
using StrategyPortal.Application.Notifications;

namespace StrategyPortal.Web.Notifications;

/// <summary>
/// A post to a one-click unsubscribe address (<see cref="Unsubscribe"/>), before the page renders: from a mail program
/// (RFC 8058: body <c>List-Unsubscribe=One-Click</c>, no cookies, no antiforgery token) it is answered 200 at once; from
/// the page's own button it redirects to the page, which then says it is done. The signed token in the address is the
/// only proof needed; a token that does not hold changes nothing.
/// </summary>
public sealed class UnsubscribePost(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, NoticeSettingsService settings)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(Unsubscribe)
            && context.GetRouteValue(nameof(Unsubscribe.Token)) is string token)
        {
            var fromPage = false;
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                fromPage = form.ContainsKey("confirm");
            }
            var outcome = await settings.UnsubscribeAsync(token, context.RequestAborted);
            if (fromPage)
            {
                context.Response.Redirect($"/mail/unsubscribe/{Uri.EscapeDataString(token)}" + (outcome.Status == UnsubscribeStatus.SwitchedOff ? "?done=true" : ""), permanent: false);
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                return;
            }
            context.Response.StatusCode = outcome.Status == UnsubscribeStatus.SwitchedOff ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(outcome.Status == UnsubscribeStatus.SwitchedOff ? "Unsubscribed." : "This unsubscribe link is not valid.", context.RequestAborted);
            return;
        }
        await next(context);
    }
}
