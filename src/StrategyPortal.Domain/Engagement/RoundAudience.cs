using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Engagement;

/// <summary>
/// A unit as a round recorded it when it opened: its parent within the round's audience (null for an audience root), its
/// name then, and how many of its own members (not its sub-units') were invited. Every figure of the round is computed
/// from these rows, so moving, renaming, merging or deactivating units later changes nothing of the round.
/// <see cref="TookPart"/> is the open round's participation, counted once a day (<see cref="TookPartCountedOn"/>), never live.
/// </summary>
[NotAudited] // the round's own record, written by the system once at opening and once a day while it is open
public class PulseRoundUnit
{
    private PulseRoundUnit() { Name = string.Empty; }

    public PulseRoundUnit(int roundId, int unitId, int? parentUnitId, string name, int invited)
    {
        if (invited < 0) throw new ArgumentOutOfRangeException(nameof(invited));
        if (parentUnitId == unitId) throw new ArgumentException("A unit cannot be its own parent.", nameof(parentUnitId));
        RoundId = roundId;
        UnitId = unitId;
        ParentUnitId = parentUnitId;
        Name = name;
        Invited = invited;
    }

    public int RoundId { get; private set; }
    public int UnitId { get; private set; }
    public int? ParentUnitId { get; private set; }
    public string Name { get; private set; }
    public int Invited { get; private set; }
    public int TookPart { get; private set; }
    public DateOnly? TookPartCountedOn { get; private set; }
}

/// <summary>
/// Who was invited to a round, and in which unit: recorded when the round opens. Only invited people may answer, and an
/// answer counts in the unit of the invitation, wherever the person has moved since. It says nothing about taking part
/// (that is <see cref="Participation"/>) and nothing refers to it from a response.
/// </summary>
[NotAudited] // written by the system for everyone at once when a round opens; no person's act
public class PulseInvitation
{
    private PulseInvitation() { }

    public PulseInvitation(int roundId, int personId, int unitId)
    {
        RoundId = roundId;
        PersonId = personId;
        UnitId = unitId;
    }

    public int RoundId { get; private set; }
    public int PersonId { get; private set; }
    public int UnitId { get; private set; }
}

/// <summary>A unit of the organisation as it is when a round opens.</summary>
public readonly record struct AudienceUnit(int Id, int? ParentId, string Name, bool IsActive);

/// <summary>An active person and the unit they are in when a round opens.</summary>
public readonly record struct AudienceMember(int PersonId, int UnitId);

/// <summary>Records a round's audience as the organisation is on its opening day.</summary>
public static class RoundAudience
{
    /// <summary>
    /// The audience units (with every active unit below them, reached through active units only) and the active people in
    /// them. A unit's parent is kept only when it is in the audience too; a unit whose parent is not is a root of the round.
    /// </summary>
    public static (IReadOnlyList<PulseRoundUnit> Units, IReadOnlyList<PulseInvitation> Invitations) Record(
        int roundId, IReadOnlyCollection<AudienceUnit> units, IEnumerable<AudienceMember> people, IEnumerable<int> audienceUnitIds)
    {
        var byId = units.ToDictionary(u => u.Id);
        var tree = new OrgTree(units.Select(u => (u.Id, u.ParentId)));
        var included = new HashSet<int>();
        foreach (var root in audienceUnitIds.Distinct())
        {
            if (!byId.TryGetValue(root, out var unit) || !unit.IsActive) continue;
            var stack = new Stack<int>([root]);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (!included.Add(id)) continue;
                foreach (var child in tree.ChildrenOf(id))
                    if (byId[child].IsActive) stack.Push(child);
            }
        }
        var invitations = people.Where(p => included.Contains(p.UnitId)).DistinctBy(p => p.PersonId)
            .OrderBy(p => p.PersonId).Select(p => new PulseInvitation(roundId, p.PersonId, p.UnitId)).ToList();
        var invited = invitations.GroupBy(i => i.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var recorded = included.Order().Select(id =>
        {
            var unit = byId[id];
            var parent = unit.ParentId is { } p && included.Contains(p) ? p : (int?)null;
            return new PulseRoundUnit(roundId, id, parent, unit.Name, invited.GetValueOrDefault(id));
        }).ToList();
        return (recorded, invitations);
    }
}

/// <summary>Which groups of a round may show which figures: each a <see cref="GroupSuppression"/> result per unit.</summary>
/// <param name="Rates">Response rate and invited count: a group of at least 5 invited, under the sibling rule on invited counts.</param>
/// <param name="Scores">Headline figures (engagement shares, eNPS, response count): enough answers under the sibling rule, and the rate shown too.</param>
/// <param name="Detail">Per-item figures and the eNPS split: the pulse's detail threshold, and the scores shown too.</param>
/// <param name="Comments">Comments: the comment threshold, and the scores shown too.</param>
public sealed record RoundVisibility(
    IReadOnlyDictionary<int, GroupVisibility> Rates,
    IReadOnlyDictionary<int, GroupVisibility> Scores,
    IReadOnlyDictionary<int, GroupVisibility> Detail,
    IReadOnlyDictionary<int, GroupVisibility> Comments);

/// <summary>
/// The organisation of one round as it recorded it when it opened (<see cref="PulseRoundUnit"/>), for computing its results.
/// The round's roots hang under one virtual node, <see cref="WholeAudience"/>, that stands for the round as a whole (its
/// total participation is shown on the pulses page): the roots are then siblings under the sibling rule like any others.
/// </summary>
public sealed class RoundStructure
{
    /// <summary>The id of the virtual node above the round's roots: the whole audience. No unit has id 0.</summary>
    public const int WholeAudience = 0;

