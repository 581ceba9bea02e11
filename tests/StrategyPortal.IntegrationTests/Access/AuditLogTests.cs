using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// The audit log through the application's own use cases: each audited kind that exists gets an entry
/// with who, what and old/new values; pulse answers get none; the browse service filters and is
/// closed to managers and employees.
/// </summary>
public abstract class AuditLogTests(PortalFactory factory)
{
    private static readonly string AdminEmail = PortalFactory.DemoAccount(PortalRole.Administrator).Email;
    private static readonly string AdminName = PortalFactory.DemoAccount(PortalRole.Administrator).Name;
    private static readonly string ManagerEmail = PortalFactory.DemoAccount(PortalRole.Manager).Email;
    private static readonly string DirectorEmail = PortalFactory.DemoAccount(PortalRole.Director).Email;

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<List<AuditRow>> EntriesAsync(string entityType, object entityId)
    {
        await using var director = await factory.AsAsync(DirectorEmail);
        var page = await director.Get<AuditService>().SearchAsync(new AuditFilter(EntityType: entityType, PageSize: 200));
        var id = Convert.ToString(entityId, CultureInfo.InvariantCulture);
        return page.Items.Where(r => r.EntityId == id).OrderBy(r => r.Id).ToList();
    }

    private static AuditChange Change(AuditRow row, string property) => row.Changes.Single(c => c.Property == property);

    [Fact]
    public async Task Creating_a_person_and_changing_their_role_is_recorded_with_old_and_new_values()
    {
        var person = await factory.AddPersonAsync(Unique("Audit Person"));
        int version;
        await using (var db = factory.NewDbContext()) version = (await db.People.SingleAsync(p => p.Id == person.Id)).Version;
        await using (var admin = await factory.AsAsync(AdminEmail))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
            await organisation.UpdatePersonAsync(new PersonInput { Id = person.Id, Name = person.Name, Email = person.Email, OrgUnitId = root.Id, Role = PortalRole.Manager, Version = version });
        }

        var entries = await EntriesAsync("Person", person.Id);

