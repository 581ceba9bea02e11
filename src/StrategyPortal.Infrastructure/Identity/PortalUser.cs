using Microsoft.AspNetCore.Identity;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>A sign-in account. The person it belongs to holds name, unit and role.</summary>
public class PortalUser : IdentityUser<int>
{
    public int PersonId { get; set; }

    /// <summary>"nl" or "en"; null until the user picks one.</summary>
    public string? PreferredCulture { get; set; }

    public bool DarkMode { get; set; }

    /// <summary>
    /// Set when the person was erased: the SHA-256 of the e-mail they signed in with, so signing in
    /// again is refused with a clear message. The e-mail itself is gone.
    /// </summary>
    public string? ErasedEmailHash { get; set; }
}
