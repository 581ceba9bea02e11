using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using StrategyPortal.Application.Access;

namespace StrategyPortal.Web.Access;

/// <summary>The <c>RateLimits</c> section: requests per window (one minute unless <see cref="WindowSeconds"/> says otherwise).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in posts per client address.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Pulse answer posts per signed-in person.</summary>
    public int PulseAnswersPerMinute { get; set; } = 30;

    /// <summary>API calls per API key.</summary>
    public int ApiPerMinute { get; set; } = 120;

    /// <summary>SCIM calls per API key: an identity provider's first cycle makes two calls per person.</summary>
    public int ScimPerMinute { get; set; } = 30_000;

    /// <summary>Length of the fixed window in seconds (60; tests use a short one).</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Fixed-window limits. Sign-in is counted per client address (nobody is signed in yet); pulse answers
/// per signed-in person, not per address, because a whole office may share one NAT address; the API
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

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit hit on {Path}", http.Request.Path.Value);
                // API clients get a problem body (the status page is for browsers).
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    await Results.Problem($"Too many requests for this API key; try again in {seconds} seconds.",
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
            };
            // The sign-in and pulse forms are Razor component endpoints, whose attributes the rate limiter
            // does not see; a global limiter keyed on their paths covers them. It runs after authorization,
            // so the signed-in person is known for pulse answers.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("reads");
                if (context.Request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase))
                    return Window($"{SignIn}:{ClientAddress(context)}", limits.SignInPerMinute, window);
                if (context.Request.Path.StartsWithSegments(PulsesPath, StringComparison.OrdinalIgnoreCase))
                    return Window($"{PulseAnswers}:{Person(context)}", limits.PulseAnswersPerMinute, window);
                return RateLimitPartition.GetNoLimiter("unlimited");
            });
            options.AddPolicy(SignIn, context => Window($"{SignIn}:{ClientAddress(context)}", limits.SignInPerMinute, window));
            options.AddPolicy(PulseAnswers, context => Window($"{PulseAnswers}:{Person(context)}", limits.PulseAnswersPerMinute, window));
            options.AddPolicy(Api, context => Window($"{Api}:{ApiKey(context)}", limits.ApiPerMinute, window));
            options.AddPolicy(Scim, context => Window($"{Scim}:{ApiKey(context)}", limits.ScimPerMinute, window));
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The signed-in person; a request without one is counted by address (it is refused anyway).</summary>
    private static string Person(HttpContext context) =>
        context.User.FindFirst(PortalClaims.PersonId)?.Value is { } id ? "person:" + id : "address:" + ClientAddress(context);

    /// <summary>The API key (authorization has run and put it on the user); without one, the address.</summary>
    private static string ApiKey(HttpContext context) =>
        ApiKeyAuthentication.KeyId(context.User) is { } id ? "key:" + id.ToString(CultureInfo.InvariantCulture) : "address:" + ClientAddress(context);

    private static RateLimitPartition<string> Window(string partition, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
        });
}
