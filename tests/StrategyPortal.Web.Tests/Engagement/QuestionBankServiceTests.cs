using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>
/// The question bank's rule: an item's wording is fixed once a round that asks it has opened (answered or not yet);
/// saving new wording then retires it and adds the next version, so everyone in a round answers the same words.
/// </summary>
public class QuestionBankServiceTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<QuestionRow> RowAsync(QuestionBankService bank, int id) =>
        (await bank.GetQuestionsAsync(includeRetired: true)).Single(q => q.Id == id);

    private static QuestionInput Edit(QuestionRow row, string en) =>
        new() { Id = row.Id, Code = row.Code, Kind = row.Kind, TextNl = row.TextNl, TextEn = en, Version = row.Version };

    [Fact]
    public async Task Rewording_an_answered_item_saves_a_new_version_and_keeps_the_old_wording()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var bank = ctx.Services.GetRequiredService<QuestionBankService>();
        var team = (await bank.GetQuestionsAsync(false)).Single(q => q.Code == "ENG-TEAM");
        Assert.True(team.InUse);

        var (outcome, id) = await bank.UpdateAsync(Edit(team, "My team works well together."));

        Assert.Equal(QuestionSaveOutcome.NewVersion, outcome);
        Assert.NotEqual(team.Id, id);
        var old = await RowAsync(bank, team.Id);
        var next = await RowAsync(bank, id);
        Assert.Equal(team.TextEn, old.TextEn);
        Assert.False(old.IsActive);
        Assert.Equal(("ENG-TEAM", 2, true, "My team works well together."), (next.Code, next.Revision, next.IsActive, next.TextEn));
    }

    [Fact]
    public async Task An_item_is_fixed_from_the_day_a_round_that_asks_it_opens_even_before_anyone_answers()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var bank = ctx.Services.GetRequiredService<QuestionBankService>();
        var itemId = await bank.CreateAsync(new QuestionInput { Code = "ENG-FOCUS", Kind = QuestionKind.Engagement, TextNl = "Ik kan me concentreren.", TextEn = "I can focus." });
        var surveyId = await ctx.Services.GetRequiredService<PulseScheduleService>().ScheduleAsync(new PulseInput
        {
            Title = "Focus", Cadence = PulseCadence.Once, OpensOn = Today.AddDays(1), ClosesOn = Today.AddDays(8),
            QuestionIds = [itemId], AudienceUnitIds = [ctx.UnitId("Marketing")], MinGroupSize = 5, CommentThreshold = 10,
        });

        // The round opens tomorrow: nobody has seen the wording yet, so it is edited in place.
        var notYet = await RowAsync(bank, itemId);
        Assert.False(notYet.InUse);
        Assert.Equal((QuestionSaveOutcome.EditedInPlace, itemId), await bank.UpdateAsync(Edit(notYet, "I can focus on my work.")));

        // The round opens today, with no answer yet: the wording is fixed.
        await using (var db = ctx.Db())
        {
            await db.PulseRounds.Where(r => r.SurveyId == surveyId).ExecuteUpdateAsync(s => s.SetProperty(r => r.OpensOn, Today));
            Assert.False(await db.PulseResponses.AnyAsync(r => db.PulseRounds.Any(x => x.SurveyId == surveyId && x.Id == r.RoundId)));
        }
        var opened = await RowAsync(bank, itemId);
        Assert.True(opened.InUse);
        var (outcome, nextId) = await bank.UpdateAsync(Edit(opened, "I can focus on what matters."));

        Assert.Equal(QuestionSaveOutcome.NewVersion, outcome);
        Assert.Equal("I can focus on my work.", (await RowAsync(bank, itemId)).TextEn);
        Assert.Equal("I can focus on what matters.", (await RowAsync(bank, nextId)).TextEn);
    }

    [Fact]
    public async Task A_superseded_version_cannot_be_reactivated()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var bank = ctx.Services.GetRequiredService<QuestionBankService>();
        var purpose = (await bank.GetQuestionsAsync(false)).Single(q => q.Code == "ENG-PURPOSE");
        await bank.UpdateAsync(Edit(purpose, "I know why my work matters to our customers."));
        var retired = await RowAsync(bank, purpose.Id);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => bank.SetActiveAsync(purpose.Id, true, retired.Version));

        Assert.Contains("newer version", error.Message);
        Assert.False((await RowAsync(bank, purpose.Id)).IsActive);
    }

    [Fact]
    public async Task A_manager_can_neither_read_nor_change_the_bank()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var bank = ctx.Services.GetRequiredService<QuestionBankService>();
        var team = (await bank.GetQuestionsAsync(false)).Single(q => q.Code == "ENG-TEAM");
        int count;
        await using (var db = ctx.Db()) count = await db.PulseQuestions.CountAsync();

        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        await Assert.ThrowsAsync<ForbiddenException>(() => bank.GetQuestionsAsync(false));
        await Assert.ThrowsAsync<ForbiddenException>(() => bank.CreateAsync(new QuestionInput { Code = "ENG-X", Kind = QuestionKind.Engagement, TextNl = "x", TextEn = "x" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => bank.UpdateAsync(Edit(team, "Changed by a manager")));
        await Assert.ThrowsAsync<ForbiddenException>(() => bank.SetActiveAsync(team.Id, false, team.Version));
        await using var check = ctx.Db();
        Assert.Equal(count, await check.PulseQuestions.CountAsync());
        Assert.True((await check.PulseQuestions.SingleAsync(q => q.Id == team.Id)).IsActive);
    }
}
