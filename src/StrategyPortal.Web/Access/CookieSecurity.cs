namespace StrategyPortal.Web.Access;

/// <summary>
/// Whether the portal's cookies (sign-in, external sign-in, antiforgery, OpenID Connect correlation and nonce,
/// language) carry the Secure attribute. Outside Development always: production runs on https, directly or
/// behind a TLS-terminating balancer, and a cookie must never travel over plain http. In Development as the
/// request is, so http://localhost works.
/// </summary>
public static class CookieSecurity
{
    public static CookieSecurePolicy PolicyFor(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>The Secure attribute of a cookie the portal writes itself under <paramref name="policy"/>.</summary>
    public static bool IsSecure(CookieSecurePolicy policy, HttpRequest request) =>
        policy == CookieSecurePolicy.Always || (policy == CookieSecurePolicy.SameAsRequest && request.IsHttps);
}
