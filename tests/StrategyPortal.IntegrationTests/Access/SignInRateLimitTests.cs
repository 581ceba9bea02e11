using System.Net;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// The sign-in rate limit as in production. All test requests share one client address and the
/// window is a minute, so this class has one test and a portal of its own. Per client address behind a
/// load balancer, and recovery after a short window: <see cref="Operations.ForwardedHeadersTests"/>.
/// </summary>
public abstract class SignInRateLimitTests(PortalFactory factory)
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_even_with_the_right_password()
    {
        var limit = new RateLimitOptions().SignInPerMinute;
        Assert.Equal(10, limit);
        using var client = factory.CreatePortalClient();

        for (var attempt = 1; attempt <= limit; attempt++)
        {
            using var failed = await client.SignInAsync($"niemand.{attempt}@test.example", "Geen-Wachtwoord-1");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains(factory.Text<Ui>("Login.Failed"), Page.Text(await failed.Content.ReadAsStringAsync()));
        }
        using var refused = await client.SignInAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email, factory.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.False(PortalClient.SetsCookie(refused, PortalClient.AuthCookie));
        Assert.Equal(factory.Text<Ui>("Status.TooManyTitle"), Page.Heading(await refused.Content.ReadAsStringAsync()));
        // Reading the page is not limited.
        Assert.Equal(factory.Text<Ui>("Login.Title"), Page.Heading(await client.GetPageAsync(PortalClient.LoginPath)));
    }
}

public sealed class SignInRateLimitTests_Sqlite(SqliteProductionLimitsPortal factory) : SignInRateLimitTests(factory), IClassFixture<SqliteProductionLimitsPortal>;
public sealed class SignInRateLimitTests_PostgreSql(PostgreSqlProductionLimitsPortal factory) : SignInRateLimitTests(factory), IClassFixture<PostgreSqlProductionLimitsPortal>;
