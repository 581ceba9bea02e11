using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Strategy;

public sealed record StrategyChoiceRow(int Id, ValueDiscipline Discipline, string Rationale, Quarter EffectiveQuarter, string ChosenByName, DateTime ChosenAtUtc, bool InForce);

/// <summary>The strategy page: the discipline in force, the history of choices and the coverage of the reader's active standards.</summary>
public sealed record StrategyOverview(
    Quarter CurrentQuarter,
    StrategyChoiceRow? InForce,
    StrategyChoiceRow? Upcoming,
    IReadOnlyList<StrategyChoiceRow> History,
    CoverageMatrix Coverage,
    bool CanChoose,
    bool CoversAllUnits);

/// <summary>How many active standards there are per aspect and channel. A gap is an aspect or (specific) channel without any.</summary>
public sealed record CoverageMatrix(IReadOnlyDictionary<(ServiceAspect Aspect, ServiceChannel Channel), int> Counts)
{
    public int Count(ServiceAspect aspect, ServiceChannel channel) => Counts.TryGetValue((aspect, channel), out var n) ? n : 0;

    public int AspectTotal(ServiceAspect aspect) => Counts.Where(c => c.Key.Aspect == aspect).Sum(c => c.Value);

    public int ChannelTotal(ServiceChannel channel) => Counts.Where(c => c.Key.Channel == channel).Sum(c => c.Value);

    public int Total => Counts.Values.Sum();

    public IReadOnlyList<ServiceAspect> AspectGaps => Enum.GetValues<ServiceAspect>().Where(a => AspectTotal(a) == 0).ToList();

    /// <summary>Channels without a standard of their own. "Any" is not a channel a customer uses, so it is never a gap.</summary>
    public IReadOnlyList<ServiceChannel> ChannelGaps => Enum.GetValues<ServiceChannel>().Where(c => c != ServiceChannel.Any && ChannelTotal(c) == 0).ToList();

    public static CoverageMatrix From(IEnumerable<(ServiceAspect Aspect, ServiceChannel Channel)> activeStandards) =>
        new(activeStandards.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
}

public sealed class StrategyChoiceInput
{
    public ValueDiscipline? Discipline { get; set; }
    public string Rationale { get; set; } = string.Empty;
    public Quarter? EffectiveQuarter { get; set; }
}

/// <summary>One suggestion of the proposal, ready to show: what, where, from and to.</summary>
public sealed record ProposalRow(
    ProposalItemKind Kind,
    string TemplateCode,
    string TemplateTitle,
    ValueDiscipline TemplateDiscipline,
    int? StandardId,
    string? StandardTitle,
    int? StandardVersion,
    int? OwnerUnitId,
    string? OwnerUnitName,
    MetricUnit Unit,
    double? CurrentTarget,
    double? ProposedTarget,
    bool CanApply);

public sealed record StrategyProposal(ValueDiscipline? Lead, ValueDiscipline? Previous, Quarter? EffectiveQuarter, IReadOnlyList<ProposalRow> Items);
