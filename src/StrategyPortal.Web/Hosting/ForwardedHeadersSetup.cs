using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace StrategyPortal.Web.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the portal behind a load balancer or reverse proxy that terminates TLS.
/// Off by default (the portal then trusts nothing a client sends about its address or scheme).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Read <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies below.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies whose headers are believed (loopback always is).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>) whose proxies are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may have added an entry (one balancer: 1).</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// Forwarded headers from a TLS-terminating load balancer: with them the portal sees the browser's scheme
/// (so HSTS is sent, the OpenID Connect redirect_uri is https) and the client's address (so the sign-in rate
/// limit counts per client, not per balancer). Only the configured proxies are believed: a header from any
/// other peer is ignored, so a client cannot choose its own address or scheme.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static ForwardedHeadersSettings AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        // Parsed now, so a mistyped address stops the start instead of silently trusting nobody.
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Not X-Forwarded-Host: balancers pass the Host header through, and a forwarded host would need its own allow-list.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
        return settings;
    }

    /// <summary>First in the pipeline: everything after it (HSTS, cookies, rate limits, OpenID Connect) sees the browser's request.</summary>
    public static void UsePortalForwardedHeaders(this WebApplication app, ForwardedHeadersSettings settings)
    {
        if (!settings.Enabled) return;
        if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
            app.Logger.LogWarning("ForwardedHeaders is on without KnownProxies or KnownNetworks: only a proxy on this host (loopback) is believed");
        app.UseForwardedHeaders();
    }
}
