using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Engagement;

public enum GroupVisibility
{
    /// <summary>Enough answers; the group's results may be shown.</summary>
    Shown = 0,

    /// <summary>Fewer answers than the threshold.</summary>
    TooFew = 1,

    /// <summary>Enough answers, but hidden so a smaller hidden sibling cannot be worked out by subtraction.</summary>
    ProtectsSibling = 2,

    /// <summary>Hidden because the unit above it is hidden.</summary>
    ParentHidden = 3,

    /// <summary>
    /// Hidden because the round is still open: results that change with every answer would let a reader compare them
    /// before and after a known colleague answers. Only a closed round's results are shown (not set by <see cref="GroupSuppression"/>).
    /// </summary>
    RoundOpen = 4,

    /// <summary>
    /// Enough answers for the pulse's minimum group size (3 or 4), but fewer than 5 invited: a group whose response rate
    /// is hidden shows no score either, since scores would give away how many answered.
    /// </summary>
    TooFewInvited = 5,
}

/// <summary>
/// Which groups (units, each with its sub-units rolled up) may show results, given how many answers
/// each unit has directly. The rules of DOMAIN.md:
/// <list type="bullet">
/// <item>a group is shown only with at least <c>threshold</c> answers;</item>
/// <item>when a group is hidden, the next-smallest sibling is hidden too, and so on until the hidden
/// siblings together reach the threshold, so nothing hidden can be derived as parent − visible siblings.
/// The parent's own direct members count as a sibling that is never shown on its own;</item>
/// <item>below a hidden group everything is hidden (its sub-units could otherwise add up to it).</item>
/// </list>
/// Compute it once over the whole tree per round; every view, filter and chart then reads from it.
/// </summary>
public static class GroupSuppression
{
    public static IReadOnlyDictionary<int, GroupVisibility> Compute(OrgTree tree, IEnumerable<int> roots, IReadOnlyDictionary<int, int> directCounts, int threshold)
    {
        if (threshold < 1) throw new ArgumentOutOfRangeException(nameof(threshold));
        var rollup = new Dictionary<int, int>();
        var result = new Dictionary<int, GroupVisibility>();
        var rootList = roots.ToList();
        foreach (var root in rootList) RollUp(root);
        foreach (var root in rootList)
        {
            if (rollup[root] < threshold) HideSubtree(root, GroupVisibility.TooFew);
            else Visit(root);
        }
        return result;

        int RollUp(int id)
        {
            var total = directCounts.GetValueOrDefault(id);
            foreach (var child in tree.ChildrenOf(id)) total += RollUp(child);
            rollup[id] = total;
            return total;
        }

        void Visit(int id)
        {
            result[id] = GroupVisibility.Shown;
            var children = tree.ChildrenOf(id);
            if (children.Count == 0) return;
            var hidden = new Dictionary<int, GroupVisibility>();
            // The parent's own members are a group that is never shown apart: always "hidden".
            var hiddenSum = directCounts.GetValueOrDefault(id);
            foreach (var child in children)
            {
                if (rollup[child] < threshold)
                {
                    hidden[child] = GroupVisibility.TooFew;
                    hiddenSum += rollup[child];
                }
            }
            var candidates = children.Where(c => !hidden.ContainsKey(c)).OrderBy(c => rollup[c]).ThenBy(c => c).ToList();
            var next = 0;
            while (hiddenSum > 0 && hiddenSum < threshold && next < candidates.Count)
            {
                var sibling = candidates[next++];
                hidden[sibling] = GroupVisibility.ProtectsSibling;
                hiddenSum += rollup[sibling];
            }
            foreach (var child in children)
            {
                if (hidden.TryGetValue(child, out var why)) HideSubtree(child, why);
                else Visit(child);
            }
        }

        void HideSubtree(int id, GroupVisibility why)
        {
            result[id] = why;
            foreach (var child in tree.ChildrenOf(id))
                HideSubtree(child, rollup[child] < threshold ? GroupVisibility.TooFew : GroupVisibility.ParentHidden);
        }
    }

    /// <summary>Rolled-up counts: each unit's own plus all of its sub-units'.</summary>
    public static IReadOnlyDictionary<int, int> RollUp(OrgTree tree, IEnumerable<int> unitIds, IReadOnlyDictionary<int, int> directCounts) =>
        unitIds.ToDictionary(id => id, id => tree.SubtreeOf(id).Sum(u => directCounts.GetValueOrDefault(u)));
}
