using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>The answering rules through the real services on the demo company (the HTTP form is tested in the integration tests).</summary>
public class PulseAnswerServiceTests
{
    internal static Dictionary<int, string?> ValidAnswers(PortalBunitContext ctx, int roundId, string comment = "")
    {
        using var db = ctx.Db();
        var surveyId = db.PulseRounds.Single(r => r.Id == roundId).SurveyId;
        var items = db.PulseSurveys.Where(s => s.Id == surveyId).SelectMany(s => s.Items).Join(db.PulseQuestions, i => i.QuestionId, q => q.Id, (i, q) => q).ToList();
        return items.ToDictionary(q => q.Id, q => q.Kind switch { QuestionKind.FreeText => comment, QuestionKind.Enps => "8", _ => "4" })!;
    }

    private static async Task<(int Participations, int Responses, int Comments)> CountAsync(PortalBunitContext ctx, int roundId)
    {
        await using var db = ctx.Db();
        return (await db.Participations.CountAsync(p => p.RoundId == roundId), await db.PulseResponses.CountAsync(r => r.RoundId == roundId),
            await db.PulseComments.CountAsync(c => c.RoundId == roundId));
    }

    [Fact]
    public async Task The_demo_employee_has_an_open_pulse_and_answers_it_once()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        var roundId = ctx.OpenRoundId();

        var open = Assert.Single(await service.GetOpenPulsesAsync());
        Assert.Equal(roundId, open.RoundId);
        Assert.False(open.Answered);
        Assert.Equal(PulseFormStatus.Ready, (await service.GetFormAsync(roundId)).Status);
        var before = await CountAsync(ctx, roundId);

        Assert.Equal(SubmitStatus.Stored, (await service.SubmitAsync(roundId, ValidAnswers(ctx, roundId, "<script>alert(1)</script>"))).Status);
        Assert.Equal(SubmitStatus.AlreadyAnswered, (await service.SubmitAsync(roundId, ValidAnswers(ctx, roundId))).Status);

