namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// axe findings that come from third-party markup we cannot change. Each entry waives ONE rule for
/// elements matching ONE selector fragment, and says why. Fix the app instead of adding entries here.
/// </summary>
public static class AccessibilityAllowances
{
    public sealed record Allowance(string RuleId, string TargetContains, string Reason);

    public static IReadOnlyList<Allowance> All { get; } = [];

    public static bool IsAllowed(string ruleId, string target) =>
        All.Any(a => a.RuleId == ruleId && target.Contains(a.TargetContains, StringComparison.Ordinal));
}
