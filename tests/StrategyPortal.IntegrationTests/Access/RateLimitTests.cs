using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.CustomerScores;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// Pulse answers and the API under a small limit (3 per one-hour window), on a portal of its own:
/// the limit is hit, it counts per person / per key (not per address: all test requests share one),
/// and it recovers when the window passes. The windows follow the portal's stopped rate-limit clock, so a
/// window ends only when a test moves that clock on, never by itself while a slow machine runs the test.
/// </summary>
public abstract class RateLimitTests(PortalFactory factory)
{
    public const int Limit = 3;
    public const int WindowSeconds = 3600;

    /// <summary>Link answers per address: above the five link posts the per-link test makes in one window.</summary>
    public const int LinksPerAddress = 6;

    private async Task<int> OpenRoundAsync()
    {
        await using var db = factory.NewDbContext();
        var survey = await db.PulseSurveys.SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        return await db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).Select(r => r.Id).FirstAsync();
    }

    /// <summary>Posts the answering form with no answers (refused as incomplete; it still counts).</summary>
    private static async Task<HttpStatusCode> PostPulseAsync(PortalClient client, int round, FormUrlEncodedContent form)
    {
        using var content = new StringContent(await form.ReadAsStringAsync(), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.Http.PostAsync($"/pulses/{round}", content);
        return response.StatusCode;
    }

    [Fact]
    public async Task Pulse_answers_are_limited_per_person_and_recover_after_the_window()
    {
        var round = await OpenRoundAsync();
        var first = await factory.AddInvitedPersonAsync("Limit One");
        var second = await factory.AddInvitedPersonAsync("Limit Two");
        using var one = await factory.SignedInClientAsync(first.Email, first.Password);
        using var two = await factory.SignedInClientAsync(second.Email, second.Password);
        var formOne = HtmlForm.WithHandler(await one.GetPageAsync($"/pulses/{round}"), "pulse-answer").Fill([]);
        var formTwo = HtmlForm.WithHandler(await two.GetPageAsync($"/pulses/{round}"), "pulse-answer").Fill([]);

        for (var i = 0; i < Limit; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostPulseAsync(one, round, formOne));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostPulseAsync(one, round, formOne));
        // Same address, another person: not limited.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostPulseAsync(two, round, formTwo));
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync($"/pulses/{round}")).StatusCode);

        factory.RateLimitClock.Advance(TimeSpan.FromSeconds(WindowSeconds));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostPulseAsync(one, round, formOne));
    }

    /// <summary>A personal link for the person to the round (as the outbox makes it when the invitation is sent).</summary>
    private async Task<string> LinkAsync(int round, int personId)
    {
        var token = "limit-" + Guid.NewGuid().ToString("N");
        await using var db = factory.NewDbContext();
        db.PulseLinks.Add(new Domain.Engagement.PulseLink(round, personId, Domain.Engagement.PulseLink.HashOf(token), "protected"));
        await db.SaveChangesAsync();
        return $"/pulses/{round}/link/{token}";
    }

    [Fact]
    public async Task Answers_through_personal_links_are_limited_per_link_not_per_address()
    {
        var round = await OpenRoundAsync();
        var first = await LinkAsync(round, (await factory.AddInvitedPersonAsync("Link Limit One")).Id);
        var second = await LinkAsync(round, (await factory.AddInvitedPersonAsync("Link Limit Two")).Id);
        // Nobody signed in, every request from the same address (an office behind one NAT address).
        using var one = factory.CreatePortalClient();
        using var two = factory.CreatePortalClient();
        var formOne = HtmlForm.WithHandler(await one.GetPageAsync(first), "pulse-answer").Fill([]);
        var formTwo = HtmlForm.WithHandler(await two.GetPageAsync(second), "pulse-answer").Fill([]);

        async Task<HttpStatusCode> PostAsync(PortalClient client, string path, FormUrlEncodedContent form)
        {
            using var content = new StringContent(await form.ReadAsStringAsync(), Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.Http.PostAsync(path, content);
            return response.StatusCode;
        }
        for (var i = 0; i < Limit; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(one, first, formOne));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(one, first, formOne));
        // Another person's link from the same address: not limited.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(two, second, formTwo));
    }

    [Fact]
    public async Task One_address_trying_link_after_link_is_limited_across_links()
    {
        var round = await OpenRoundAsync();
        var real = await LinkAsync(round, (await factory.AddInvitedPersonAsync("Link Limit Three")).Id);
        using var client = factory.CreatePortalClient();
        var form = HtmlForm.WithHandler(await client.GetPageAsync(real), "pulse-answer").Fill([]);
        async Task<HttpStatusCode> PostAsync(string path)
        {
            using var content = new StringContent(await form.ReadAsStringAsync(), Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.Http.PostAsync(path, content);
            return response.StatusCode;
        }

        // A window of its own, left behind fresh: the other tests post from the same address.
        factory.RateLimitClock.Advance(TimeSpan.FromSeconds(WindowSeconds));
        try
        {
            // Each guessed token is a link of its own, under its own limit; the address's limit counts them all.
            for (var i = 0; i < LinksPerAddress; i++)
                Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync($"/pulses/{round}/link/guess-{Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync($"/pulses/{round}/link/guess-{Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(real));
            // A signed-in person at the same address answers as a person, not through a link: not limited by it.
            var person = await factory.AddInvitedPersonAsync("Link Limit Signed In");
            using var signedIn = await factory.SignedInClientAsync(person.Email, person.Password);
            var own = HtmlForm.WithHandler(await signedIn.GetPageAsync($"/pulses/{round}"), "pulse-answer").Fill([]);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostPulseAsync(signedIn, round, own));
        }
        finally
        {
            factory.RateLimitClock.Advance(TimeSpan.FromSeconds(WindowSeconds));
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(real));
    }

    private async Task<string> NewKeyAsync(string name)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        return (await admin.Get<ApiKeyService>().CreateAsync(new ApiKeyInput { Name = name })).Key;
    }

    private async Task<HttpResponseMessage> CallApiAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CustomerScoreEndpoints.Path) { Content = new StringContent("not json", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        return await factory.CreatePortalClient().Http.SendAsync(request);
    }

    [Fact]
    public async Task Api_calls_are_limited_per_key_and_recover_after_the_window()
    {
        var keyA = await NewKeyAsync("Limit key A");
        var keyB = await NewKeyAsync("Limit key B");

        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await CallApiAsync(keyA);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }
        using (var refused = await CallApiAsync(keyA))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var retry = Assert.IsType<TimeSpan>(refused.Headers.RetryAfter?.Delta);
            Assert.Equal(WindowSeconds, retry.TotalSeconds); // the clock stands at the start of a window
        }
        using (var other = await CallApiAsync(keyB)) Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);

        factory.RateLimitClock.Advance(TimeSpan.FromSeconds(WindowSeconds));
        using var recovered = await CallApiAsync(keyA);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, recovered.StatusCode);
    }
}

/// <summary>A demo portal with a small pulse and API limit.</summary>
public abstract class ShortWindowPortal(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PulseAnswersPerMinute", RateLimitTests.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:LinkAnswersPerAddressPerMinute", RateLimitTests.LinksPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:ApiPerMinute", RateLimitTests.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WindowSeconds", RateLimitTests.WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteShortWindowPortal() : ShortWindowPortal(DatabaseProvider.Sqlite);
public sealed class PostgreSqlShortWindowPortal() : ShortWindowPortal(DatabaseProvider.PostgreSql);

public sealed class RateLimitTests_Sqlite(SqliteShortWindowPortal factory) : RateLimitTests(factory), IClassFixture<SqliteShortWindowPortal>;
public sealed class RateLimitTests_PostgreSql(PostgreSqlShortWindowPortal factory) : RateLimitTests(factory), IClassFixture<PostgreSqlShortWindowPortal>;
