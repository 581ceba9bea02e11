namespace StrategyPortal.Domain.Access;

/// <summary>The four roles of the portal. A person has exactly one.</summary>
public enum PortalRole
{
    Employee = 0,
    Manager = 1,
    Director = 2,
    Administrator = 3,
}
