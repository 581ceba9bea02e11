using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using StrategyPortal.Application.Actions;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Web.Actions;

/// <summary>The address of a new action from its cause (<c>/actions/new?kind=…</c>) and back: what a "Take action" link carries.</summary>
public static class ActionLinks
{
    public const string NewPath = "/actions/new";

    public static string New(ActionCauseRef cause)
    {
        var query = new Dictionary<string, string?>
        {
            ["kind"] = cause.Kind.ToString(),
            ["quarter"] = cause.Quarter?.ToString(),
            ["standard"] = Text(cause.StandardId),
            ["promise"] = Text(cause.PromiseId),
            ["round"] = Text(cause.RoundId),
            ["unit"] = Text(cause.UnitId),
            ["question"] = Text(cause.QuestionId),
            ["channel"] = cause.Channel?.ToString(),
            ["measure"] = cause.Measure?.ToString(),
            ["signal"] = Text(cause.SignalId),
        };
        return QueryHelpers.AddQueryString(NewPath, query.Where(q => q.Value is not null));
    }

    /// <summary>The cause named by a query string, or null when it names none (or nonsense).</summary>
    public static ActionCauseRef? Parse(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
        int? Int(string key) => int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (!Enum.TryParse<ActionCauseKind>(Get("kind"), out var kind) || !Enum.IsDefined(kind)) return null;
        Quarter? quarter = Quarter.TryParse(Get("quarter"), out var q) ? q : null;
        ServiceChannel? channel = Enum.TryParse<ServiceChannel>(Get("channel"), out var c) && Enum.IsDefined(c) ? c : null;
        CustomerScoreMeasure? measure = Enum.TryParse<CustomerScoreMeasure>(Get("measure"), out var m) && Enum.IsDefined(m) ? m : null;
        return new ActionCauseRef(kind, quarter, Int("standard"), Int("promise"), Int("round"), Int("unit"), Int("question"), channel, measure, Int("signal"));
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
