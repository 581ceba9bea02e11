using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>Looks for any path from a participation (who) to a response or comment (what): schema, storage, logs and what the services hand out.</summary>
public class AnonymityTests
{
    private static readonly Type[] Anonymous = [typeof(PulseResponse), typeof(PulseComment)];

    [Fact]
    public async Task No_foreign_key_or_shared_column_links_participation_to_answers()
    {
        await using var ctx = new PortalBunitContext();
        await using var db = ctx.Db();
        var participation = db.Model.FindEntityType(typeof(Participation))!;
        var participationColumns = participation.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
        Assert.Equal(new HashSet<string> { "RoundId", "PersonId" }, participationColumns);

        foreach (var type in Anonymous)
        {
            var entity = db.Model.FindEntityType(type)!;
            // Only the round is shared; no person, no participation key.
            var shared = entity.GetProperties().Select(p => p.GetColumnName()).Where(participationColumns.Contains).ToList();
            Assert.Equal(["RoundId"], shared);
            Assert.DoesNotContain(entity.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == typeof(Participation) || fk.PrincipalEntityType.ClrType == typeof(StrategyPortal.Domain.Organisation.Person));
            Assert.DoesNotContain(participation.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == type);
            Assert.DoesNotContain(entity.GetReferencingForeignKeys(), fk => fk.DeclaringEntityType.ClrType == typeof(Participation));
            // Keyed by round and a random GUID, never a sequence; no time of day anywhere.
            var key = entity.FindPrimaryKey()!.Properties;
            Assert.Equal(["RoundId", "Id"], key.Select(p => p.Name));
            Assert.Equal(typeof(Guid), key[1].ClrType);
            Assert.Equal(ValueGenerated.Never, key[1].ValueGenerated);
            Assert.DoesNotContain(entity.GetProperties(), p => p.ValueGenerated == ValueGenerated.OnAdd);
            Assert.DoesNotContain(entity.GetProperties(), p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(TimeOnly));
        }
    }

    [Fact]
    public async Task Sqlite_stores_the_anonymous_tables_without_a_rowid_that_would_keep_insertion_order()
    {
        await using var ctx = new PortalBunitContext();
        await using var db = ctx.Db();
        foreach (var table in new[] { "Participations", "PulseResponses", "PulseComments" })
        {
            var sql = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE type = 'table' AND name = {0}", table).SingleAsync();
            Assert.EndsWith("WITHOUT ROWID", sql.Trim());
        }
        // And so the responses come back in key (random) order, not in the order they were written.
        var error = await Record.ExceptionAsync(() => db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM PulseResponses").ToListAsync());
        Assert.NotNull(error);
    }

    [Fact]
    public void Participations_responses_and_comments_are_never_audited()
    {
        Assert.NotNull(typeof(Participation).GetCustomAttribute<NotAuditedAttribute>());
        Assert.NotNull(typeof(PulseResponse).GetCustomAttribute<NotAuditedAttribute>());
        Assert.NotNull(typeof(PulseComment).GetCustomAttribute<NotAuditedAttribute>());
    }

    [Fact]
    public async Task Answering_writes_no_audit_entry()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var roundId = ctx.OpenRoundId();
        await using var before = ctx.Db();
        var auditsBefore = await before.AuditEntries.CountAsync();

        var result = await ctx.Services.GetRequiredService<PulseAnswerService>().SubmitAsync(roundId, PulseAnswerServiceTests.ValidAnswers(ctx, roundId));

        Assert.Equal(SubmitStatus.Stored, result.Status);
        await using var after = ctx.Db();
        Assert.Equal(auditsBefore, await after.AuditEntries.CountAsync());
    }

    [Fact]
    public void Nothing_the_engagement_services_return_carries_a_person_or_a_response_id()
    {
        var types = typeof(EngagementResultsService).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == typeof(EngagementResultsService).Namespace && !t.Name.EndsWith("Service", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.False(property.Name.Contains("Person", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("Email", StringComparison.OrdinalIgnoreCase),
                    $"{type.Name}.{property.Name} names a person");
                Assert.False(property.PropertyType == typeof(Guid) || property.PropertyType == typeof(Guid?), $"{type.Name}.{property.Name} hands out a response or comment id");
                Assert.False(property.PropertyType == typeof(DateTime) || property.PropertyType == typeof(DateTime?), $"{type.Name}.{property.Name} hands out a time of day");
            }
        }
    }