    private readonly Dictionary<int, PulseRoundUnit> _units;
    private readonly OrgTree _tree;

    public RoundStructure(IEnumerable<PulseRoundUnit> units)
    {
        _units = units.ToDictionary(u => u.UnitId);
        if (_units.ContainsKey(WholeAudience)) throw new ArgumentException("Unit id 0 is reserved for the whole audience.", nameof(units));
        var roots = _units.Values.Where(u => u.ParentUnitId is not { } p || !_units.ContainsKey(p)).Select(u => u.UnitId).ToHashSet();
        // Units in a cycle (two moves at once can make one) reach no root: each cycle is cut at its lowest id, which becomes a root.
        while (Unreachable(roots).Min() is var cut && cut != 0) roots.Add(cut);
        Roots = roots.Order().ToList();
        _tree = new OrgTree(_units.Values.Select(u => (u.UnitId, (int?)(roots.Contains(u.UnitId) ? WholeAudience : u.ParentUnitId!.Value)))
            .Append((WholeAudience, null)));
        RateVisibility = GroupSuppression.Compute(_tree, [WholeAudience], InvitedDirect, AnonymityThresholds.ResponseRateMinimumInvited);
    }

    private IEnumerable<int> Unreachable(HashSet<int> roots)
    {
        var children = _units.Values.Where(u => !roots.Contains(u.UnitId)).ToLookup(u => u.ParentUnitId!.Value, u => u.UnitId);
        var reached = new HashSet<int>();
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!reached.Add(id)) continue;
            foreach (var child in children[id]) stack.Push(child);
        }
        return _units.Keys.Where(id => !reached.Contains(id)).DefaultIfEmpty(0);
    }

    /// <summary>The units whose parent is not in the audience (the pulse's audience units, as they were).</summary>
    public IReadOnlyList<int> Roots { get; }

    public IEnumerable<int> UnitIds => _units.Keys;

    public OrgTree Tree => _tree;

    public bool Contains(int unitId) => _units.ContainsKey(unitId);

    public string NameOf(int unitId) => _units[unitId].Name;

    /// <summary>The unit's parent in the round, or null for a root.</summary>
    public int? ParentOf(int unitId) => _tree.ParentOf(unitId) is { } p && p != WholeAudience ? p : null;

    /// <summary>Depth below the round's roots (a root is 0).</summary>
    public int DepthOf(int unitId) => _tree.DepthOf(unitId) - 1;

    /// <summary>The unit and every unit below it in the round; <see cref="WholeAudience"/> gives every unit.</summary>
    public IReadOnlyList<int> SubtreeOf(int unitId) => unitId == WholeAudience ? [.. _units.Keys] : _tree.SubtreeOf(unitId);

    /// <summary>Invited people per unit, its own members only.</summary>
    public IReadOnlyDictionary<int, int> InvitedDirect => _units.ToDictionary(u => u.Key, u => u.Value.Invited);

    /// <summary>Invited people of a group (the unit with its sub-units, or the whole audience).</summary>
    public int InvitedIn(int unitId) => SubtreeOf(unitId).Sum(u => _units[u].Invited);

    /// <summary>How many of a group took part by the open round's last daily count.</summary>
    public int TookPartIn(int unitId) => SubtreeOf(unitId).Sum(u => _units[u].TookPart);

    /// <summary>Which groups may show a response rate: at least 5 invited, under the sibling rule on invited counts.</summary>
    public IReadOnlyDictionary<int, GroupVisibility> RateVisibility { get; }

    /// <summary>The units in tree order (roots and siblings by name), each with its depth.</summary>
    public IReadOnlyList<(int Id, int Depth)> InTreeOrder(StringComparer names)
    {
        var result = new List<(int, int)>();
        Visit(WholeAudience, -1);
        return result;

        void Visit(int id, int depth)
        {
            if (id != WholeAudience) result.Add((id, depth));
            foreach (var child in _tree.ChildrenOf(id).OrderBy(c => _units[c].Name, names).ThenBy(c => c))
                Visit(child, depth + 1);
        }
    }

    /// <summary>
    /// The visibility of every group of a closed round from its answers per unit (own members only). Each figure's groups
    /// are a subset of the rates' groups, so together they show no count the rates alone would hide.
    /// </summary>
    public RoundVisibility VisibilityOf(IReadOnlyDictionary<int, int> directResponses, AnonymityThresholds thresholds)
    {
        var scores = Both(Suppress(thresholds.MinGroupSize), RateVisibility, GroupVisibility.TooFewInvited);
        return new RoundVisibility(RateVisibility, scores,
            Both(Suppress(thresholds.DetailMinGroupSize), scores, null),
            Both(Suppress(thresholds.CommentThreshold), scores, null));

        IReadOnlyDictionary<int, GroupVisibility> Suppress(int threshold) =>
            GroupSuppression.Compute(_tree, [WholeAudience], directResponses, threshold);
    }

    /// <summary>Shown only where both are shown; the first one's reason first, then the second's (with a tooFew reason of its own).</summary>
    private static Dictionary<int, GroupVisibility> Both(IReadOnlyDictionary<int, GroupVisibility> first, IReadOnlyDictionary<int, GroupVisibility> second, GroupVisibility? secondTooFew) =>
        first.ToDictionary(f => f.Key, f =>
        {
            if (f.Value != GroupVisibility.Shown) return f.Value;
            var other = second.GetValueOrDefault(f.Key, GroupVisibility.TooFew);
            return other == GroupVisibility.TooFew && secondTooFew is { } reason ? reason : other;
        });
}
