namespace StrategyPortal.Domain.Organisation;

/// <summary>
/// Who reports to whom, and what that means for what a manager may see. Keys are whatever identifies people where the
/// question is asked: person ids in the portal, employee numbers in a people file.
/// </summary>
public static class ReportingLines
{
    /// <summary>
    /// Every cycle in the reporting line (A reports to B, B to A), each listed from the person where it was found and
    /// in reporting order. <paramref name="managerOf"/> holds only people who have a manager.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<TKey>> FindCycles<TKey>(IReadOnlyDictionary<TKey, TKey> managerOf) where TKey : notnull
    {
        var cycles = new List<IReadOnlyList<TKey>>();
        var done = new HashSet<TKey>();
        foreach (var start in managerOf.Keys)
        {
            if (done.Contains(start)) continue;
            var path = new List<TKey>();
            var onPath = new Dictionary<TKey, int>();
            var current = start;
            while (true)
            {
                if (done.Contains(current)) break;
                if (onPath.TryGetValue(current, out var at))
                {
                    cycles.Add(path.Skip(at).ToList());
                    break;
                }
                onPath[current] = path.Count;
                path.Add(current);
                if (!managerOf.TryGetValue(current, out var next)) break;
                current = next;
            }
            done.UnionWith(path);
        }
        return cycles;
    }

    /// <summary>Everyone who reports to <paramref name="manager"/>, directly or through others (never the manager, even in a cycle).</summary>
    public static IReadOnlySet<TKey> ReportsOf<TKey>(TKey manager, Func<TKey, IEnumerable<TKey>> directReports) where TKey : notnull
    {
        var reports = new HashSet<TKey>();
        var queue = new Queue<TKey>([manager]);
        while (queue.Count > 0)
            foreach (var report in directReports(queue.Dequeue()))
                if (!EqualityComparer<TKey>.Default.Equals(report, manager) && reports.Add(report))
                    queue.Enqueue(report);
        return reports;
    }

    /// <summary>
    /// The units a manager may see. Where the reporting line is known (someone reports to them), it decides: the
    /// manager's own unit and the unit of everyone who reports to them, directly or through others. Without anyone
    /// reporting to them, the unit they are placed in decides: that unit and every unit below it.
    /// </summary>
    public static IReadOnlySet<int> ManagerUnits(int ownUnitId, IReadOnlyCollection<int> unitsOfReports, OrgTree tree)
    {
        if (unitsOfReports.Count == 0) return tree.SubtreeOf(ownUnitId).ToHashSet();
        var units = new HashSet<int>(unitsOfReports) { ownUnitId };
        return units;
    }
}
