namespace StrategyPortal.Application.Access;

/// <summary>Claim types the portal puts in its sign-in cookie.</summary>
public static class PortalClaims
{
    public const string PersonId = "sp:person";
    public const string Permission = "sp:permission";

    /// <summary>The secret naming the server-side session of this sign-in (<see cref="ISignInSessions"/>).</summary>
    public const string Session = "sp:session";
}
