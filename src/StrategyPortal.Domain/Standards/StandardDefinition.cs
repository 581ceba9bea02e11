using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>
/// Everything a standard is judged by: what is measured, in which unit, the target, the direction and
/// the amber threshold. A new version of a standard is a new definition; <see cref="Validate"/> keeps it sound.
/// </summary>
public sealed record StandardDefinition(
    string Title,
    string Description,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    RaterDimension Rater,
    string Metric,
    MetricUnit Unit,
    MetricDirection Direction,
    double Target,
    double? AmberThreshold)
{
    public const int TitleMaxLength = 160;
    public const int DescriptionMaxLength = 2000;
    public const int MetricMaxLength = 160;

    /// <summary>The edge between amber and red in force: the threshold set, or 10% of the target.</summary>
    public double EffectiveAmberThreshold => AmberThreshold ?? RagJudgement.DefaultAmberThreshold(Target, Direction);

    /// <summary>A trimmed copy, or a <see cref="DomainException"/> naming the first broken rule.</summary>
    public StandardDefinition Validate()
    {
        var title = (Title ?? string.Empty).Trim();
        if (title.Length == 0) throw new DomainException("standard.title-required", "A standard needs a title.");
        if (title.Length > TitleMaxLength) throw new DomainException("standard.title-too-long", $"A title has at most {TitleMaxLength} characters.");
        var description = (Description ?? string.Empty).Trim();
        if (description.Length > DescriptionMaxLength) throw new DomainException("standard.description-too-long", $"A description has at most {DescriptionMaxLength} characters.");
        var metric = (Metric ?? string.Empty).Trim();
        if (metric.Length == 0) throw new DomainException("standard.metric-required", "Say what is measured.");
        if (metric.Length > MetricMaxLength) throw new DomainException("standard.metric-too-long", $"A metric has at most {MetricMaxLength} characters.");
        if (!Enum.IsDefined(Aspect) || !Enum.IsDefined(Channel) || !Enum.IsDefined(Rater) || !Enum.IsDefined(Unit) || !Enum.IsDefined(Direction))
            throw new DomainException("standard.choice-invalid", "Choose a value from the list.");
        if (!MetricUnits.InRange(Unit, Target)) throw new DomainException("standard.target-out-of-range", "The target lies outside the range of the metric's unit.");
        if (AmberThreshold is { } threshold)
        {
            if (!MetricUnits.InRange(Unit, threshold)) throw new DomainException("standard.amber-out-of-range", "The amber threshold lies outside the range of the metric's unit.");
            if (!RagJudgement.IsOnWorseSide(Target, threshold, Direction))
                throw new DomainException("standard.amber-wrong-side", "The amber threshold must lie on the worse side of the target.");
        }
        return this with { Title = title, Description = description, Metric = metric };
    }

    /// <summary>The names of the fields that differ from <paramref name="previous"/>, in a fixed order.</summary>
    public IReadOnlyList<string> ChangesSince(StandardDefinition previous)
    {
        var changes = new List<string>();
        if (Title != previous.Title) changes.Add(nameof(Title));
        if (Description != previous.Description) changes.Add(nameof(Description));
        if (Aspect != previous.Aspect) changes.Add(nameof(Aspect));
        if (Channel != previous.Channel) changes.Add(nameof(Channel));
        if (Rater != previous.Rater) changes.Add(nameof(Rater));
        if (Metric != previous.Metric) changes.Add(nameof(Metric));
        if (Unit != previous.Unit) changes.Add(nameof(Unit));
        if (Direction != previous.Direction) changes.Add(nameof(Direction));
        if (!Target.Equals(previous.Target)) changes.Add(nameof(Target));
        if (!Nullable.Equals(AmberThreshold, previous.AmberThreshold)) changes.Add(nameof(AmberThreshold));
        return changes;
    }
}
