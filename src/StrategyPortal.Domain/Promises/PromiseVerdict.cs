namespace StrategyPortal.Domain.Promises;

/// <summary>The outcome of a promise check (DOMAIN.md, "PromiseCheck").</summary>
public enum PromiseVerdict
{
    Backed = 0,
    AtRisk = 1,
    Unbacked = 2,
}
