using StrategyPortal.Domain.Strategy;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>Title, metric and description of a template in one language.</summary>
public sealed record TemplateText(string Title, string Metric, string Description);

/// <summary>
/// A built-in standard a manager can adopt. It belongs to one value discipline: when that discipline is
/// the company's lead it suggests the <see cref="AmbitiousTarget"/>, otherwise the <see cref="ThresholdTarget"/>
/// (Treacy &amp; Wiersema: lead in one, hold threshold performance in the other two).
/// </summary>
public sealed record StandardTemplate(
    string Code,
    ValueDiscipline Discipline,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    RaterDimension Rater,
    MetricUnit Unit,
    MetricDirection Direction,
    double AmbitiousTarget,
    double ThresholdTarget,
    TemplateText English,
    TemplateText Dutch)
{
    /// <summary>
    /// Only meaningful while its discipline leads (a named contact for every customer, a product specialist on
    /// every line): when the company leads in another discipline, the proposal suggests retiring it rather than
    /// keeping a threshold version.
    /// </summary>
    public bool LeadOnly { get; init; }

    public double TargetFor(ValueDiscipline? lead) => lead == Discipline ? AmbitiousTarget : ThresholdTarget;

    public bool IsAmbitiousUnder(ValueDiscipline? lead) => lead == Discipline;

    /// <summary>The text in the reader's language: Dutch for "nl…", English otherwise.</summary>
    public TemplateText TextFor(string? cultureName) =>
        cultureName is not null && cultureName.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? Dutch : English;

    public StandardDefinition DefinitionFor(ValueDiscipline? lead, string? cultureName)
    {
        var text = TextFor(cultureName);
        return new StandardDefinition(text.Title, text.Description, Aspect, Channel, Rater, text.Metric, Unit, Direction, TargetFor(lead), null);
    }
}
