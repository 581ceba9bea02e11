using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>Export and erasure of a person, on a real database and over HTTP.</summary>
public abstract class PrivacyTests(PortalFactory factory)
{
    private static readonly string AdminEmail = PortalFactory.DemoAccount(PortalRole.Administrator).Email;

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A manager of their own who has a login, wrote a standard and recorded a result for it.</summary>
    private async Task<(TestPerson Person, int StandardId)> ActiveManagerAsync()
    {
        var person = await factory.AddPersonAsync(Unique("Privacy Manager"), PortalRole.Manager);
        await using var scope = await factory.AsAsync(person.Email);
        var standards = scope.Get<StandardsService>();
        var input = await standards.NewFromTemplateAsync("CI-07", (await standards.GetManageableUnitsAsync()).First().Id);
        input.Title = Unique("Privacy standard");
        var id = await standards.CreateAsync(input);
        await standards.RecordResultAsync(new ResultInput { StandardId = id, Quarter = standards.CurrentQuarter, Value = 64 });
        return (person, id);
    }

    [Fact]
    public async Task The_export_holds_the_person_the_account_their_history_and_their_changes_but_no_pulse_answers()
    {
        var (person, standardId) = await ActiveManagerAsync();
        var admin = await factory.SharedClientAsync(PortalRole.Administrator);

        using var response = await admin.GetAsync($"/organisation/people/{person.Id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"person-{person.Id}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(person.Name, root.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal(person.Email, root.GetProperty("person").GetProperty("email").GetString());
        Assert.Equal("Manager", root.GetProperty("person").GetProperty("role").GetString());
        Assert.Equal(person.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("Created", root.GetProperty("history")[0].GetProperty("action").GetString());
        var change = Assert.Single(root.GetProperty("standardsChanges").EnumerateArray());
        Assert.Equal(standardId, change.GetProperty("standardId").GetInt32());
        Assert.Equal(64, Assert.Single(root.GetProperty("resultsRecorded").EnumerateArray()).GetProperty("value").GetDouble());
        // As actor: the standard, its first version and the result.
        Assert.Equal(["ServiceStandard", "ServiceStandardVersion", "StandardResult"],
            root.GetProperty("auditTrailAsActor").EnumerateArray().Select(a => a.GetProperty("entityType").GetString()!).Order().ToArray());
        Assert.Equal(0, root.GetProperty("pulseParticipations").GetInt32());
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("response", StringComparison.OrdinalIgnoreCase) || n.Contains("answer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Erasure_replaces_name_and_email_everywhere_keeps_history_under_a_pseudonym_and_refuses_a_new_sign_in()
    {
        var (person, standardId) = await ActiveManagerAsync();
        var pseudonym = Person.Pseudonym(person.Id);
        int responsesBefore;
        await using (var db = factory.NewDbContext()) responsesBefore = await db.PulseResponses.CountAsync();

        await using (var admin = await factory.AsAsync(AdminEmail)) await admin.Get<PrivacyService>().EraseAsync(person.Id);

        await using var check = factory.NewDbContext();
        var erased = await check.People.AsNoTracking().SingleAsync(p => p.Id == person.Id);
        Assert.Equal((pseudonym, Person.PseudonymEmail(person.Id), false, true), (erased.Name, erased.Email, erased.IsActive, erased.IsErased));
        Assert.Equal(pseudonym, await check.ServiceStandardVersions.Where(v => v.StandardId == standardId).Select(v => v.ChangedByName).SingleAsync());
        Assert.Equal(pseudonym, await check.StandardResults.Where(r => r.StandardId == standardId).Select(r => r.RecordedByName).SingleAsync());
        // The standard itself stays: history is kept, only the name is gone.
        Assert.True(await check.ServiceStandards.AnyAsync(s => s.Id == standardId));
        var log = await check.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(log, a => a.ActorName == person.Name || a.Changes.Contains(person.Name, StringComparison.Ordinal) || a.Changes.Contains(person.Email, StringComparison.Ordinal));
        Assert.Equal(3, log.Count(a => a.ActorPersonId == person.Id && a.ActorName == pseudonym));
        Assert.Contains(log, a => a.EntityType == "Person" && a.EntityId == person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Changes.Contains(pseudonym, StringComparison.Ordinal));
        var account = await check.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id);
        Assert.Null(account.PasswordHash);
        Assert.Equal(Person.PseudonymEmail(person.Id), account.Email);
        Assert.Equal(responsesBefore, await check.PulseResponses.CountAsync());

        using var client = factory.CreatePortalClient();
        using var refused = await client.SignInAsync(person.Email, person.Password!);
        Assert.False(PortalClient.SetsCookie(refused, PortalClient.AuthCookie));
        Assert.Contains(factory.Text<Ui>("Login.Erased"), Page.Text(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Erasure_is_refused_for_oneself_twice_and_to_anyone_but_an_administrator()
    {
        var person = await factory.AddPersonAsync(Unique("Privacy Twice"));
        await using var admin = await factory.AsAsync(AdminEmail);
        var privacy = admin.Get<PrivacyService>();
        int adminId;
        await using (var db = factory.NewDbContext()) adminId = await db.People.Where(p => p.Email == AdminEmail).Select(p => p.Id).SingleAsync();

        await Assert.ThrowsAsync<ValidationFailedException>(() => privacy.EraseAsync(adminId));
        await privacy.EraseAsync(person.Id);
        await Assert.ThrowsAsync<ValidationFailedException>(() => privacy.EraseAsync(person.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => privacy.EraseAsync(int.MaxValue));
        foreach (var role in new[] { PortalRole.Employee, PortalRole.Manager, PortalRole.Director })
        {
            await using var other = await factory.AsAsync(PortalFactory.DemoAccount(role).Email);
            await Assert.ThrowsAsync<ForbiddenException>(() => other.Get<PrivacyService>().EraseAsync(person.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => other.Get<PrivacyService>().ExportAsync(person.Id));
        }
        await using var check = factory.NewDbContext();
        Assert.False((await check.People.SingleAsync(p => p.Id == adminId)).IsErased);
    }
}

public sealed class PrivacyTests_Sqlite(SqliteDemoPortal factory) : PrivacyTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PrivacyTests_PostgreSql(PostgreSqlDemoPortal factory) : PrivacyTests(factory), IClassFixture<PostgreSqlDemoPortal>;
