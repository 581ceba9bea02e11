using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using StrategyPortal.Application.Engagement;

namespace StrategyPortal.Web.Engagement;

/// <summary>
/// The quick way through for a pulse answer that is stored: checked and saved here, answered with the redirect,
/// without rendering the page's components to find its form handler. Anything else (a forged form, invalid
/// answers, a closed round, a second answer) goes on to <see cref="AnswerPulse"/>, which shows the outcome
/// computed here instead of submitting again. Runs after authentication, authorization and rate limiting.
/// </summary>
public sealed class PulseAnswerPost(RequestDelegate next)
{
    public const string FormName = "pulse-answer";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, PulseAnswerService answers)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type == typeof(AnswerPulse)
            && context.Request.HasFormContentType
            && int.TryParse(context.GetRouteValue(nameof(AnswerPulse.RoundId)) as string, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["_handler"] == FormName && await antiforgery.IsRequestValidAsync(context))
            {
                var result = await answers.SubmitAsync(roundId, Values(form), context.RequestAborted);
                if (result.Status == SubmitStatus.Stored)
                {
                    context.Response.Redirect(AnswerPulse.ThanksPath(roundId));
                    return;
                }
                context.Items[typeof(SubmitResult)] = result;
            }
        }
        await next(context);
    }

    /// <summary>Question id → the raw posted value; a field that is not a question id goes in as -1 (an unknown item).</summary>
    public static Dictionary<int, string?> Values(IFormCollection form)
    {
        var values = new Dictionary<int, string?>();
        foreach (var (key, value) in form)
        {
            if (key.Length < 2 || key[0] != 'q') continue;
            if (!int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) { values[-1] = value; continue; }
            values[id] = value.Count == 1 ? value[0] : value.Count == 0 ? null : "\u0000";
        }
        return values;
    }
}
