using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Strategy;

public enum ProposalItemKind
{
    /// <summary>A template of the lead discipline nobody has adopted yet.</summary>
    AddTemplate = 0,

    /// <summary>An adopted standard whose target should move to ambitious (now leading) or back to threshold (no longer leading).</summary>
    Retarget = 1,

    /// <summary>A standard that only makes sense while its discipline leads; the manager may retire it.</summary>
    ConsiderRetiring = 2,
}

/// <summary>One suggestion of a proposal. The manager applies or ignores each item; nothing happens by itself.</summary>
public sealed record ProposalItem(
    ProposalItemKind Kind,
    string TemplateCode,
    int? StandardId = null,
    int? OwnerUnitId = null,
    double? CurrentTarget = null,
    double? ProposedTarget = null);

/// <summary>What a proposal needs to know of an adopted standard.</summary>
public sealed record AdoptedStandard(int Id, int OwnerUnitId, string? TemplateCode, StandardStatus Status, MetricUnit Unit, MetricDirection Direction, double Target);

/// <summary>
/// What to change in the standards when the company leads in <c>lead</c> (coming from <c>previous</c>).
/// Changing the discipline never deletes a standard: the proposal suggests templates to add, targets to move
/// between ambitious and threshold, and lead-only standards to consider retiring. Standards the manager
/// wrote (no template) or reshaped (other unit or direction than the template) are left alone.
/// </summary>
public static class DisciplineProposal
{
    public static IReadOnlyList<ProposalItem> For(
        ValueDiscipline lead,
        ValueDiscipline? previous,
        IEnumerable<AdoptedStandard> standards,
        IEnumerable<StandardTemplate>? catalogue = null)
    {
        var templates = (catalogue ?? StandardCatalogue.All).ToList();
        var byCode = templates.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        var live = standards.Where(s => s.Status != StandardStatus.Retired).ToList();
        var items = new List<ProposalItem>();

        var adoptedCodes = live.Where(s => s.TemplateCode is not null).Select(s => s.TemplateCode!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        items.AddRange(templates
            .Where(t => t.Discipline == lead && !adoptedCodes.Contains(t.Code))
            .Select(t => new ProposalItem(ProposalItemKind.AddTemplate, t.Code, ProposedTarget: t.AmbitiousTarget)));

        foreach (var standard in live.OrderBy(s => s.TemplateCode, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id))
        {
            if (standard.TemplateCode is null || !byCode.TryGetValue(standard.TemplateCode, out var template)) continue;
            if (template.Unit != standard.Unit || template.Direction != standard.Direction) continue;

            if (template.Discipline == lead)
            {
                if (IsWeaker(standard.Target, template.AmbitiousTarget, standard.Direction))
                    items.Add(Retarget(standard, template.AmbitiousTarget));
            }
            else if (previous is { } from && from != lead && template.Discipline == from)
            {
                if (template.LeadOnly)
                    items.Add(new ProposalItem(ProposalItemKind.ConsiderRetiring, template.Code, standard.Id, standard.OwnerUnitId, standard.Target));
                else if (IsWeaker(template.ThresholdTarget, standard.Target, standard.Direction))
                    items.Add(Retarget(standard, template.ThresholdTarget));
            }
        }
        return items;
    }

    /// <summary>True when <paramref name="value"/> asks less than <paramref name="than"/> in the metric's direction.</summary>
    public static bool IsWeaker(double value, double than, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? value < than : value > than;

    private static ProposalItem Retarget(AdoptedStandard standard, double target) =>
        new(ProposalItemKind.Retarget, standard.TemplateCode!, standard.Id, standard.OwnerUnitId, standard.Target, target);
}
