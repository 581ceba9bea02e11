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
        var title = ValidTitle(Title);
        var description = ValidDescription(Description);
        var metric = ValidMetric(Metric);
        if (!Enum.IsDefined(Aspect) || !Enum.IsDefined(Channel) || !Enum.IsDefined(Rater) || !Enum.IsDefined(Unit) || !Enum.IsDefined(Direction))
            throw new DomainException("standard.choice-invalid", "Choose a value from the list.");
        ValidTarget(Unit, Target);
        ValidAmberThreshold(Unit, Direction, Target, AmberThreshold);
        return this with { Title = title, Description = description, Metric = metric };
    }

    public static string ValidTitle(string? title) => TextRules.Required(title, TitleMaxLength, "standard.title");

    public static string ValidDescription(string? description) => TextRules.Optional(description, DescriptionMaxLength, "standard.description");

    public static string ValidMetric(string? metric) => TextRules.Required(metric, MetricMaxLength, "standard.metric");

    /// <summary>A target within the range of the metric's unit (a percentage 0 to 100, …).</summary>
    public static double ValidTarget(MetricUnit unit, double target) =>
        MetricUnits.InRange(unit, target) ? target : throw OutOfRange("standard.target-range", "The target", unit);

    /// <summary>No threshold (the default band), or one within the unit's range on the worse side of the target.</summary>
    public static double? ValidAmberThreshold(MetricUnit unit, MetricDirection direction, double target, double? threshold)
    {
        if (threshold is not { } value) return null;
        if (!MetricUnits.InRange(unit, value)) throw OutOfRange("standard.amber-range", "The amber threshold", unit);
        if (!RagJudgement.IsOnWorseSide(target, value, direction))
            throw direction == MetricDirection.HigherIsBetter
                ? new DomainException("standard.amber-below-target", "When higher is better, the amber threshold lies below the target.")
                : new DomainException("standard.amber-above-target", "When lower is better, the amber threshold lies above the target.");
        return value;
    }

    private static DomainException OutOfRange(string code, string what, MetricUnit unit)
    {
        var (min, max) = MetricUnits.RangeOf(unit);
        return new DomainException(code, $"{what} must lie between {min} and {max} for this unit.", min, max);
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
