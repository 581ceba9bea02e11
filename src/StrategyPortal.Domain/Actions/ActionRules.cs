using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Actions;

/// <summary>Who may own an action of a unit: the unit's reach.</summary>
public static class ActionReach
{
    /// <summary>
    /// An active person in the unit or below it; a manager of the unit or of a unit above it; or a director (directors
    /// own actions for any unit).
    /// </summary>
    public static bool MayOwn(PortalRole role, int personUnitId, bool isActive, int actionUnitId, OrgTree tree) =>
        isActive && (role == PortalRole.Director
            || personUnitId == actionUnitId
            || tree.IsDescendantOf(personUnitId, actionUnitId)
            || (role == PortalRole.Manager && tree.IsDescendantOf(actionUnitId, personUnitId)));
}

/// <summary>"Nothing red goes unowned": what is off track long enough without an open action to be listed.</summary>
public static class UnownedRule
{
    /// <summary>Listed when off track for at least <paramref name="afterDays"/> days and no action owns it (see <see cref="Owns"/>).</summary>
    public static bool IsUnowned(DateOnly offTrackSince, DateOnly today, int afterDays, bool owned) =>
        !owned && today.DayNumber - offTrackSince.DayNumber >= afterDays;

    /// <summary>
    /// An action owns what it was started from while it is open, and once done until the cause is measured again: its effect
    /// cannot show before the next result (<paramref name="latestMeasurement"/>: when the latest, off-track value was measured).
    /// A dropped action owns nothing.
    /// </summary>
    public static bool Owns(ActionStatus status, DateOnly? closedOn, DateOnly latestMeasurement) =>
        status.IsOpen() || (status == ActionStatus.Done && closedOn >= latestMeasurement);

    /// <summary>An engagement item is weak below the favourable level (in %).</summary>
    public static bool IsWeakItem(double favourable, double level) => favourable < level;
}
