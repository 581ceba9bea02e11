using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.CustomerScores;

/// <summary>
/// <c>POST /api/v1/customer-scores</c> end to end: key required, revoked key refused, scope enforced, the sample
/// imported and visible in the quarter view, a second import changing nothing, a bad body changing nothing.
/// </summary>
public abstract class CustomerScoreApiTests(PortalFactory factory)
{
    private const string Path = "/api/v1/customer-scores";
    private static readonly Quarter September2026 = new(2026, 3);

    private static string Sample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return File.ReadAllText(System.IO.Path.Combine(dir!.FullName, "docs", "samples", "customer-scores.csv"));
    }

    /// <summary>The sample's NPS answers (nps_0 … nps_10) for these units, added up from the file.</summary>
    private static long SampleAnswers(params string[] units) => Sample().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(l => l.Split(';')).Where(f => units.Contains(f[1])).Sum(f => f.Skip(4).Take(11).Sum(v => long.Parse(v, CultureInfo.InvariantCulture)));

    private async Task<CreatedApiKey> NewKeyAsync(string name)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        return await admin.Get<ApiKeyService>().CreateAsync(new ApiKeyInput { Name = name });
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string? key, HttpClient? http = null)
    {
        http ??= factory.CreatePortalClient().Http;
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<(int Records, long Answers)> StateAsync(int unitId)
    {
        await using var db = factory.NewDbContext();
        var records = await db.CustomerScoreRecords.CountAsync();
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var view = await director.Get<CustomerScoreService>().GetViewAsync(unitId, September2026, null);
        return (records, view.Current.Counts.NpsResponses);
    }

    private async Task<int> UnitAsync(string name)
    {
        await using var db = factory.NewDbContext();
        return (await db.OrgUnits.SingleAsync(u => u.Name == name)).Id;
    }

    [Fact]
    public async Task Without_a_key_the_answer_is_401_with_a_problem_body_even_for_a_signed_in_director()
    {
        using var anonymous = await PostAsync(Sample(), "text/csv", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.key-missing"), (await ProblemAsync(anonymous)).GetProperty("detail").GetString());

        var director = await factory.SignedInClientAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        using var withCookie = await PostAsync(Sample(), "text/csv", null, director.Http);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Null(withCookie.Headers.Location);
    }

    [Theory]
    [InlineData("Authorization", "Bearer {0}")]
    [InlineData("Authorization", "bearer   {0} ")]
    [InlineData("Authorization", "ApiKey {0}")]
    [InlineData("X-Api-Key", "{0}")]
    public async Task The_key_is_accepted_as_a_bearer_token_and_in_the_older_headers(string header, string format)
    {
        var key = await NewKeyAsync($"Header {header} {format}");
        using var http = factory.CreatePortalClient().Http;
        // One row in another quarter than the other tests look at, from a source of its own.
        var body = $$"""[{"date":"2026-04-15","unit":"Klantenservice","channel":"Phone","source":"Header {{header}} {{format.Trim()}}","nps":[0,0,0,0,0,0,0,0,0,0,1]}]""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(header, string.Format(CultureInfo.InvariantCulture, format, key.Key));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_refused_and_the_challenge_names_Bearer()
    {
        using var http = factory.CreatePortalClient().Http;
        using var wrong = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Sample(), Encoding.UTF8, "text/csv") };
        wrong.Headers.TryAddWithoutValidation("Authorization", "Bearer spk_" + new string('y', 43));
        using var empty = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Sample(), Encoding.UTF8, "text/csv") };
        empty.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        using var wrongAnswer = await http.SendAsync(wrong);
        using var emptyAnswer = await http.SendAsync(empty);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.key-unknown"), (await ProblemAsync(wrongAnswer)).GetProperty("detail").GetString());
        Assert.Contains(wrongAnswer.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, emptyAnswer.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.key-missing"), (await ProblemAsync(emptyAnswer)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_or_revoked_key_is_refused_and_a_key_without_the_scope_is_forbidden()
    {
        using var unknown = await PostAsync(Sample(), "text/csv", "spk_" + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.key-unknown"), (await ProblemAsync(unknown)).GetProperty("detail").GetString());

        var revokedKey = await NewKeyAsync("Revoked tool");
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var keys = admin.Get<ApiKeyService>();
            var row = (await keys.ListAsync()).Single(k => k.Id == revokedKey.Id);
            await keys.RevokeAsync(row.Id, row.Version);
        }
        using var revoked = await PostAsync(Sample(), "text/csv", revokedKey.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.key-revoked"), (await ProblemAsync(revoked)).GetProperty("detail").GetString());

        var otherScope = await NewKeyAsync("Other scope");
        await using (var db = factory.NewDbContext())
            await db.ApiKeys.Where(k => k.Id == otherScope.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.Scopes, "reports:read"));
        using var forbidden = await PostAsync(Sample(), "text/csv", otherScope.Key);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(factory.Text<Messages>("api.scope-missing", "en", ApiScopes.CustomerScoresImport), (await ProblemAsync(forbidden)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_sample_is_imported_once_visible_in_the_quarter_view_and_a_second_post_changes_nothing()
    {
        var key = await NewKeyAsync("CX tool");
        var klantenservice = await UnitAsync("Klantenservice");
        var before = await StateAsync(klantenservice);

        using var first = await PostAsync(Sample(), "text/csv", key.Key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(28, body.GetProperty("rows").GetInt32());
        Assert.Equal(["2026-Q3"], body.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()));

        var after = await StateAsync(klantenservice);
        Assert.Equal(before.Records + 28, after.Records);
        Assert.Equal(before.Answers + SampleAnswers("Klantenservice", "Webcare"), after.Answers); // Klantenservice includes Webcare

        using var second = await PostAsync(Sample(), "text/csv", key.Key);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(after, await StateAsync(klantenservice));

        await using var db = factory.NewDbContext();
        Assert.NotNull((await db.ApiKeys.SingleAsync(k => k.Id == key.Id)).LastUsedAt);
    }

    [Fact]
    public async Task A_body_with_any_wrong_row_is_refused_with_every_problem_and_changes_nothing()
    {
        var key = await NewKeyAsync("Broken tool");
        var klantenservice = await UnitAsync("Klantenservice");
        var lines = Sample().Split('\n');
        lines[1] = lines[1].Replace(";Phone;", ";Fax;", StringComparison.Ordinal);
        lines[2] = lines[2].Replace("2026-09-01", "2099-09-01", StringComparison.Ordinal);
        var before = await StateAsync(klantenservice);

        using var response = await PostAsync(string.Join('\n', lines), "text/csv", key.Key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(2, problem.GetProperty("errorCount").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(2, "channel"), (3, "date")], errors);
        Assert.Equal(before, await StateAsync(klantenservice));
    }

    [Fact]
    public async Task A_JSON_body_with_wrong_types_gets_precise_messages_and_changes_nothing()
    {
        var key = await NewKeyAsync("JSON tool");
        var klantenservice = await UnitAsync("Klantenservice");
        var before = await StateAsync(klantenservice);

        using var response = await PostAsync("""[{"date":"2026-09-02","unit":"Klantenservice","channel":"Phone","source":"CX-tool","nps":"many","complaints":"3"}]""", "application/json", key.Key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var messages = (await ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("'nps' must be an array of 11 counts (answers 0–10); this is a string.", messages);
        Assert.Contains("'complaints' must be a whole number of 0 or more; this is a string: \"3\".", messages);
        Assert.Equal(before, await StateAsync(klantenservice));

        using var good = await PostAsync("""[{"date":"2026-09-02","unit":"Klantenservice","channel":"Phone","source":"JSON tool","nps":[0,0,0,0,0,0,0,0,0,0,7]}]""", "application/json", key.Key);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(before.Answers + 7, (await StateAsync(klantenservice)).Answers);
    }

    [Fact]
    public async Task An_empty_body_another_media_type_and_a_two_gigabyte_file_are_refused_clearly()
    {
        var key = await NewKeyAsync("Edge tool");
        using var empty = await PostAsync("", "text/csv", key.Key);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(factory.Text<Messages>("customerscore.import.empty-file"), (await ProblemAsync(empty)).GetProperty("detail").GetString());

        using var xml = await PostAsync("<scores/>", "application/xml", key.Key);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);

        await using var scope = factory.AsAnonymous();
        var rejected = await Assert.ThrowsAsync<ImportFileRejectedException>(() =>
            scope.Get<CustomerScoreImportService>().ImportWithApiKeyAsync(Stream.Null, ImportFormat.Csv, key.Id, 2L * 1024 * 1024 * 1024));
        Assert.True(rejected.TooLarge);
        Assert.Contains("the limit is 200 MB", rejected.Message);
    }

    [Fact]
    public async Task Managers_see_their_own_units_directors_all_and_employees_none()
    {
        await using (var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email))
            Assert.Equal(["Klantenservice", "Webcare"], (await manager.Get<CustomerScoreService>().GetUnitsAsync()).Select(u => u.Name));
        await using (var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email))
            Assert.True((await director.Get<CustomerScoreService>().GetViewAsync(null, September2026, null)).Current.HasData);
        await using (var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email))
            await Assert.ThrowsAsync<StrategyPortal.Application.Common.ForbiddenException>(() => employee.Get<CustomerScoreService>().GetUnitsAsync());
    }
}

public sealed class CustomerScoreApiTests_Sqlite(SqliteDemoPortal factory) : CustomerScoreApiTests(factory), IClassFixture<SqliteDemoPortal>;

public sealed class CustomerScoreApiTests_PostgreSql(PostgreSqlDemoPortal factory) : CustomerScoreApiTests(factory), IClassFixture<PostgreSqlDemoPortal>;