        Assert.Equal((before.Participations + 1, before.Responses + 1, before.Comments + 1), await CountAsync(ctx, roundId));
        Assert.Equal(PulseFormStatus.AlreadyAnswered, (await service.GetFormAsync(roundId)).Status);
        Assert.True(Assert.Single(await service.GetOpenPulsesAsync()).Answered);
        await using var db = ctx.Db();
        Assert.True(await db.PulseComments.AnyAsync(c => c.Text == "<script>alert(1)</script>"));
    }

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("four")]
    public async Task Bad_values_are_refused_and_nothing_is_stored(string badValue)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        var roundId = ctx.OpenRoundId();
        var answers = ValidAnswers(ctx, roundId, "kept");
        var firstEngagementItem = answers.Keys.Min();
        answers[firstEngagementItem] = badValue;
        var before = await CountAsync(ctx, roundId);

        var result = await service.SubmitAsync(roundId, answers);

        Assert.Equal(SubmitStatus.Invalid, result.Status);
        Assert.True(result.Errors.ContainsKey(firstEngagementItem));
        Assert.Equal(before, await CountAsync(ctx, roundId));
    }

    [Fact]
    public async Task Items_the_pulse_did_not_ask_and_too_long_comments_are_refused()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        var roundId = ctx.OpenRoundId();
        var before = await CountAsync(ctx, roundId);

        var forged = ValidAnswers(ctx, roundId);
        forged[9999] = "5";
        Assert.Equal(SubmitStatus.Invalid, (await service.SubmitAsync(roundId, forged)).Status);
        var tooLong = ValidAnswers(ctx, roundId, new string('x', PulseComment.TextMaxLength + 1));
        var result = await service.SubmitAsync(roundId, tooLong);
        Assert.Equal(SubmitStatus.Invalid, result.Status);
        Assert.Contains(result.Errors.Values, m => m.Contains("2000", StringComparison.Ordinal));

        Assert.Equal(before, await CountAsync(ctx, roundId));
    }

    [Fact]
    public async Task A_closed_round_is_refused()
    {
        await using var ctx = new PortalBunitContext();
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        await using var db = ctx.Db();
        // Someone who did not answer the closed round in the demo history, so "closed" is the only reason to refuse.
        var closed = await db.PulseRounds.OrderByDescending(r => r.Number).Skip(1).FirstAsync();
        var answered = await db.Participations.Where(p => p.RoundId == closed.Id).Select(p => p.PersonId).ToListAsync();
        ctx.SignInAs(await db.People.Where(p => p.IsActive && !answered.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Email).FirstAsync());
        var before = await CountAsync(ctx, closed.Id);

        Assert.Equal(PulseFormStatus.Closed, (await service.GetFormAsync(closed.Id)).Status);
        Assert.Equal(SubmitStatus.Closed, (await service.SubmitAsync(closed.Id, ValidAnswers(ctx, closed.Id))).Status);
        Assert.Equal(before, await CountAsync(ctx, closed.Id));
    }

    [Fact]
    public async Task A_round_that_has_not_opened_yet_is_refused()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var bank = await ctx.Services.GetRequiredService<QuestionBankService>().GetQuestionsAsync(false);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var surveyId = await ctx.Services.GetRequiredService<PulseScheduleService>().ScheduleAsync(new PulseInput
        {
            Title = "Tomorrow", Cadence = PulseCadence.Once, OpensOn = tomorrow, ClosesOn = tomorrow.AddDays(7),
            QuestionIds = bank.Where(q => q.Kind == QuestionKind.Engagement).Select(q => q.Id).ToList(),
            AudienceUnitIds = [ctx.UnitId("Klantenservice")], MinGroupSize = 5, CommentThreshold = 10,
        });
        await using var db = ctx.Db();
        var roundId = (await db.PulseRounds.SingleAsync(r => r.SurveyId == surveyId)).Id;

        ctx.SignInAs(DemoAccounts.Employee); // Klantenservice: invited, but not before the first day
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        var form = await service.GetFormAsync(roundId);

        Assert.Equal(PulseFormStatus.NotYetOpen, form.Status);
        Assert.Empty(form.Items);
        Assert.DoesNotContain(await service.GetOpenPulsesAsync(), p => p.RoundId == roundId);
        Assert.Equal(SubmitStatus.NotYetOpen, (await service.SubmitAsync(roundId, ValidAnswers(ctx, roundId, "te vroeg"))).Status);
        Assert.Equal((0, 0, 0), await CountAsync(ctx, roundId));
    }

    [Fact]
    public async Task A_person_outside_the_audience_is_refused()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var schedule = ctx.Services.GetRequiredService<PulseScheduleService>();
        var bank = await ctx.Services.GetRequiredService<QuestionBankService>().GetQuestionsAsync(false);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var surveyId = await schedule.ScheduleAsync(new PulseInput
        {
            Title = "Marketing only", Cadence = PulseCadence.Once, OpensOn = today, ClosesOn = today.AddDays(7),
            QuestionIds = bank.Where(q => q.Kind == QuestionKind.Engagement).Select(q => q.Id).ToList(),
            AudienceUnitIds = [ctx.UnitId("Marketing")], MinGroupSize = 5, CommentThreshold = 10,
        });
        await using var db = ctx.Db();
        var roundId = (await db.PulseRounds.SingleAsync(r => r.SurveyId == surveyId)).Id;

        ctx.SignInAs(DemoAccounts.Employee); // Klantenservice
        var service = ctx.Services.GetRequiredService<PulseAnswerService>();
        Assert.DoesNotContain(await service.GetOpenPulsesAsync(), p => p.RoundId == roundId);
        Assert.Equal(SubmitStatus.NotInAudience, (await service.SubmitAsync(roundId, ValidAnswers(ctx, roundId))).Status);
        Assert.Equal(0, await db.PulseResponses.CountAsync(r => r.RoundId == roundId));
    }

    [Fact]
    public async Task Reminders_count_participation_only_and_show_a_banner_to_those_who_did_not_answer()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var roundId = ctx.OpenRoundId();
        var schedule = ctx.Services.GetRequiredService<PulseScheduleService>();
        await using var db = ctx.Db();
        var round = await db.PulseRounds.SingleAsync(r => r.Id == roundId);
        var invited = await db.People.CountAsync(p => p.IsActive);
        var answered = await db.Participations.CountAsync(p => p.RoundId == roundId);

        var status = await schedule.RemindAsync(roundId, round.Version);

        Assert.Equal(invited, status.Invited);
        Assert.Equal(invited - answered, status.NotAnswered);
        ctx.SignInAs(DemoAccounts.Employee);
        var answers = ctx.Services.GetRequiredService<PulseAnswerService>();
        Assert.True(Assert.Single(await answers.GetOpenPulsesAsync()).Reminded);
        await answers.SubmitAsync(roundId, ValidAnswers(ctx, roundId));
        Assert.False(Assert.Single(await answers.GetOpenPulsesAsync()).Reminded);
    }

    [Fact]
    public async Task An_employee_cannot_schedule_or_remind()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);
        var schedule = ctx.Services.GetRequiredService<PulseScheduleService>();
        await Assert.ThrowsAsync<ForbiddenException>(() => schedule.GetPulsesAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => schedule.RemindAsync(ctx.OpenRoundId(), 1));
    }

    [Fact]
    public async Task The_scheduler_creates_a_due_round_once_even_when_two_run()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        await using (var db = ctx.Db())
        {
            // Pretend the open round closed yesterday: round 9 is due.
            var last = await db.PulseRounds.OrderByDescending(r => r.Number).FirstAsync();
            await db.PulseRounds.Where(r => r.Id == last.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.OpensOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30))
                .SetProperty(r => r.ClosesOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)));
        }
        var first = ctx.Services.GetRequiredService<PulseScheduleService>();
        var second = ctx.Services.GetRequiredService<PulseScheduleService>();

        var created = await Task.WhenAll(first.CreateDueRoundsAsync(), second.CreateDueRoundsAsync());

        await using var check = ctx.Db();
        Assert.Equal(9, await check.PulseRounds.CountAsync());
        Assert.Equal(1, created.Sum());
        Assert.Equal(0, await first.CreateDueRoundsAsync());
    }
}