    [Fact]
    public async Task A_stored_response_has_only_the_day_and_a_random_id()
    {
        await using var ctx = new PortalBunitContext();
        var employee = ctx.SignInAs(DemoAccounts.Employee);
        var roundId = ctx.OpenRoundId();
        await using (var db = ctx.Db())
        {
            await db.PulseResponses.Where(r => r.RoundId == roundId).ExecuteDeleteAsync();
        }

        await ctx.Services.GetRequiredService<PulseAnswerService>().SubmitAsync(roundId, PulseAnswerServiceTests.ValidAnswers(ctx, roundId));

        await using var check = ctx.Db();
        var response = await check.PulseResponses.SingleAsync(r => r.RoundId == roundId);
        Assert.Equal(4, response.Id.Version);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), response.AnsweredOn);
        Assert.Equal(employee.OrgUnitId, response.UnitId);
        Assert.True(await check.Participations.AnyAsync(p => p.RoundId == roundId && p.PersonId == employee.PersonId));
    }

    [Fact]
    public async Task No_action_can_be_started_from_a_hidden_engagement_group()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var results = ctx.Services.GetRequiredService<EngagementResultsService>();
        var round = (await results.GetRoundsAsync()).First(r => r.State == RoundState.Closed);
        var all = await results.GetResultsAsync(round.RoundId);
        var hidden = all.Units.First(u => !u.IsDetailShown); // the Directie (two people) at least
        var item = all.Items.First(i => i.Kind == QuestionKind.Engagement);
        var actions = ctx.Services.GetRequiredService<ActionService>();
        await using var before = ctx.Db();
        var count = await before.ImprovementActions.CountAsync();

        var cause = ActionCauseRef.OfEngagement(round.RoundId, hidden.UnitId, item.QuestionId);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => actions.NewAsync(cause));
        Assert.True(refused.Errors.ContainsKey(nameof(ActionInput.Cause)));
        var input = new ActionInput { Cause = cause, Title = "Uit een verborgen groep", UnitId = hidden.UnitId, OwnerPersonId = ctx.SignInAs(DemoAccounts.Director).PersonId, DueOn = actions.Today.AddDays(7) };
        await Assert.ThrowsAsync<ValidationFailedException>(() => actions.CreateAsync(input));
        // Nor from an open round, whose results nobody sees yet.
        var open = (await results.GetRoundsAsync()).First(r => r.State == RoundState.Open);
        await Assert.ThrowsAsync<ValidationFailedException>(() => actions.NewAsync(ActionCauseRef.OfEngagement(open.RoundId, all.Units[0].UnitId, item.QuestionId)));

        await using var after = ctx.Db();
        Assert.Equal(count, await after.ImprovementActions.CountAsync());
    }

    [Fact]
    public async Task An_action_shows_no_engagement_figure_its_reader_could_not_see()
    {
        await using var ctx = new PortalBunitContext();
        // The director starts a Klantenservice action from a shown cell of Winkels Noord, owned by a Klantenservice employee.
        ctx.SignInAs(DemoAccounts.Director);
        var results = ctx.Services.GetRequiredService<EngagementResultsService>();
        var round = (await results.GetRoundsAsync()).First(r => r.State == RoundState.Closed);
        var noord = await results.GetResultsAsync(round.RoundId, ctx.UnitId("Winkels Noord"));
        Assert.True(noord.Selected.IsDetailShown);
        var item = noord.Items.First(i => i.Kind == QuestionKind.Engagement);
        var actions = ctx.Services.GetRequiredService<ActionService>();
        var form = await actions.NewAsync(ActionCauseRef.OfEngagement(round.RoundId, noord.Selected.UnitId, item.QuestionId));
        Assert.Equal(noord.Selected.ItemScores[item.QuestionId], form.Baseline.Impact!.Baseline.Value);
        var employee = ctx.SignInAs(DemoAccounts.Employee);
        ctx.SignInAs(DemoAccounts.Director);
        form.Input.Title = "Werkoverleg naar het voorbeeld van Winkels Noord";
        form.Input.UnitId = ctx.UnitId("Klantenservice");
        form.Input.OwnerPersonId = employee.PersonId;
        var id = await actions.CreateAsync(form.Input);
        Assert.True((await actions.GetAsync(id)).Impact.FiguresShown);

        // The owner (an employee: no results at all) and the Klantenservice manager (Winkels Noord is not hers) see the action, not the figures.
        foreach (var reader in new[] { DemoAccounts.Employee, DemoAccounts.CustomerServiceManager })
        {
            ctx.SignInAs(reader);
            var detail = await actions.GetAsync(id);
            Assert.False(detail.Impact.FiguresShown, reader);
            Assert.Null(detail.Impact.Impact);
        }
        // Nor does the Klantenservice scorecard, whose scope is Klantenservice and Webcare.
        var quarter = StrategyPortal.Domain.Common.Quarter.Of(DateTime.UtcNow);
        var scope = new StrategyPortal.Application.Access.UnitScope(false, new HashSet<int> { ctx.UnitId("Klantenservice"), ctx.UnitId("Webcare") });
        var scorecard = await ctx.Services.GetRequiredService<IScorecardActionSource>().GetAsync(quarter, scope);
        var line = scorecard.Items.Single(a => a.Id == id);
        Assert.False(line.FiguresShown);
        Assert.Null(line.Baseline);
        Assert.Null(line.Now);
    }

    [Fact]
    public async Task A_personal_link_is_kept_apart_from_answers_and_reminders_name_nobody()
    {
        await using var ctx = new PortalBunitContext();
        await using var db = ctx.Db();
        var link = db.Model.FindEntityType(typeof(PulseLink))!;
        Assert.Equal(new HashSet<string> { "RoundId", "PersonId", "TokenHash", "ProtectedToken" }, link.GetProperties().Select(p => p.GetColumnName()).ToHashSet());
        Assert.DoesNotContain(link.GetForeignKeys(), fk => Anonymous.Contains(fk.PrincipalEntityType.ClrType) || fk.PrincipalEntityType.ClrType == typeof(Participation));
        var run = db.Model.FindEntityType(typeof(PulseReminderRun))!;
        Assert.DoesNotContain(run.GetProperties(), p => p.Name.Contains("Person", StringComparison.Ordinal) || p.Name.Contains("Count", StringComparison.Ordinal));
        Assert.NotNull(typeof(PulseLink).GetCustomAttribute<NotAuditedAttribute>());
    }

    [Fact]
    public async Task Answering_through_a_personal_link_stores_what_answering_after_sign_in_stores_and_writes_nothing_else()
    {
        await using var ctx = new PortalBunitContext();
        var employee = ctx.SignInAs(DemoAccounts.Employee);
        var roundId = ctx.OpenRoundId();
        var values = PulseAnswerServiceTests.ValidAnswers(ctx, roundId);
        ctx.SignOut();
        var token = "link-" + Guid.NewGuid().ToString("N");
        int otherRound;
        await using (var db = ctx.Db())
        {
            otherRound = await db.PulseRounds.Where(r => r.Id != roundId).Select(r => r.Id).FirstAsync();
            db.PulseLinks.Add(new PulseLink(roundId, employee.PersonId!.Value, PulseLink.HashOf(token), "protected"));
            await db.SaveChangesAsync();
        }
        var before = await SnapshotAsync(ctx, roundId);

        var answers = ctx.Services.GetRequiredService<PulseAnswerService>();
        Assert.Equal(SubmitStatus.InvalidLink, (await answers.SubmitAsync(roundId, values, token + "x")).Status);
        Assert.Equal(SubmitStatus.InvalidLink, (await answers.SubmitAsync(otherRound, values, token)).Status);
        Assert.Equal(before, await SnapshotAsync(ctx, roundId));

        Assert.Equal(SubmitStatus.Stored, (await answers.SubmitAsync(roundId, values, token)).Status);
        var after = await SnapshotAsync(ctx, roundId);
        // One participation and one response more, in the invitation's unit; links, invitations, mail and the audit log as they were.
        Assert.Equal(before with { Participations = before.Participations + 1, Responses = before.Responses + 1, ResponsesInUnit = before.ResponsesInUnit + 1 }, after);
        await using var check = ctx.Db();
        Assert.True(await check.Participations.AnyAsync(p => p.RoundId == roundId && p.PersonId == employee.PersonId));
        Assert.Equal(PulseFormStatus.AlreadyAnswered, (await answers.GetFormAsync(roundId, token)).Status);
    }

    private sealed record Snapshot(int Participations, int Responses, int ResponsesInUnit, string Links, string Invitations, string Outbox, int Audits);

    private static async Task<Snapshot> SnapshotAsync(PortalBunitContext ctx, int roundId)
    {
        await using var db = ctx.Db();
        var unit = await db.People.Where(p => p.Email == DemoAccounts.Employee).Select(p => p.OrgUnitId).SingleAsync();
        var links = string.Join(";", (await db.PulseLinks.AsNoTracking().OrderBy(l => l.RoundId).ThenBy(l => l.PersonId).ToListAsync()).Select(l => $"{l.RoundId}/{l.PersonId}/{l.TokenHash}/{l.ProtectedToken}"));
        var invitations = string.Join(";", (await db.PulseInvitations.AsNoTracking().OrderBy(i => i.RoundId).ThenBy(i => i.PersonId).ToListAsync()).Select(i => $"{i.RoundId}/{i.PersonId}/{i.UnitId}"));
        var outbox = string.Join(";", (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync()).Select(m => $"{m.Id}/{m.Kind}/{m.PersonId}/{m.Status}"));
        return new Snapshot(await db.Participations.CountAsync(p => p.RoundId == roundId), await db.PulseResponses.CountAsync(r => r.RoundId == roundId),
            await db.PulseResponses.CountAsync(r => r.RoundId == roundId && r.UnitId == unit), links, invitations, outbox, await db.AuditEntries.CountAsync());
    }
}
