using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Application.Standards;
using StrategyPortal.Application.Strategy;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.IntegrationTests.Scorecards;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// The audit log through the application's own use cases: each audited kind that exists gets an entry
/// with who, what and old/new values; pulse answers get none; the browse service filters and is
/// closed to managers and employees. Runs on the scorecard test portal (the demo company with a steered
/// scorecard builder and writer), so issuing scorecards is cheap enough to be one of the kinds.
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

    private static readonly string MarketerEmail = "manager.marketing@noordlicht.example";
    private static readonly string EmployeeEmail = PortalFactory.DemoAccount(PortalRole.Employee).Email;
    private static string NameOf(string email) => StrategyPortal.Infrastructure.Organisation.OrganisationDemoSeed.Accounts.Single(a => a.Email == email).Name;

    /// <summary>An expected audit entry: the action, who, and one property's old and new value as the log shows them.</summary>
    private sealed record Step(AuditAction Action, string Actor, string Property, string? Old, string? New);

    /// <summary>Stands for "some value" where the exact one is a moment in time.</summary>
    private const string SomeValue = "(some value)";

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The kinds issue 8 names as audited (settings are configuration, see docs/configuration.md), plus strategy choices.</summary>
    public static TheoryData<string> AuditedKinds =>
    [
        nameof(ServiceStandard), nameof(StandardResult), nameof(MarketingPromise), nameof(Capability), nameof(ServiceSignal),
        nameof(PulseSurvey), nameof(PulseQuestion), nameof(Person), nameof(ApiKey), nameof(ScorecardIssue), nameof(IssuedScorecard),
        nameof(ServiceStrategyChoice),
    ];

    [Theory]
    [MemberData(nameof(AuditedKinds))]
    public async Task Each_audited_kind_records_who_changed_what_with_old_and_new_values(string kind)
    {
        var (id, expected) = kind switch
        {
            nameof(ServiceStandard) => await StandardLifeAsync(),
            nameof(StandardResult) => await ResultLifeAsync(),
            nameof(MarketingPromise) => await PromiseLifeAsync(),
            nameof(Capability) => await CapabilityLifeAsync(),
            nameof(ServiceSignal) => await SignalLifeAsync(),
            nameof(PulseSurvey) => await PulseLifeAsync(),
            nameof(PulseQuestion) => await QuestionLifeAsync(),
            nameof(Person) => await PersonLifeAsync(),
            nameof(ApiKey) => await ApiKeyLifeAsync(),
            nameof(ScorecardIssue) => await IssueLifeAsync(new Quarter(2024, 1)),
            nameof(IssuedScorecard) => await IssuedScorecardLifeAsync(new Quarter(2024, 2)),
            nameof(ServiceStrategyChoice) => await StrategyChoiceLifeAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var entries = await EntriesAsync(kind, id);

        Assert.Equal(expected.Select(e => (e.Action, e.Actor)), entries.Select(e => (e.Action, e.ActorName)));
        foreach (var (step, entry) in expected.Zip(entries))
        {
            var change = Change(entry, step.Property);
            Assert.Equal(step.Old, change.Old);
            if (step.New == SomeValue) Assert.NotNull(change.New);
            else Assert.Equal(step.New, change.New);
        }
    }

    private async Task<(object, List<Step>)> StandardLifeAsync()
    {
        var manager = NameOf(ManagerEmail);
        await using var scope = await factory.AsAsync(ManagerEmail);
        var standards = scope.Get<StandardsService>();
        var input = await standards.NewFromTemplateAsync("CI-07", (await standards.GetManageableUnitsAsync()).First().Id);
        input.Title = Unique("Audited standard");
        var id = await standards.CreateAsync(input);
        var detail = await standards.GetAsync(id);
        var target = detail.Definition.Target;
        var newTarget = target > 1 ? target - 1 : target + 1;
        await standards.RetargetAsync(id, detail.Version, newTarget, standards.CurrentQuarter);
        return (id, [
            new(AuditAction.Created, manager, "Title", null, input.Title),
            new(AuditAction.Changed, manager, "Target", Json(target), Json(newTarget)),
        ]);
    }

    private async Task<(object, List<Step>)> ResultLifeAsync()
    {
        var manager = NameOf(ManagerEmail);
        await using var scope = await factory.AsAsync(ManagerEmail);
        var standards = scope.Get<StandardsService>();
        var input = await standards.NewFromTemplateAsync("CI-07", (await standards.GetManageableUnitsAsync()).First().Id);
        input.Title = Unique("Audited results");
        var standardId = await standards.CreateAsync(input);
        await standards.RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = standards.CurrentQuarter, Value = 77 });
        await using var db = factory.NewDbContext();
        var result = await db.StandardResults.AsNoTracking().SingleAsync(r => r.StandardId == standardId);
        await standards.RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = standards.CurrentQuarter, Value = 80, Version = result.Version });
        return (result.Id, [
            new(AuditAction.Created, manager, "ActualValue", null, "77"),
            new(AuditAction.Changed, manager, "ActualValue", "77", "80"),
        ]);
    }

    private async Task<(object, List<Step>)> PromiseLifeAsync()
    {
        var marketer = NameOf(MarketerEmail);
        await using var scope = await factory.AsAsync(MarketerEmail);
        var promises = scope.Get<PromiseService>();
        var input = await promises.NewAsync();
        input.Claim = Unique("Audited promise");
        input.Channels = [ServiceChannel.Phone];
        input.Campaign = "Before";
        var id = await promises.CreateAsync(input);
        var edit = (await promises.GetAsync(id)).Input;
        edit.Campaign = "After";
        await promises.UpdateAsync(edit);
        await promises.DeleteAsync(id, (await promises.GetAsync(id)).Version);
        return (id, [
            new(AuditAction.Created, marketer, "Claim", null, input.Claim),
            new(AuditAction.Changed, marketer, "Campaign", "Before", "After"),
            new(AuditAction.Deleted, marketer, "Claim", input.Claim, null),
        ]);
    }

    private async Task<(object, List<Step>)> CapabilityLifeAsync()
    {
        var manager = NameOf(ManagerEmail);
        await using var scope = await factory.AsAsync(ManagerEmail);
        var capabilities = scope.Get<CapabilityService>();
        int webcare;
        await using (var db = factory.NewDbContext()) webcare = await db.OrgUnits.Where(u => u.Name == "Webcare").Select(u => u.Id).SingleAsync();
        var name = Unique("Audited capability");
        var id = await capabilities.CreateAsync(new CapabilityInput
        {
            Name = name, OwnerUnitId = webcare, Area = CapabilityArea.Skills, Maturity = 2, Channels = [ServiceChannel.Chat], Hours = "24/7",
        });
        var edit = CapabilityInput.From((await capabilities.ListAsync()).Single(c => c.Id == id));
        edit.Maturity = 3;
        await capabilities.UpdateAsync(edit);
        await capabilities.DeleteAsync(id, (await capabilities.ListAsync()).Single(c => c.Id == id).Version);
        return (id, [
            new(AuditAction.Created, manager, "Name", null, name),
            new(AuditAction.Changed, manager, "Maturity", "2", "3"),
            new(AuditAction.Deleted, manager, "Name", name, null),
        ]);
    }

    private async Task<(object, List<Step>)> SignalLifeAsync()
    {
        var (employee, marketer) = (NameOf(EmployeeEmail), NameOf(MarketerEmail));
        int id;
        string text;
        await using (var scope = await factory.AsAsync(EmployeeEmail))
        {
            var signals = scope.Get<SignalService>();
            var input = await signals.NewAsync();
            input.Text = text = Unique("Audited signal");
            input.Count = 2;
            id = await signals.LogAsync(input);
            await signals.ForwardAsync(id, await SignalVersionAsync(id));
        }
        await using (var scope = await factory.AsAsync(MarketerEmail))
            await scope.Get<SignalService>().AcknowledgeAsync(id, await SignalVersionAsync(id));
        return (id, [
            new(AuditAction.Created, employee, "Text", null, text),
            new(AuditAction.Changed, employee, "ForwardedByName", null, employee),
            new(AuditAction.Changed, marketer, "AcknowledgedByName", null, marketer),
        ]);
    }

    private async Task<int> SignalVersionAsync(int id)
    {
        await using var db = factory.NewDbContext();
        return await db.ServiceSignals.Where(s => s.Id == id).Select(s => s.Version).SingleAsync();
    }

    private async Task<(object, List<Step>)> PulseLifeAsync()
    {
        await using var admin = await factory.AsAsync(AdminEmail);
        var schedule = admin.Get<PulseScheduleService>();
        var questions = await admin.Get<QuestionBankService>().GetQuestionsAsync(includeRetired: false);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var root = (await admin.Get<OrganisationService>().GetUnitsAsync()).Single(u => u.ParentId is null);
        var title = Unique("Audited pulse");
        var id = await schedule.ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = today.AddDays(7), ClosesOn = today.AddDays(21),
            QuestionIds = questions.Where(q => q.Kind == QuestionKind.Engagement).Select(q => q.Id).Take(2).ToList(), AudienceUnitIds = [root.Id],
        });
        await schedule.StopAsync(id, (await schedule.GetPulsesAsync()).Single(p => p.Id == id).Version);
        return (id, [
            new(AuditAction.Created, AdminName, "Title", null, title),
            new(AuditAction.Changed, AdminName, "IsActive", "true", "false"),
        ]);
    }

    private async Task<(object, List<Step>)> QuestionLifeAsync()
    {
        await using var admin = await factory.AsAsync(AdminEmail);
        var bank = admin.Get<QuestionBankService>();
        var code = "AUDIT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var id = await bank.CreateAsync(new QuestionInput { Code = code, Kind = QuestionKind.Engagement, TextNl = "Ik weet wat er van mij verwacht wordt.", TextEn = "I know what is expected of me." });
        var row = (await bank.GetQuestionsAsync(includeRetired: true)).Single(q => q.Id == id);
        Assert.Equal(QuestionSaveOutcome.EditedInPlace, (await bank.UpdateAsync(new QuestionInput { Id = id, Code = code, Kind = row.Kind, TextNl = row.TextNl, TextEn = "I know what my work asks of me.", Version = row.Version })).Outcome);
        await bank.SetActiveAsync(id, false, (await bank.GetQuestionsAsync(includeRetired: true)).Single(q => q.Id == id).Version);
        return (id, [
            new(AuditAction.Created, AdminName, "Code", null, code),
            new(AuditAction.Changed, AdminName, "TextEn", "I know what is expected of me.", "I know what my work asks of me."),
            new(AuditAction.Changed, AdminName, "IsActive", "true", "false"),
        ]);
    }

    private async Task<(object, List<Step>)> PersonLifeAsync()
    {
        var person = await factory.AddPersonAsync(Unique("Audited Person"));
        await using var admin = await factory.AsAsync(AdminEmail);
        var organisation = admin.Get<OrganisationService>();
        await using (var db = factory.NewDbContext())
        {
            var stored = await db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id);
            await organisation.UpdatePersonAsync(new PersonInput { Id = person.Id, Name = person.Name, Email = person.Email, OrgUnitId = stored.OrgUnitId, Role = PortalRole.Manager, Version = stored.Version });
        }
        await using (var db = factory.NewDbContext())
            await organisation.SetPersonActiveAsync(person.Id, false, await db.People.Where(p => p.Id == person.Id).Select(p => p.Version).SingleAsync());
        return (person.Id, [
            new(AuditAction.Created, AdminName, "Name", null, person.Name),
            new(AuditAction.Changed, AdminName, "Role", "Employee", "Manager"),
            new(AuditAction.Changed, AdminName, "IsActive", "true", "false"),
        ]);
    }

    private async Task<(object, List<Step>)> ApiKeyLifeAsync()
    {
        await using var admin = await factory.AsAsync(AdminEmail);
        var keys = admin.Get<ApiKeyService>();
        var created = await keys.CreateAsync(new ApiKeyInput { Name = Unique("Audited key") });
        await keys.RevokeAsync(created.Id, (await keys.ListAsync()).Single(k => k.Id == created.Id).Version);
        return (created.Id, [
            new(AuditAction.Created, AdminName, "Name", null, created.Name),
            new(AuditAction.Changed, AdminName, "RevokedAt", null, SomeValue),
        ]);
    }

    private async Task<ScorecardIssueProgress> IssueAndWaitAsync(Quarter quarter)
    {
        await using var director = await factory.AsAsync(DirectorEmail);
        var service = director.Get<ScorecardService>();
        var progress = await service.IssueAsync(quarter);
        for (var deadline = DateTime.UtcNow.AddSeconds(90); progress.IsRunning; progress = await service.GetProgressAsync(progress.IssueId))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Issue of {quarter} still running.");
            await Task.Delay(200);
        }
        return progress;
    }

    private async Task<(object, List<Step>)> IssueLifeAsync(Quarter quarter)
    {
        var progress = await IssueAndWaitAsync(quarter);
        Assert.Equal(ScorecardIssueStatus.Issued, progress.Status);
        return (progress.IssueId, [
            new(AuditAction.Created, NameOf(DirectorEmail), "QuarterKey", null, Json(quarter.Key)),
            new(AuditAction.Changed, "system", "Status", "Running", "Issued"),
        ]);
    }

    private async Task<(object, List<Step>)> IssuedScorecardLifeAsync(Quarter quarter)
    {
        var progress = await IssueAndWaitAsync(quarter);
        await using var db = factory.NewDbContext();
        var company = await db.IssuedScorecards.AsNoTracking().SingleAsync(c => c.IssueId == progress.IssueId && c.OrgUnitId == null && c.Language == "en");
        return (company.Id, [new(AuditAction.Created, "system", "Sha256", null, company.Sha256)]);
    }

    private async Task<(object, List<Step>)> StrategyChoiceLifeAsync()
    {
        await using var director = await factory.AsAsync(DirectorEmail);
        var rationale = Unique("Our customers come back for the advice");
        var id = await director.Get<StrategyService>().ChooseAsync(new StrategyChoiceInput
        {
            Discipline = ValueDiscipline.CustomerIntimacy, Rationale = rationale, EffectiveQuarter = Quarter.Of(DateTime.UtcNow).Next,
        });
        // A choice is history: the application never changes or removes one.
        return (id, [new(AuditAction.Created, NameOf(DirectorEmail), "Rationale", null, rationale)]);
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

    private async Task RefusedAsync(Func<PortalDbContext, Task> write)
    {
        await using var db = factory.NewDbContext();
        var error = await Record.ExceptionAsync(() => write(db));
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error);
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_itself_refuses_to_change_or_delete_an_entry()
    {
        long id;
        AuditEntry before;
        await using (var db = factory.NewDbContext())
        {
            before = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
            id = before.Id;
        }

        // Past the interceptor: bulk statements and raw SQL meet the triggers.
        await RefusedAsync(db => db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "someone else")));
        await RefusedAsync(db => db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync());
        await RefusedAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\""));
        if (factory.Provider == DatabaseProvider.PostgreSql)
            await RefusedAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditLog\""));

        // The erasure's path: inside a transaction that holds the marker row, names and values may be rewritten — nothing else.
        await using (var db = factory.NewDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AuditLogGuard.BeginPseudonymisationAsync(db.Database, 0, CancellationToken.None);
            Assert.Equal(1, await db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "Erased person #0")));
            var error = await Record.ExceptionAsync(() => db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.EntityType, "Forged")));
            Assert.IsAssignableFrom<System.Data.Common.DbException>(error);
            await transaction.RollbackAsync();
        }

        // Nothing above stuck, and the marker never left its transaction.
        await using var check = factory.NewDbContext();
        var after = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal((before.ActorName, before.EntityType, before.Changes), (after.ActorName, after.EntityType, after.Changes));
        Assert.Equal(0, await check.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"AuditLogPseudonymisation\"").SingleAsync());
    }
}

public sealed class AuditLogTests_Sqlite(SqliteScorecardPortal factory) : AuditLogTests(factory), IClassFixture<SqliteScorecardPortal>;
public sealed class AuditLogTests_PostgreSql(PostgreSqlScorecardPortal factory) : AuditLogTests(factory), IClassFixture<PostgreSqlScorecardPortal>;
