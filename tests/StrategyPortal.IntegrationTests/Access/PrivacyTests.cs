using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using Microsoft.EntityFrameworkCore.Metadata;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;
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

    /// <summary>What <see cref="FootprintAsync"/> made, to look for in the export and after erasure.</summary>
    private sealed record Footprint(
        TestPerson Person, int StandardId, int StrategyChoiceId, int SignalId, int PromiseId, int IssueId, Quarter IssueQuarter, int IssueNumber,
        int IssuedScorecardId, string ApiKeyName, string ApiKeyPrefix, int RoundId, string PulseTitle, int RoundNumber);

    /// <summary>
    /// A manager (with a login, a standard and a result, see <see cref="ActiveManagerAsync"/>) who also left a trace in every other
    /// place the portal keeps a person: a strategy choice, a signal they logged, forwarded and acknowledged, a promise they own,
    /// a scorecard issue they requested with a scorecard it issued, an API key they created and a pulse round they took part in.
    /// Written straight to the database, saved as the person (the audit log names them as actor).
    /// </summary>
    private async Task<Footprint> FootprintAsync()
    {
        var (person, standardId) = await ActiveManagerAsync();
        await using var db = factory.NewDbContext();
        db.Actor = new AuditActor(person.Id, person.Name);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var unitId = await db.People.Where(p => p.Id == person.Id).Select(p => p.OrgUnitId).SingleAsync();

        var choice = new ServiceStrategyChoice(ValueDiscipline.CustomerIntimacy, "Everything revolves around the customer.", Quarter.Of(today), person.Id, person.Name, now);
        var signal = new ServiceSignal(unitId, SignalKind.Complaint, ServiceChannel.Phone, today, 3, Unique("Waited too long"), null, person.Id, person.Name, now);
        signal.Forward(person.Id, person.Name, now);
        signal.Acknowledge(person.Id, person.Name, now);
        var promise = new MarketingPromise(Unique("Always on the phone"), [ServiceChannel.Phone], "Privacy campaign", person.Id, unitId, today, null, []);
        var key = StrategyPortal.Application.Access.ApiKeyService.Generate();
        var apiKey = new ApiKey(Unique("Privacy key"), key[..ApiKey.PrefixLength], StrategyPortal.Application.Access.ApiKeyService.Hash(key),
            [ApiScopes.CustomerScoresImport], person.Id, now);
        var quarter = new Quarter(2001, 1);
        var number = (await db.ScorecardIssues.Where(i => i.QuarterKey == quarter.Key).MaxAsync(i => (int?)i.Number) ?? 0) + 1;
        var issue = new ScorecardIssue(quarter, number, person.Id, person.Name, 1, now);
        var round = await db.PulseRounds.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        var pulseTitle = await db.PulseSurveys.Where(s => s.Id == round.SurveyId).Select(s => s.Title).SingleAsync();
        db.AddRange(choice, signal, promise, apiKey, issue);
        db.Participations.Add(new Participation(round.Id, person.Id));
        var invitedIn = await db.PulseRoundUnits.Where(u => u.RoundId == round.Id).OrderBy(u => u.UnitId).FirstAsync();
        db.PulseInvitations.Add(new PulseInvitation(round.Id, person.Id, invitedIn.UnitId));
        await db.SaveChangesAsync();
        var scorecard = new IssuedScorecard(issue.Id, quarter, number, null, "Noordlicht Retail B.V.", "en", new string('0', 64), 10, person.Name, now);
        db.IssuedScorecards.Add(scorecard);
        await db.SaveChangesAsync();
        return new Footprint(person, standardId, choice.Id, signal.Id, promise.Id, issue.Id, quarter, number, scorecard.Id,
            apiKey.Name, apiKey.Prefix, round.Id, pulseTitle, round.Number);
    }

    /// <summary>Every text column of every table (the sign-in account's included) that holds one of <paramref name="secrets"/>, ignoring case.</summary>
    private static async Task<List<string>> ColumnsHoldingAsync(PortalDbContext db, params string[] secrets)
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                if (property.GetColumnName(store) is not { } column) continue;
                foreach (var secret in secrets)
                {
                    var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE LOWER(\"{column}\") LIKE {{0}}";
                    var rows = await db.Database.SqlQueryRaw<long>(sql, "%" + secret.ToLowerInvariant() + "%").SingleAsync();
                    if (rows > 0) found.Add($"{table}.{column} holds '{secret}' ({rows})");
                }
            }
        }
        return found;
    }

    [Fact]
    public async Task The_export_holds_the_person_the_account_their_history_and_their_changes_but_no_pulse_answers()
    {
        var (person, standardId) = await ActiveManagerAsync();
        var admin = await factory.SharedClientAsync(PortalRole.Administrator);
        using var signedIn = await factory.SignedInClientAsync(person.Email, person.Password);

        using var response = await admin.GetAsync($"/organisation/people/{person.Id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"person-{person.Id}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(person.Name, root.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal(person.Email, root.GetProperty("person").GetProperty("email").GetString());
        Assert.Equal("Manager", root.GetProperty("person").GetProperty("role").GetString());
        Assert.Equal(person.Email, root.GetProperty("account").GetProperty("email").GetString());
        // The open sign-in session: its times only (never the secret or its hash).
        var session = Assert.Single(root.GetProperty("account").GetProperty("sessions").EnumerateArray());
        Assert.Equal(["lastSeenUtc", "startedUtc"], session.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal("Created", root.GetProperty("history")[0].GetProperty("action").GetString());
        var change = Assert.Single(root.GetProperty("standardsChanges").EnumerateArray());
        Assert.Equal(standardId, change.GetProperty("standardId").GetInt32());
        Assert.Equal(64, Assert.Single(root.GetProperty("resultsRecorded").EnumerateArray()).GetProperty("value").GetDouble());
        // As actor: the standard, its first version and the result.
        Assert.Equal(["ServiceStandard", "ServiceStandardVersion", "StandardResult"],
            root.GetProperty("auditTrailAsActor").EnumerateArray().Select(a => a.GetProperty("entityType").GetString()!).Order().ToArray());
        Assert.Empty(root.GetProperty("pulseParticipations").EnumerateArray());
        Assert.Empty(root.GetProperty("pulseInvitations").EnumerateArray());
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains("response", StringComparison.OrdinalIgnoreCase) || n.Contains("answer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_export_holds_the_actions_a_person_owns_or_started_and_the_progress_they_recorded()
    {
        await using var db = factory.NewDbContext();
        var manager = await db.People.SingleAsync(p => p.Email == "manager.klantenservice@noordlicht.example");
        var admin = await factory.SharedClientAsync(PortalRole.Administrator);

        using var response = await admin.GetAsync($"/organisation/people/{manager.Id}/export");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var actions = json.RootElement.GetProperty("actions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("title").GetString()!, a => (Owner: a.GetProperty("owner").GetBoolean(), Creator: a.GetProperty("creator").GetBoolean()));
        Assert.Equal((true, true), actions["Terugbellen na elk negatief contact"]);
        Assert.Equal((false, true), actions["Klant bij naam aanspreken aan de telefoon"]); // started by her, owned by an employee
        var checkIns = json.RootElement.GetProperty("actionCheckIns").EnumerateArray().ToList();
        Assert.NotEmpty(checkIns);
        Assert.Equal(await db.ActionCheckIns.CountAsync(c => c.ByPersonId == manager.Id), checkIns.Count);

        // The reminders decided for her as an owner (the job may have sent some of its own today).
        var owned = await db.ImprovementActions.Where(a => a.OwnerPersonId == manager.Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        db.ActionReminderRuns.Add(new Domain.Actions.ActionReminderRun(owned, Domain.Notifications.NoticeKind.ActionOverdue, new DateOnly(2001, 1, 4), manager.Id,
            new DateTime(2001, 1, 5, 9, 0, 0, DateTimeKind.Utc)));
        await db.SaveChangesAsync();
        using var again = await admin.GetAsync($"/organisation/people/{manager.Id}/export");
        using var exported = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        var reminders = exported.RootElement.GetProperty("actionReminders").EnumerateArray().ToList();
        Assert.Equal(await db.ActionReminderRuns.CountAsync(r => r.PersonId == manager.Id), reminders.Count);
        Assert.Contains(reminders, r => r.GetProperty("actionId").GetInt32() == owned && r.GetProperty("kind").GetString() == "ActionOverdue"
            && r.GetProperty("dueOn").GetString() == "2001-01-04");
    }

    [Fact]
    public async Task The_export_holds_every_section_of_what_the_portal_keeps_about_the_person()
    {
        var trace = await FootprintAsync();
        var admin = await factory.SharedClientAsync(PortalRole.Administrator);

        using var response = await admin.GetAsync($"/organisation/people/{trace.Person.Id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var choice = Assert.Single(root.GetProperty("strategyChoices").EnumerateArray());
        Assert.Equal(("CustomerIntimacy", "Everything revolves around the customer.", Quarter.Of(DateTime.UtcNow).ToString()),
            (choice.GetProperty("discipline").GetString(), choice.GetProperty("rationale").GetString(), choice.GetProperty("effectiveQuarter").GetString()));
        Assert.Equal(trace.StandardId, Assert.Single(root.GetProperty("standardsChanges").EnumerateArray()).GetProperty("standardId").GetInt32());
        Assert.Equal(64, Assert.Single(root.GetProperty("resultsRecorded").EnumerateArray()).GetProperty("value").GetDouble());

        var promise = Assert.Single(root.GetProperty("promisesOwned").EnumerateArray());
        Assert.Equal((trace.PromiseId, "Privacy campaign"), (promise.GetProperty("promiseId").GetInt32(), promise.GetProperty("campaign").GetString()));
        var logged = Assert.Single(root.GetProperty("signalsLogged").EnumerateArray());
        Assert.Equal((trace.SignalId, "Complaint", "Phone", 3), (logged.GetProperty("signalId").GetInt32(), logged.GetProperty("kind").GetString(),
            logged.GetProperty("channel").GetString(), logged.GetProperty("count").GetInt32()));
        Assert.StartsWith("Waited too long", logged.GetProperty("text").GetString());
        Assert.Equal(trace.SignalId, Assert.Single(root.GetProperty("signalsForwarded").EnumerateArray()).GetProperty("signalId").GetInt32());
        Assert.Equal(trace.SignalId, Assert.Single(root.GetProperty("signalsAcknowledged").EnumerateArray()).GetProperty("signalId").GetInt32());

        var issue = Assert.Single(root.GetProperty("scorecardIssuesRequested").EnumerateArray());
        Assert.Equal((trace.IssueId, "2001-Q1", trace.IssueNumber, "Running", 1),
            (issue.GetProperty("issueId").GetInt32(), issue.GetProperty("quarter").GetString(), issue.GetProperty("number").GetInt32(),
             issue.GetProperty("status").GetString(), issue.GetProperty("scorecardsIssued").GetInt32()));
        var key = Assert.Single(root.GetProperty("apiKeysCreated").EnumerateArray());
        Assert.Equal((trace.ApiKeyName, trace.ApiKeyPrefix), (key.GetProperty("name").GetString(), key.GetProperty("prefix").GetString()));
        Assert.False(key.TryGetProperty("hash", out _));

        // Which rounds they took part in is what is stored of a pulse; never an answer.
        var round = Assert.Single(root.GetProperty("pulseParticipations").EnumerateArray());
        Assert.Equal((trace.RoundId, trace.PulseTitle, trace.RoundNumber),
            (round.GetProperty("roundId").GetInt32(), round.GetProperty("pulse").GetString(), round.GetProperty("roundNumber").GetInt32()));
        Assert.Equal(["closesOn", "opensOn", "pulse", "roundId", "roundNumber"], round.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // And which rounds they were invited to, in which unit (as the round recorded it when it opened).
        var invitation = Assert.Single(root.GetProperty("pulseInvitations").EnumerateArray());
        Assert.Equal((trace.RoundId, trace.PulseTitle, trace.RoundNumber),
            (invitation.GetProperty("roundId").GetInt32(), invitation.GetProperty("pulse").GetString(), invitation.GetProperty("roundNumber").GetInt32()));
        Assert.False(string.IsNullOrEmpty(invitation.GetProperty("unit").GetString()));

        // Everything they saved is in their trail as actor; a participation never is.
        var asActor = root.GetProperty("auditTrailAsActor").EnumerateArray().Select(a => a.GetProperty("entityType").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "ServiceStrategyChoice", "ServiceSignal", "MarketingPromise", "ApiKey", "ScorecardIssue", "IssuedScorecard",
            "ServiceStandard", "StandardResult" }, asActor);
        Assert.DoesNotContain("Participation", asActor);
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
    public async Task After_erasure_the_name_and_email_are_in_no_table_and_every_name_field_holds_the_pseudonym()
    {
        var trace = await FootprintAsync();
        var person = trace.Person;
        await using (var db = factory.NewDbContext())
            Assert.NotEmpty(await ColumnsHoldingAsync(db, person.Name, person.Email)); // the scan finds them before

        await using (var admin = await factory.AsAsync(AdminEmail)) await admin.Get<PrivacyService>().EraseAsync(person.Id);

        await using var check = factory.NewDbContext();
        Assert.Empty(await ColumnsHoldingAsync(check, person.Name, person.Email));
        // The database let the erasure rewrite the audit log only inside its transaction: the marker is gone.
        Assert.Equal(0, await check.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"AuditLogPseudonymisation\"").SingleAsync());
        var pseudonym = Person.Pseudonym(person.Id);
        Assert.Equal(pseudonym, await check.ServiceStrategyChoices.Where(c => c.Id == trace.StrategyChoiceId).Select(c => c.ChosenByName).SingleAsync());
        var signal = await check.ServiceSignals.AsNoTracking().SingleAsync(s => s.Id == trace.SignalId);
        Assert.Equal((pseudonym, pseudonym, pseudonym), (signal.LoggedByName, signal.ForwardedByName, signal.AcknowledgedByName));
        Assert.Equal(pseudonym, await check.ScorecardIssues.Where(i => i.Id == trace.IssueId).Select(i => i.RequestedByName).SingleAsync());
        Assert.Equal(pseudonym, await check.IssuedScorecards.Where(c => c.Id == trace.IssuedScorecardId).Select(c => c.IssuedByName).SingleAsync());
        Assert.Equal(pseudonym, await check.ServiceStandardVersions.Where(v => v.StandardId == trace.StandardId).Select(v => v.ChangedByName).SingleAsync());
        Assert.Equal(pseudonym, await check.StandardResults.Where(r => r.StandardId == trace.StandardId).Select(r => r.RecordedByName).SingleAsync());
        Assert.All(await check.AuditEntries.Where(a => a.ActorPersonId == person.Id).Select(a => a.ActorName).ToListAsync(), name => Assert.Equal(pseudonym, name));
        // Ids stay: the promise, the key and the participation now belong to the pseudonymous person.
        Assert.Equal(person.Id, await check.MarketingPromises.Where(p => p.Id == trace.PromiseId).Select(p => p.OwnerPersonId).SingleAsync());
        Assert.Equal(person.Id, await check.ApiKeys.Where(k => k.Name == trace.ApiKeyName).Select(k => k.CreatedByPersonId).SingleAsync());
        Assert.True(await check.Participations.AnyAsync(p => p.RoundId == trace.RoundId && p.PersonId == person.Id));
    }

    [Fact]
    public async Task Erasure_leaves_a_namesake_alone()
    {
        var name = Unique("Privacy Namesake");
        var erased = await factory.AddPersonAsync(name, PortalRole.Manager);
        var namesake = await factory.AddPersonAsync(name, PortalRole.Manager);
        int signalId;
        await using (var db = factory.NewDbContext())
        {
            var unitId = await db.People.Where(p => p.Id == namesake.Id).Select(p => p.OrgUnitId).SingleAsync();
            var signal = new ServiceSignal(unitId, SignalKind.Question, ServiceChannel.Chat, DateOnly.FromDateTime(DateTime.UtcNow), 1, "Open on Sunday?", null,
                namesake.Id, name, DateTime.UtcNow);
            signal.Forward(namesake.Id, name, DateTime.UtcNow);
            signal.Acknowledge(namesake.Id, name, DateTime.UtcNow);
            db.ServiceSignals.Add(signal);
            await db.SaveChangesAsync();
            signalId = signal.Id;
        }

        await using (var admin = await factory.AsAsync(AdminEmail)) await admin.Get<PrivacyService>().EraseAsync(erased.Id);

        await using var check = factory.NewDbContext();
        var kept = await check.ServiceSignals.AsNoTracking().SingleAsync(s => s.Id == signalId);
        Assert.Equal((name, name, name), (kept.LoggedByName, kept.ForwardedByName, kept.AcknowledgedByName));
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
