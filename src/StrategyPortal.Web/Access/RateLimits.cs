using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace StrategyPortal.Web.Access;

/// <summary>The <c>RateLimits</c> section: requests per minute per client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    public int SignInPerMinute { get; set; } = 10;
    public int PulseAnswersPerMinute { get; set; } = 30;
    public int ApiPerMinute { get; set; } = 120;
}

/// <summary>
/// Fixed-window limits per client address. Each instance counts for itself, which is safe to
/// duplicate: behind N instances a client gets at most N times the limit.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PulseAnswers = "pulse-answers";
    public const string Api = "api";
    public const string SignInPath = "/account/login";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignIn, context => PerClient(context, limits.SignInPerMinute, onlyPosts: true));
            // The sign-in form is a Razor component endpoint, whose attributes the rate limiter does not
            // see; a global limiter keyed on its path covers it.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments(SignInPath, StringComparison.OrdinalIgnoreCase)
                    ? PerClient(context, limits.SignInPerMinute, onlyPosts: true)
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.AddPolicy(PulseAnswers, context => PerClient(context, limits.PulseAnswersPerMinute, onlyPosts: true));
            options.AddPolicy(Api, context => PerClient(context, limits.ApiPerMinute, onlyPosts: false));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute, bool onlyPosts)
    {
        if (onlyPosts && !HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("reads");
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