        Assert.Equal([AuditAction.Created, AuditAction.Changed], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(AdminName, e.ActorName));
        Assert.Equal(person.Name, Change(entries[0], "Name").New);
        Assert.Null(Change(entries[0], "Name").Old);
        var role = Change(entries[1], "Role");
        Assert.Equal(("Employee", "Manager"), (role.Old, role.New));
        Assert.DoesNotContain(entries[1].Changes, c => c.Property == "Name");
    }

    [Fact]
    public async Task Creating_and_revoking_an_api_key_is_recorded_and_the_hash_is_in_it_but_never_the_key()
    {
        await using var admin = await factory.AsAsync(AdminEmail);
        var keys = admin.Get<ApiKeyService>();
        var created = await keys.CreateAsync(new ApiKeyInput { Name = Unique("Audit key") });
        var row = (await keys.ListAsync()).Single(k => k.Name == created.Name);
        await keys.RevokeAsync(row.Id, row.Version);

        var entries = await EntriesAsync("ApiKey", row.Id);

        Assert.Equal([AuditAction.Created, AuditAction.Changed], entries.Select(e => e.Action));
        Assert.Equal(created.Name, Change(entries[0], "Name").New);
        Assert.Null(Change(entries[1], "RevokedAt").Old);
        Assert.NotNull(Change(entries[1], "RevokedAt").New);
        Assert.DoesNotContain(entries.SelectMany(e => e.Changes), c => c.New == created.Key);
    }

    [Fact]
    public async Task A_standard_its_versions_and_a_result_are_recorded_as_the_manager()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var standards = manager.Get<StandardsService>();
        var input = await standards.NewFromTemplateAsync("CI-07", (await standards.GetManageableUnitsAsync()).First().Id);
        input.Title = Unique("Audit standard");
        var id = await standards.CreateAsync(input);
        await standards.RecordResultAsync(new ResultInput { StandardId = id, Quarter = standards.CurrentQuarter, Value = 77 });

        var standard = await EntriesAsync("ServiceStandard", id);
        Assert.Equal(AuditAction.Created, Assert.Single(standard).Action);
        Assert.Equal(input.Title, Change(standard[0], "Title").New);
        Assert.Equal(PortalFactory.DemoAccount(PortalRole.Manager).Name, standard[0].ActorName);

        await using var db = factory.NewDbContext();
        var resultId = await db.StandardResults.Where(r => r.StandardId == id).Select(r => r.Id).SingleAsync();
        var versionId = await db.ServiceStandardVersions.Where(v => v.StandardId == id).Select(v => v.Id).SingleAsync();
        var result = Assert.Single(await EntriesAsync("StandardResult", resultId));
        Assert.Equal("77", Change(result, "ActualValue").New);
        Assert.Single(await EntriesAsync("ServiceStandardVersion", versionId));
    }

    [Fact]
    public async Task Scheduling_a_pulse_is_recorded_but_answering_it_leaves_no_trace_in_the_log()
    {
        // Invited when the round is created, so added first.
        var employee = await factory.AddPersonAsync(Unique("Audit Answerer"));
        int surveyId;
        await using (var admin = await factory.AsAsync(AdminEmail))
        {
            var schedule = admin.Get<PulseScheduleService>();
            var questions = await admin.Get<QuestionBankService>().GetQuestionsAsync(includeRetired: false);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var root = (await admin.Get<OrganisationService>().GetUnitsAsync()).Single(u => u.ParentId is null);
            surveyId = await schedule.ScheduleAsync(new PulseInput
            {
                Title = Unique("Audit pulse"), Cadence = PulseCadence.Once, OpensOn = today, ClosesOn = today.AddDays(14),
                QuestionIds = questions.Where(q => q.Kind == QuestionKind.Engagement).Select(q => q.Id).Take(2).ToList(), AudienceUnitIds = [root.Id],
            });
        }
        Assert.Equal(AuditAction.Created, Assert.Single(await EntriesAsync("PulseSurvey", surveyId)).Action);

        long lastBefore;
        await using (var db = factory.NewDbContext()) lastBefore = await db.AuditEntries.MaxAsync(a => a.Id);
        int roundId;
        await using (var db = factory.NewDbContext()) roundId = await db.PulseRounds.Where(r => r.SurveyId == surveyId).Select(r => r.Id).SingleAsync();
        await using (var scope = await factory.AsAsync(employee.Email))
        {
            var answers = scope.Get<PulseAnswerService>();
            var form = await answers.GetFormAsync(roundId);
            Assert.Equal(PulseFormStatus.Ready, form.Status);
            var values = form.Items.ToDictionary(i => i.QuestionId, i => (string?)(i.Kind switch { QuestionKind.Enps => "9", QuestionKind.FreeText => "Prima", _ => "4" }));
            Assert.Equal(SubmitStatus.Stored, (await answers.SubmitAsync(roundId, values)).Status);
        }

        await using var check = factory.NewDbContext();
        Assert.Equal(1, await check.Participations.CountAsync(p => p.RoundId == roundId));
        Assert.Equal(1, await check.PulseResponses.CountAsync(r => r.RoundId == roundId));
        var after = await check.AuditEntries.AsNoTracking().Where(a => a.Id > lastBefore).ToListAsync();
        Assert.DoesNotContain(after, a => a.EntityType is nameof(Participation) or nameof(PulseResponse) or nameof(PulseComment));
        Assert.DoesNotContain(await check.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().ToListAsync(),
            t => t is nameof(Participation) or nameof(PulseResponse) or nameof(PulseComment));
    }

    [Fact]
    public async Task The_log_is_filtered_by_kind_who_date_and_text_and_paged()
    {
        var person = await factory.AddPersonAsync(Unique("Filter Person"));
        await using var director = await factory.AsAsync(DirectorEmail);
        var audit = director.Get<AuditService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var byText = await audit.SearchAsync(new AuditFilter(Text: person.Name));
        Assert.Contains(byText.Items, r => r.EntityType == "Person" && r.EntityId == person.Id.ToString(CultureInfo.InvariantCulture));
        Assert.All(byText.Items, r => Assert.Contains(r.Changes, c => (c.New ?? c.Old ?? string.Empty).Contains(person.Name, StringComparison.Ordinal)));

        var byActor = await audit.SearchAsync(new AuditFilter(EntityType: "Person", Actor: "sanne", Text: person.Email));
        Assert.NotEmpty(byActor.Items);
        Assert.Empty((await audit.SearchAsync(new AuditFilter(EntityType: "Person", Actor: "pieter", Text: person.Email))).Items);
        Assert.Empty((await audit.SearchAsync(new AuditFilter(EntityType: "ApiKey", Text: person.Email))).Items);
        Assert.Empty((await audit.SearchAsync(new AuditFilter(Text: person.Email, To: today.AddDays(-1)))).Items);
        Assert.NotEmpty((await audit.SearchAsync(new AuditFilter(Text: person.Email, From: today, To: today))).Items);
        Assert.Empty((await audit.SearchAsync(new AuditFilter(Text: person.Email, Action: AuditAction.Deleted))).Items);

        var page = await audit.SearchAsync(new AuditFilter(PageSize: 2, Page: 2));
        Assert.Equal(2, page.Items.Count);
        Assert.True(page.Total > 4);
        var first = await audit.SearchAsync(new AuditFilter(PageSize: 2, Page: 1));
        Assert.True(first.Items[^1].Id > page.Items[0].Id, "newest first, pages do not overlap");
        Assert.Contains("Person", await audit.EntityTypesAsync());
    }

    [Theory]
    [InlineData(PortalRole.Employee)]
    [InlineData(PortalRole.Manager)]
    public async Task Managers_and_employees_cannot_read_the_log(PortalRole role)
    {
        await using var scope = await factory.AsAsync(PortalFactory.DemoAccount(role).Email);
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<AuditService>().SearchAsync(new AuditFilter()));
        await Assert.ThrowsAsync<ForbiddenException>(() => scope.Get<AuditService>().EntityTypesAsync());
    }

    [Fact]
    public async Task The_application_cannot_change_or_delete_an_entry()
    {
        await using var db = factory.NewDbContext();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();
        entry.Pseudonymise("someone else");
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.OrderBy(a => a.Id).FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

public sealed class AuditLogTests_Sqlite(SqliteDemoPortal factory) : AuditLogTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class AuditLogTests_PostgreSql(PostgreSqlDemoPortal factory) : AuditLogTests(factory), IClassFixture<PostgreSqlDemoPortal>;
