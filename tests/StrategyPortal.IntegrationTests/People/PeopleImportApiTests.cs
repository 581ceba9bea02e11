using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.People;

/// <summary><c>POST /api/v1/people/import</c> with a <c>people:import</c> key: applied, unchanged, confirmation, errors and refusals.</summary>
public abstract class PeopleImportApiTests(PortalFactory factory)
{
    private const string Path = "/api/v1/people/import";

    private async Task<string> KeyAsync(string scope)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        return (await admin.Get<ApiKeyService>().CreateAsync(new ApiKeyInput { Name = "HR sync " + scope, Scopes = [scope] })).Key;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string? key, string csv, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path + query) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var response = await factory.CreatePortalClient().Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_script_imports_a_file_then_the_same_file_changes_nothing_and_a_leaver_needs_no_confirmation()
    {
        var key = await KeyAsync(ApiScopes.PeopleImport);
        var tag = "A" + Guid.NewGuid().ToString("N")[..6];
        var csv = $"employee_number;first_name;last_name;email;unit;manager_employee_number\r\n{tag}1;Jelle;Kok;{tag}.jelle@x.nl;IT;\r\n{tag}2;Nina;Kok;{tag}.nina@x.nl;IT;{tag}1\r\n";

        var (status, body) = await PostAsync(key, csv, "?mode=delta&fileName=hr-sync.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("applied").GetBoolean());
        Assert.Equal(2, body.GetProperty("counts").GetProperty("created").GetInt32());
        Assert.StartsWith("people import #", body.GetProperty("auditName").GetString(), StringComparison.Ordinal);

        (status, body) = await PostAsync(key, csv, "?mode=delta");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("applied").GetBoolean());

        await using var db = factory.NewDbContext();
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Person").OrderByDescending(a => a.Id).FirstAsync();
        Assert.StartsWith("API key 'HR sync people:import' (people import #", entry.ActorName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renumbering_is_refused_with_a_code_and_applied_with_it()
    {
        var key = await KeyAsync(ApiScopes.PeopleImport);
        var tag = "B" + Guid.NewGuid().ToString("N")[..6];
        string Csv(string number) => $"employee_number;first_name;last_name;email;unit\r\n{number};Rik;Maas;{tag}.rik@x.nl;IT\r\n";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(key, Csv(tag + "-1"))).Status);

        var (status, problem) = await PostAsync(key, Csv(tag + "-2"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        var code = problem.GetProperty("confirmationCode").GetString();
        Assert.Equal(tag + "-1", problem.GetProperty("employeeNumberChanges")[0].GetProperty("from").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(key, Csv(tag + "-2"), "?confirm=wrong")).Status);
        var (applied, _) = await PostAsync(key, Csv(tag + "-2"), $"?confirm={code}");
        Assert.Equal(HttpStatusCode.OK, applied);
    }

    [Fact]
    public async Task Errors_and_refusals_change_nothing()
    {
        var key = await KeyAsync(ApiScopes.PeopleImport);
        var scoresOnly = await KeyAsync(ApiScopes.CustomerScoresImport);
        int before;
        await using (var db = factory.NewDbContext()) before = await db.People.CountAsync();

        var (status, problem) = await PostAsync(key, "employee_number;first_name;last_name;email;unit\r\nC1;A;B;not-an-address;Nergens\r\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["2:email", "2:unit"], problem.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("row").GetInt32()}:{e.GetProperty("column").GetString()}"));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(key, "x", "?mode=sideways")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(key, "")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(null, "x")).Status);
        var (forbidden, refusal) = await PostAsync(scoresOnly, "x");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Contains(ApiScopes.PeopleImport, refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using (var db = factory.NewDbContext()) Assert.Equal(before, await db.People.CountAsync());
    }
}

public sealed class PeopleImportApiTests_Sqlite(SqliteDemoPortal factory) : PeopleImportApiTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PeopleImportApiTests_PostgreSql(PostgreSqlDemoPortal factory) : PeopleImportApiTests(factory), IClassFixture<PostgreSqlDemoPortal>;
