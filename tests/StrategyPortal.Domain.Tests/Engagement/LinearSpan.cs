namespace StrategyPortal.Domain.Tests.Engagement;

/// <summary>
/// The span of 0/1 membership vectors over a set of people, exactly (modulo a large prime): what a reader can compute by
/// adding and subtracting the figures of the groups they see. A figure of a group is a sum over its members, so a hidden
/// group's figure — or one person's answer — can be worked out from visible figures exactly when its membership vector lies
/// in the span of the visible groups' vectors. (Modulo a prime the span can only look larger than over the rationals, so a
/// test built on it can fail wrongly, never pass wrongly.)
/// </summary>
public sealed class LinearSpan(int dimension)
{
    private const long Prime = 2_147_483_647;
    private readonly List<(int Pivot, long[] Row)> _rows = [];

    public int Rank => _rows.Count;

    public void Add(IEnumerable<int> members)
    {
        var v = Reduce(Vector(members));
        var pivot = Array.FindIndex(v, x => x != 0);
        if (pivot < 0) return;
        var inverse = Inverse(v[pivot]);
        for (var i = 0; i < v.Length; i++) v[i] = v[i] * inverse % Prime;
        _rows.Add((pivot, v));
    }

    public bool Contains(IEnumerable<int> members) => Array.TrueForAll(Reduce(Vector(members)), x => x == 0);

    private long[] Vector(IEnumerable<int> members)
    {
        var v = new long[dimension];
        foreach (var m in members) v[m] = 1;
        return v;
    }

    /// <summary>Subtracts the rows in the order they were added: each later row is zero at every earlier pivot.</summary>
    private long[] Reduce(long[] v)
    {
        foreach (var (pivot, row) in _rows)
        {
            var factor = v[pivot];
            if (factor == 0) continue;
            for (var i = 0; i < v.Length; i++) v[i] = ((v[i] - factor * row[i]) % Prime + Prime) % Prime;
        }
        return v;
    }

    private static long Inverse(long a)
    {
        long result = 1, b = a, e = Prime - 2;
        while (e > 0)
        {
            if ((e & 1) == 1) result = result * b % Prime;
            b = b * b % Prime;
            e >>= 1;
        }
        return result;
    }
}
