using Microsoft.AspNetCore.Identity;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>A sign-in account. The person it belongs to holds name, unit and role.</summary>
public class PortalUser : IdentityUser<int>
{
    public int PersonId { get; set; }

    /// <summary>"nl" or "en"; null until the user picks one.</summary>
    public string? PreferredCulture { get; set; }

    public bool DarkMode { get; set; }
}
