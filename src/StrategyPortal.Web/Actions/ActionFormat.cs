using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Promises;
using StrategyPortal.Web.Standards;

namespace StrategyPortal.Web.Actions;

/// <summary>How a cause's values read on screen, each in the words and format of its own feature's pages.</summary>
public sealed class ActionFormat(IStringLocalizer<ActionsText> text, IStringLocalizer<StandardsText> standards)
{
    public string Value(CauseValueKind kind, Domain.Standards.MetricUnit? unit, double? value) => value is not { } v ? "–" : kind switch
    {
        CauseValueKind.Metric => StandardsFormat.Value(standards, v, unit ?? Domain.Standards.MetricUnit.Score),
        CauseValueKind.Verdict => Terms.Of((PromiseVerdict)(int)Math.Round(v)),
        CauseValueKind.Percent => ScoreFormat.Percent(v),
        CauseValueKind.Score => ScoreFormat.Nps(v),
        CauseValueKind.Mean => ScoreFormat.Ces(v),
        _ => ScoreFormat.Count((long)Math.Round(v)),
    };

    /// <summary>The change in the cause's own terms: "+6 points", "−1.5 hours"; for a verdict the verdict itself says it.</summary>
    public string Change(CauseView cause, double? change)
    {
        if (change is not { } c || cause.ValueKind == CauseValueKind.Verdict) return "–";
        var sign = c > 0 ? "+" : c < 0 ? "−" : "";
        return cause.ValueKind is CauseValueKind.Percent or CauseValueKind.Score
            ? sign + string.Format(CultureInfo.CurrentCulture, text["Change.Points"], Math.Round(Math.Abs(c)).ToString("0", CultureInfo.CurrentCulture))
            : sign + Value(cause.ValueKind, cause.MetricUnit, Math.Abs(c));
    }

    public string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public string Status(ActionStatus status) => Terms.Of(status);

    public string Kind(ActionCauseKind kind) => Terms.Of(kind);

    /// <inheritdoc cref="CauseView.Line"/>
    public string Cause(CauseView cause) => cause.Line(CultureInfo.CurrentUICulture);

    /// <inheritdoc cref="CauseView.Named(CultureInfo)"/>
    public string Cause(ActionCauseKind kind, string subject) => CauseView.Name(kind, subject, CultureInfo.CurrentUICulture);
}
