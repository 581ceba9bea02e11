namespace StrategyPortal.Domain.Common;

/// <summary>
/// Which day it is for the portal: the UTC date, the same on every instance. Rounds open and close, quarters turn,
/// actions fall due and scorecards are dated by it. (Office hours for e-mail are the company's local time.)
/// </summary>
public static class PortalDay
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
