namespace StrategyPortal.Domain.Organisation;

/// <summary>
/// A read-only view of the unit tree (id → parent) for questions that need the whole tree:
/// sub-units, paths, cycles. Build it once from the units and ask it many questions.
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<int, int?> _parentOf;
    private readonly Dictionary<int, List<int>> _childrenOf;

    public OrgTree(IEnumerable<(int Id, int? ParentId)> units)
    {
        _parentOf = units.ToDictionary(u => u.Id, u => u.ParentId);
        _childrenOf = new Dictionary<int, List<int>>();
        foreach (var (id, parent) in _parentOf)
        {
            if (parent is null) continue;
            if (!_childrenOf.TryGetValue(parent.Value, out var list)) _childrenOf[parent.Value] = list = [];
            list.Add(id);
        }
    }

    public static OrgTree From(IEnumerable<OrgUnit> units) => new(units.Select(u => (u.Id, u.ParentId)));

    public bool Contains(int id) => _parentOf.ContainsKey(id);

    public int? ParentOf(int id) => _parentOf.TryGetValue(id, out var p) ? p : null;

    public IReadOnlyList<int> ChildrenOf(int id) => _childrenOf.TryGetValue(id, out var c) ? c : [];

    /// <summary>True when <paramref name="id"/> lies strictly below <paramref name="ancestorId"/>.</summary>
    public bool IsDescendantOf(int id, int ancestorId)
    {
        var seen = new HashSet<int>();
        for (var current = ParentOf(id); current is not null && seen.Add(current.Value); current = ParentOf(current.Value))
            if (current.Value == ancestorId) return true;
        return false;
    }

    /// <summary>The unit itself and every unit below it, depth first.</summary>
    public IReadOnlyList<int> SubtreeOf(int id)
    {
        var result = new List<int>();
        if (!Contains(id)) return result;
        var stack = new Stack<int>();
        stack.Push(id);
        var seen = new HashSet<int>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current)) continue;
            result.Add(current);
            var children = ChildrenOf(current);
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
        return result;
    }

    /// <summary>The path from the root down to the unit, both included.</summary>
    public IReadOnlyList<int> PathTo(int id)
    {
        var path = new List<int>();
        var seen = new HashSet<int>();
        for (int? current = Contains(id) ? id : null; current is not null && seen.Add(current.Value); current = ParentOf(current.Value))
            path.Add(current.Value);
        path.Reverse();
        return path;
    }

    public int DepthOf(int id) => Math.Max(0, PathTo(id).Count - 1);
}
