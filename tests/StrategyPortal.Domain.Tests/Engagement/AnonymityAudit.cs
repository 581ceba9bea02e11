using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Domain.Tests.Engagement;

/// <summary>What a reader sees of a group in a round: which kind of figure, for which unit (or the whole audience).</summary>
public enum FigureKind
{
    /// <summary>A response rate (and invited count): reveals how many of the group's invited people took part.</summary>
    Rate,

    /// <summary>Headline scores (engagement shares, eNPS): sums over the group's respondents.</summary>
    Score,

    /// <summary>Per-item figures and the eNPS split.</summary>
    Detail,

    /// <summary>The group's comments.</summary>
    Comment,
}

/// <summary>
/// One round as the reader's arithmetic sees it: who was invited in which unit of the round's structure, who answered, and
/// the groups of every figure shown. <see cref="Leaks"/> checks, as linear algebra, that no combination of the shown figures
/// singles out a group below its threshold or one person: a figure of a group is a sum over its members, so anything
/// derivable is in the span of the shown groups' membership vectors.
/// </summary>
public sealed class AnonymityAudit(RoundStructure structure, IReadOnlyDictionary<int, int> invitedPerUnit, IReadOnlyDictionary<int, int> respondentsPerUnit,
    AnonymityThresholds thresholds)
{
    /// <summary>Every problem found; empty when the shown figures are safe.</summary>
    public IReadOnlyList<string> Leaks(IEnumerable<(FigureKind Kind, int UnitId)> shown)
    {
        var figures = shown.Distinct().ToList();
        var problems = new List<string>();
        // Invited people and respondents numbered per unit: unit u's invited are a block, its respondents the first of them.
        var invited = Number(invitedPerUnit);
        var respondents = Number(respondentsPerUnit);

        // Every figure gives away how many of the group took part (a rate directly, a score by its granularity):
        // over the invited, no group of fewer than 5 invited and no single person may be derivable.
        Check("taking part", invited, figures.Select(f => f.UnitId), AnonymityThresholds.ResponseRateMinimumInvited);
        Check("scores", respondents, figures.Where(f => f.Kind is FigureKind.Score or FigureKind.Detail or FigureKind.Comment).Select(f => f.UnitId), thresholds.MinGroupSize);
        Check("detail", respondents, figures.Where(f => f.Kind == FigureKind.Detail).Select(f => f.UnitId), thresholds.DetailMinGroupSize);
        Check("comments", respondents, figures.Where(f => f.Kind == FigureKind.Comment).Select(f => f.UnitId), thresholds.CommentThreshold);
        return problems;

        void Check(string what, Dictionary<int, List<int>> people, IEnumerable<int> groups, int threshold)
        {
            var count = people.Values.Sum(p => p.Count);
            var span = new LinearSpan(Math.Max(1, count));
            foreach (var group in groups.Distinct()) span.Add(Members(people, group));
            for (var p = 0; p < count; p++)
                if (span.Contains([p])) problems.Add($"{what}: person {p} can be singled out");
            foreach (var unit in structure.UnitIds.Append(RoundStructure.WholeAudience))
            {
                var subtree = Members(people, unit).ToList();
                if (subtree.Count > 0 && subtree.Count < threshold && span.Contains(subtree))
                    problems.Add($"{what}: group {unit} of {subtree.Count} (< {threshold}) can be worked out");
                if (unit == RoundStructure.WholeAudience) continue;
                var direct = people.GetValueOrDefault(unit) ?? [];
                if (direct.Count > 0 && direct.Count < threshold && span.Contains(direct))
                    problems.Add($"{what}: the {direct.Count} own members of unit {unit} (< {threshold}) can be worked out");
            }
        }
    }

    private IEnumerable<int> Members(Dictionary<int, List<int>> people, int unit) =>
        structure.SubtreeOf(unit).SelectMany(u => people.GetValueOrDefault(u) ?? []);

    private static Dictionary<int, List<int>> Number(IReadOnlyDictionary<int, int> perUnit)
    {
        var next = 0;
        return perUnit.OrderBy(u => u.Key).ToDictionary(u => u.Key, u => Enumerable.Range(0, u.Value).Select(_ => next++).ToList());
    }

    /// <summary>The figures the rules let a reader see of a closed round, every group and kind.</summary>
    public static IEnumerable<(FigureKind Kind, int UnitId)> ShownBy(RoundVisibility visibility)
    {
        foreach (var (kind, map) in new[] { (FigureKind.Rate, visibility.Rates), (FigureKind.Score, visibility.Scores), (FigureKind.Detail, visibility.Detail), (FigureKind.Comment, visibility.Comments) })
            foreach (var (unit, v) in map)
                if (v == GroupVisibility.Shown) yield return (kind, unit);
    }
}
