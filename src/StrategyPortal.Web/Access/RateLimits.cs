using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Access;

/// <summary>The <c>RateLimits</c> section: requests per window (one minute unless <see cref="WindowSeconds"/> says otherwise).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in posts per client address.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Pulse answer posts per signed-in person, or per personal link.</summary>
    public int PulseAnswersPerMinute { get; set; } = 30;

    /// <summary>
    /// Answer posts through personal links per client address, on top of the limit per link: generous (a whole office behind
    /// one NAT address answers through its links), it stops one address from trying token after token.
    /// </summary>
    public int LinkAnswersPerAddressPerMinute { get; set; } = 600;

    /// <summary>API calls per API key.</summary>
    public int ApiPerMinute { get; set; } = 120;

    /// <summary>SCIM calls per API key: an identity provider's first cycle makes two calls per person.</summary>
    public int ScimPerMinute { get; set; } = 30_000;

    /// <summary>Length of the fixed window in seconds (60; tests use a short one).</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Fixed-window limits: windows follow the clock (<see cref="ClockKey"/>; a one-minute window runs from a whole minute to
/// the next), so a refused client is told exactly when the next window starts. Sign-in is counted per client address (nobody is signed in yet); pulse answers
/// per signed-in person (or personal link, and generously per address for links), not per address alone, because a whole
/// office may share one NAT address; the API
/// per API key. Each instance counts for itself, which is safe to duplicate: behind N instances a
/// client gets at most N times the limit. A refused request gets 429 and <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PulseAnswers = "pulse-answers";
    public const string Api = "api";
    public const string Scim = "scim";
    public const string SignInPath = "/account/login";
    public const string PulsesPath = "/pulses";

    /// <summary>The key of the <see cref="TimeProvider"/> the windows follow (the system clock; tests set a clock of their own).</summary>
    public const string ClockKey = "rate-limits";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds));
        services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retry = UntilNextWindow(Clock(http).GetUtcNow(), window);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // The route's pattern, not the path: a personal link's path carries its token.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit hit on {Path}", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value);
                // API clients get a problem body (the status page is for browsers).
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    await Results.Problem($"Too many requests for this API key; try again in {seconds} seconds.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
            };
            // The sign-in and pulse forms are Razor component endpoints, whose attributes the rate limiter
            // does not see; a global limiter keyed on their paths covers them. It runs after authorization,
            // so the signed-in person is known for pulse answers.
            // A personal link's answer passes both: its link's limit, and its address's generous one (each new token guessed
            // would otherwise start a fresh count of its own).
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("reads");
                    if (context.Request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase))
                        return Window(context, $"{SignIn}:{ClientAddress(context)}", limits.SignInPerMinute, window);
                    if (context.Request.Path.StartsWithSegments(PulsesPath, StringComparison.OrdinalIgnoreCase))
                        return Window(context, $"{PulseAnswers}:{Person(context)}", limits.PulseAnswersPerMinute, window);
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    HttpMethods.IsPost(context.Request.Method) && LinkOf(context) is not null && context.User.FindFirst(PortalClaims.PersonId) is null
                        ? Window(context, $"{PulseAnswers}:links-from:{ClientAddress(context)}", limits.LinkAnswersPerAddressPerMinute, window)
                        : RateLimitPartition.GetNoLimiter("not-a-link")));
            options.AddPolicy(SignIn, context => Window(context, $"{SignIn}:{ClientAddress(context)}", limits.SignInPerMinute, window));
            options.AddPolicy(PulseAnswers, context => Window(context, $"{PulseAnswers}:{Person(context)}", limits.PulseAnswersPerMinute, window));
            options.AddPolicy(Api, context => Window(context, $"{Api}:{ApiKey(context)}", limits.ApiPerMinute, window));
            options.AddPolicy(Scim, context => Window(context, $"{Scim}:{ApiKey(context)}", limits.ScimPerMinute, window));
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// The signed-in person; a personal link's answer by its link, as the person it stands for (the people an invitation reaches
    /// share their office's address too) — by its hash, as the database keeps it, so no token stays in the limiter's memory; any
    /// other request without one by address (it is refused anyway).
    /// </summary>
    private static string Person(HttpContext context) =>
        context.User.FindFirst(PortalClaims.PersonId)?.Value is { } id ? "person:" + id
        : LinkOf(context) is { } link ? "link:" + Domain.Engagement.PulseLink.HashOf(link)
        : "address:" + ClientAddress(context);

    private static string? LinkOf(HttpContext context) =>
        context.GetRouteValue(nameof(Engagement.AnswerPulse.Link)) is string { Length: > 0 and <= 200 } link ? link : null;

    /// <summary>The API key (authorization has run and put it on the user); without one, the address.</summary>
    private static string ApiKey(HttpContext context) =>
        ApiKeyAuthentication.KeyId(context.User) is { } id ? "key:" + id.ToString(CultureInfo.InvariantCulture) : "address:" + ClientAddress(context);

    /// <summary>How long until the window after the one <paramref name="now"/> is in starts (windows start at whole multiples of their length).</summary>
    public static TimeSpan UntilNextWindow(DateTimeOffset now, TimeSpan window) => TimeSpan.FromTicks(window.Ticks - now.UtcTicks % window.Ticks);

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetRequiredKeyedService<TimeProvider>(ClockKey);

    /// <summary>
    /// The count of <paramref name="partition"/> in the window the clock is in: a new window is a new partition with every
    /// permit. The partition's own limiter never refills within its window (its period is twice the window), and is dropped
    /// once it has refilled and sat idle.
    /// </summary>
    private static RateLimitPartition<string> Window(HttpContext context, string partition, int permits, TimeSpan window)
    {
        var index = Clock(context).GetUtcNow().UtcTicks / window.Ticks;
        return RateLimitPartition.GetFixedWindowLimiter($"{partition}@{index.ToString(CultureInfo.InvariantCulture)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window * 2,
            QueueLimit = 0,
        });
    }
}
