using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// What a round records when it opens, and what follows from it: people are counted where they were invited, taking part
/// is counted once a day (never live), response rates obey the sibling rule, and units are followed through renames.
/// </summary>
public abstract class RoundRecordTests(PortalFactory factory)
{
    private const string Admin = "beheerder@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    private DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>A unit under the company with <paramref name="people"/> employees who can sign in; returns the unit and their e-mails.</summary>
    private async Task<(int UnitId, List<string> Emails)> TeamAsync(string name, int people)
    {
        await using var admin = await factory.AsAsync(Admin);
        var organisation = admin.Get<OrganisationService>();
        var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
        var unit = await organisation.CreateUnitAsync(new UnitInput { Name = name, ParentId = root.Id });
        var emails = new List<string>();
        for (var i = 0; i < people; i++)
        {
            var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{i}@test.example";
            await organisation.CreatePersonAsync(new PersonInput { Name = $"{name} {i}", Email = email, OrgUnitId = unit, Role = PortalRole.Employee, InitialPassword = PortalFactory.StrongPassword });
            emails.Add(email);
        }
        return (unit, emails);
    }

    private async Task<int> ScheduleTodayAsync(string title, params int[] units)
    {
        await using var admin = await factory.AsAsync(Admin);
        var questions = await admin.Get<QuestionBankService>().GetQuestionsAsync(includeRetired: false);
        var surveyId = await admin.Get<PulseScheduleService>().ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = Today, ClosesOn = Today.AddDays(7),
            QuestionIds = questions.Where(q => q.Kind is QuestionKind.Engagement or QuestionKind.Enps).Select(q => q.Id).Take(3).ToList(),
            AudienceUnitIds = [.. units],
        });
        await using var db = factory.NewDbContext();
        return await db.PulseRounds.Where(r => r.SurveyId == surveyId).Select(r => r.Id).SingleAsync();
    }

    private async Task AnswerAsync(string email, int roundId)
    {
        await using var person = await factory.AsAsync(email);
        var answers = person.Get<PulseAnswerService>();
        var form = await answers.GetFormAsync(roundId);
        Assert.Equal(PulseFormStatus.Ready, form.Status);
        var values = form.Items.ToDictionary(i => i.QuestionId, i => (string?)(i.Kind == QuestionKind.Enps ? "8" : "4"));
        Assert.Equal(SubmitStatus.Stored, (await answers.SubmitAsync(roundId, values)).Status);
    }

    private async Task<Dictionary<int, UnitResult>> RatesAsync(int roundId)
    {
        await using var director = await factory.AsAsync(Director);
        return (await director.Get<EngagementResultsService>().GetResultsAsync(roundId)).Units.ToDictionary(u => u.UnitId);
    }

    /// <summary>What the next day's count would see: the day's count is made afresh by the next reader.</summary>
    private async Task NextDayAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"PulseRoundUnits\" SET \"TookPartCountedOn\" = {0} WHERE \"RoundId\" = {1}", Today.AddDays(-1), roundId);
    }

    [Fact]
    public async Task Taking_part_is_counted_once_a_day_and_where_the_person_was_invited()
    {
        var suffix = Suffix();
        var (day, dayPeople) = await TeamAsync("Dagploeg " + suffix, 6);
        var (other, _) = await TeamAsync("Avondploeg " + suffix, 5);
        var roundId = await ScheduleTodayAsync("Telling " + suffix, day, other);
        var start = await RatesAsync(roundId);
        Assert.Equal(0, start[day].ResponseRate);
        Assert.Equal(6, start[day].Invited);

        // One of the day shift moves to the evening shift while the round is open, then answers.
        await using (var admin = await factory.AsAsync(Admin))
        {
            var organisation = admin.Get<OrganisationService>();
            var mover = (await organisation.GetPeopleAsync(new PeopleQuery { Search = dayPeople[0], PageSize = 5 })).Items.Single();
            await organisation.UpdatePersonAsync(new PersonInput { Id = mover.Id, Name = mover.Name, Email = mover.Email, OrgUnitId = other, Role = mover.Role, Version = mover.Version });
        }
        await AnswerAsync(dayPeople[0], roundId);
        await AnswerAsync(dayPeople[1], roundId);

        // The answer counts where the invitation was: the day shift.
        await using (var db = factory.NewDbContext())
            Assert.Equal([day, day], await db.PulseResponses.Where(r => r.RoundId == roundId).Select(r => r.UnitId).ToListAsync());
        // The same day, the rate a manager watches does not move with each answer.
        var sameDay = await RatesAsync(roundId);
        Assert.Equal(0, sameDay[day].ResponseRate);
        Assert.Equal(0, sameDay[other].ResponseRate);
        await using (var director = await factory.AsAsync(Director))
            Assert.Equal(0, (await director.Get<PulseScheduleService>().GetPulsesAsync()).SelectMany(p => p.Rounds).Single(r => r.Id == roundId).Answered);

        // The next day's count: both in the day shift, none in the evening shift.
        await NextDayAsync(roundId);
        var nextDay = await RatesAsync(roundId);
        Assert.Equal(100.0 * 2 / 6, nextDay[day].ResponseRate!.Value, 6);
        Assert.Equal(0, nextDay[other].ResponseRate);
        await using (var director = await factory.AsAsync(Director))
            Assert.Equal(2, (await director.Get<PulseScheduleService>().GetPulsesAsync()).SelectMany(p => p.Rounds).Single(r => r.Id == roundId).Answered);
    }

    [Fact]
    public async Task People_who_join_after_a_round_opened_are_not_invited_to_it()
    {
        var suffix = Suffix();
        var (team, _) = await TeamAsync("Vroeg " + suffix, 5);
        var roundId = await ScheduleTodayAsync("Later " + suffix, team);
        await using (var admin = await factory.AsAsync(Admin))
            await admin.Get<OrganisationService>().CreatePersonAsync(new PersonInput
            {
                Name = "Nieuwkomer " + suffix, Email = $"nieuw.{suffix}@test.example", OrgUnitId = team, Role = PortalRole.Employee,
                InitialPassword = PortalFactory.StrongPassword,
            });

        await using var newcomer = await factory.AsAsync($"nieuw.{suffix}@test.example");
        Assert.Equal(PulseFormStatus.NotInAudience, (await newcomer.Get<PulseAnswerService>().GetFormAsync(roundId)).Status);
        Assert.DoesNotContain(await newcomer.Get<PulseAnswerService>().GetOpenPulsesAsync(), p => p.RoundId == roundId);
    }

    [Fact]
    public async Task Response_rates_follow_the_sibling_rule_as_scores_do()
    {
        // The demo's closed round: Winkels has one own member, Noord 12 and Zuid 11 invited. Shown: Winkels and Noord;
        // Zuid is hidden with Winkels' own member, so Winkels − Noord − Zuid cannot isolate that one person.
        await using var director = await factory.AsAsync(Director);
        var results = director.Get<EngagementResultsService>();
        var round = (await results.GetRoundsAsync()).First(r => r.State == RoundState.Closed);
        var units = (await results.GetResultsAsync(round.RoundId)).Units.ToDictionary(u => u.Name);

        Assert.NotNull(units["Winkels"].ResponseRate);
        Assert.NotNull(units["Winkels Noord"].ResponseRate);
        Assert.Null(units["Winkels Zuid"].ResponseRate);
        Assert.Null(units["Winkels Zuid"].Invited);
        // Directie (2 invited), Logistiek (4) and IT (3) show none; together (9) they need no larger sibling hidden.
        Assert.Null(units["Directie"].ResponseRate);
        Assert.Null(units["Logistiek"].ResponseRate);
        Assert.Null(units["IT"].ResponseRate);
        Assert.NotNull(units["Marketing"].ResponseRate);
    }

    [Fact]
    public async Task A_unit_is_followed_through_a_rename_and_a_merged_units_line_ends()
    {
        var suffix = Suffix();
        int parent, kept, merged;
        await using (var admin = await factory.AsAsync(Admin))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
            parent = await organisation.CreateUnitAsync(new UnitInput { Name = "Regio " + suffix, ParentId = root.Id });
            kept = await organisation.CreateUnitAsync(new UnitInput { Name = "Team Oud " + suffix, ParentId = parent });
            merged = await organisation.CreateUnitAsync(new UnitInput { Name = "Team Weg " + suffix, ParentId = parent });
        }
        int first, second;
        await using (var db = factory.NewDbContext())
        {
            await TestRounds.StaffAsync(db, kept, 6);
            await TestRounds.StaffAsync(db, merged, 6);
            var engagement = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            var survey = new PulseSurvey("Volgen " + suffix, PulseCadence.Quarterly, new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 17),
                AnonymityThresholds.Default, [engagement], [parent]);
            survey.Stop();
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync();
            var round = new PulseRound(survey.Id, 1, new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 17));
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            await TestRounds.RecordAsync(db, round);
            first = round.Id;
        }
        // Between the rounds: the kept team is renamed, the other's people join it and the other is dissolved.
        await using (var admin = await factory.AsAsync(Admin))
        {
            var organisation = admin.Get<OrganisationService>();
            var unit = (await organisation.GetUnitsAsync()).Single(u => u.Id == kept);
            await organisation.UpdateUnitAsync(new UnitInput { Id = kept, Name = "Team Nieuw " + suffix, Kind = unit.Kind, Version = unit.Version });
            foreach (var person in (await organisation.GetPeopleAsync(new PeopleQuery { UnitId = merged, PageSize = 50 })).Items)
                await organisation.UpdatePersonAsync(new PersonInput { Id = person.Id, Name = person.Name, Email = person.Email, OrgUnitId = kept, Role = person.Role, Version = person.Version });
            var gone = (await organisation.GetUnitsAsync()).Single(u => u.Id == merged);
            await organisation.DeactivateUnitAsync(merged, gone.Version);
        }
        await using (var db = factory.NewDbContext())
        {
            var round = new PulseRound(await db.PulseRounds.Where(r => r.Id == first).Select(r => r.SurveyId).SingleAsync(), 2, new DateOnly(2022, 4, 11), new DateOnly(2022, 4, 18));
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync();
            await TestRounds.RecordAsync(db, round);
            second = round.Id;
        }

        await using var director = await factory.AsAsync(Director);
        var results = director.Get<EngagementResultsService>();
        var renamed = await results.GetResultsAsync(second, kept);
        Assert.Equal("Team Nieuw " + suffix, renamed.Selected.Name);
        Assert.Equal(12, await InvitedAsync(second, kept));
        Assert.Equal(["Team Oud " + suffix, "Team Nieuw " + suffix], renamed.Trend.Select(t => t.UnitName).ToArray());
        // The dissolved team: there in the first round (under its name then), not in the second.
        var old = await results.GetResultsAsync(first, merged);
        Assert.Equal("Team Weg " + suffix, old.Selected.Name);
        Assert.Equal([first], old.Trend.Select(t => t.RoundId).ToArray());
        await Assert.ThrowsAsync<NotFoundException>(() => results.GetResultsAsync(second, merged));
    }

    private async Task<int> InvitedAsync(int roundId, int unitId)
    {
        await using var db = factory.NewDbContext();
        return await db.PulseRoundUnits.Where(u => u.RoundId == roundId && u.UnitId == unitId).Select(u => u.Invited).SingleAsync();
    }
}

public sealed class RoundRecordTests_Sqlite(SqliteDemoPortal factory) : RoundRecordTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class RoundRecordTests_PostgreSql(PostgreSqlDemoPortal factory) : RoundRecordTests(factory), IClassFixture<PostgreSqlDemoPortal>;
