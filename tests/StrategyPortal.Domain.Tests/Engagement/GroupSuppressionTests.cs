using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using V = StrategyPortal.Domain.Engagement.GroupVisibility;

namespace StrategyPortal.Domain.Tests.Engagement;

public class GroupSuppressionTests
{
    // Root 1 with children 2, 3, 4; unit 5 and 6 below 2.
    private static readonly OrgTree Tree = new([(1, null), (2, 1), (3, 1), (4, 1), (5, 2), (6, 2)]);

    private static IReadOnlyDictionary<int, V> Run(int threshold, params (int Unit, int Count)[] direct) =>
        GroupSuppression.Compute(Tree, [1], direct.ToDictionary(d => d.Unit, d => d.Count), threshold);

    [Fact]
    public void Groups_at_or_above_the_threshold_are_shown()
    {
        var v = Run(5, (2, 5), (3, 6), (4, 7));
        Assert.All(new[] { 1, 2, 3, 4 }, id => Assert.Equal(V.Shown, v[id]));
    }

    [Fact]
    public void A_group_with_fewer_answers_is_hidden_and_so_is_the_next_smallest_sibling()
    {
        // 2 has 3 (< 5): hidden. Left alone, 3 could be read as root (21) − 3 (8) − 4 (10).
        // So the next-smallest sibling, 3 with 8, is hidden too; 4 with 10 stays.
        var v = Run(5, (2, 3), (3, 8), (4, 10));
        Assert.Equal(V.Shown, v[1]);
        Assert.Equal(V.TooFew, v[2]);
        Assert.Equal(V.ProtectsSibling, v[3]);
        Assert.Equal(V.Shown, v[4]);
    }

    [Fact]
    public void No_extra_sibling_is_hidden_when_the_hidden_ones_together_reach_the_threshold()
    {
        // Hidden: root's own 2 + unit 2's 3 = 5: subtracting yields a group of five, which may be shown.
        var v = Run(5, (1, 2), (2, 3), (3, 8), (4, 10));
        Assert.Equal(V.TooFew, v[2]);
        Assert.Equal(V.Shown, v[3]);
        Assert.Equal(V.Shown, v[4]);
    }

    [Fact]
    public void The_parents_own_members_count_as_a_hidden_sibling()
    {
        // Root's own 2 people are never shown apart; root (2+20+15+9) − 2 − 3 − 4 would reveal them,
        // so the smallest child (4, with 9) is hidden.
        var v = Run(5, (1, 2), (2, 20), (3, 15), (4, 9));
        Assert.Equal(V.Shown, v[1]);
        Assert.Equal(V.Shown, v[2]);
        Assert.Equal(V.Shown, v[3]);
        Assert.Equal(V.ProtectsSibling, v[4]);
    }

    [Fact]
    public void Ties_between_siblings_hide_the_lower_unit_id_first()
    {
        var v = Run(5, (2, 1), (3, 9), (4, 9));
        Assert.Equal(V.ProtectsSibling, v[3]);
        Assert.Equal(V.Shown, v[4]);
    }

    [Fact]
    public void Below_a_hidden_group_everything_is_hidden()
    {
        // Unit 2 = own 2 + 5 (6) + 5 (7) = 12, hidden to protect unit 3 (3 answers).
        // Showing 5 and 6 would give 2's total minus its own 2 people: they go too.
        var v = Run(5, (2, 2), (5, 5), (6, 5), (3, 3), (4, 0));
        Assert.Equal(V.ProtectsSibling, v[2]);
        Assert.Equal(V.TooFew, v[3]);
        Assert.Equal(V.ParentHidden, v[5]);
        Assert.Equal(V.ParentHidden, v[6]);
    }

    [Fact]
    public void A_root_below_the_threshold_hides_the_whole_tree()
    {
        var v = Run(5, (2, 1), (3, 1), (4, 2));
        Assert.All(new[] { 1, 2, 3, 4, 5, 6 }, id => Assert.Equal(V.TooFew, v[id]));
    }

    [Fact]
    public void Groups_without_answers_are_hidden_but_do_not_hide_a_sibling()
    {
        // Unit 4 has nobody answering: nothing can be derived about it, so 2 and 3 stay.
        var v = Run(5, (2, 6), (3, 7));
        Assert.Equal(V.TooFew, v[4]);
        Assert.Equal(V.Shown, v[2]);
        Assert.Equal(V.Shown, v[3]);
    }

    [Fact]
    public void A_larger_threshold_hides_more()
    {
        // The same counts under a comment threshold of 10: 3 (8) is too few itself, hidden sum 3 + 8 = 11 ≥ 10.
        var v = Run(10, (2, 3), (3, 8), (4, 10));
        Assert.Equal(V.TooFew, v[2]);
        Assert.Equal(V.TooFew, v[3]);
        Assert.Equal(V.Shown, v[4]);
    }

    [Fact]
    public void Nothing_hidden_can_be_worked_out_by_subtraction_in_random_trees()
    {
        var random = new Random(42);
        for (var run = 0; run < 500; run++)
        {
            var units = new List<(int, int?)> { (1, null) };
            var count = random.Next(2, 15);
            for (var id = 2; id <= count; id++) units.Add((id, random.Next(1, id)));
            var tree = new OrgTree(units);
            var direct = units.ToDictionary(u => u.Item1, _ => random.Next(0, 9));
            var threshold = random.Next(3, 8);
            var v = GroupSuppression.Compute(tree, [1], direct, threshold);
            var rollup = GroupSuppression.RollUp(tree, direct.Keys, direct);

            foreach (var (id, _) in units)
            {
                if (v[id] == V.Shown) Assert.True(rollup[id] >= threshold, $"run {run}: unit {id} shown with {rollup[id]} < {threshold}");
                if (v[id] != V.Shown) Assert.All(tree.SubtreeOf(id), sub => Assert.NotEqual(V.Shown, v[sub]));
                if (v[id] != V.Shown || tree.ChildrenOf(id).Count == 0) continue;
                // What a reader can compute: shown parent − shown children = everything hidden below it.
                var derivable = rollup[id] - tree.ChildrenOf(id).Where(c => v[c] == V.Shown).Sum(c => rollup[c]);
                Assert.True(derivable == 0 || derivable >= threshold, $"run {run}: {derivable} answers below unit {id} can be derived");
            }
        }
    }
}
