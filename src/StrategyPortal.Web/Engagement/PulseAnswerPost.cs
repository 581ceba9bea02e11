using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using StrategyPortal.Application.Engagement;

namespace StrategyPortal.Web.Engagement;

/// <summary>
/// Checks and stores a posted pulse answer before the page renders: a stored answer is answered with the redirect
/// at once, without rendering the page's components to find its form handler. Any other outcome (a forged form,
/// invalid answers, a closed round, a second answer) is left in <see cref="OutcomeOf"/> for <see cref="AnswerPulse"/>
/// to show. Runs after authentication, authorization, rate limiting and the antiforgery middleware.
/// </summary>
public sealed class PulseAnswerPost(RequestDelegate next)
{
    public const string FormName = "pulse-answer";

    /// <summary>What became of a post that was not stored: its antiforgery token did not hold, or the answer was refused.</summary>
    public sealed record Outcome(bool Forged, SubmitResult? Result);

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, PulseAnswerService answers)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is { } page && page.IsAssignableTo(typeof(AnswerPulse))
            && context.Request.HasFormContentType
            && int.TryParse(context.GetRouteValue(nameof(AnswerPulse.RoundId)) as string, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["_handler"] == FormName)
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    context.Items[typeof(Outcome)] = new Outcome(Forged: true, null);
                }
                else
                {
                    var link = context.GetRouteValue(nameof(AnswerPulse.Link)) as string;
                    var result = await answers.SubmitAsync(roundId, Values(form), link, context.RequestAborted);
                    if (result.Status == SubmitStatus.Stored)
                    {
                        context.Response.Redirect(AnswerPulse.ThanksPath(roundId, link));
                        return;
                    }
                    context.Items[typeof(Outcome)] = new Outcome(Forged: false, result);
                }
            }
        }
        await next(context);
    }

    /// <summary>The outcome this middleware left for the page's form handler (which runs only for posts it has seen).</summary>
    public static Outcome OutcomeOf(HttpContext context) =>
        context.Items[typeof(Outcome)] as Outcome
        ?? throw new InvalidOperationException($"{nameof(PulseAnswerPost)} must run before the pulse page handles a post.");

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
