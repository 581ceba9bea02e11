using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>
/// Scores and comments have their own thresholds (5 and 10 by default): a group of 5 to 9 answers shows its scores but
/// not its comments. One unit of its own under the company, in a closed round of its own (2021).
/// </summary>
public class CommentThresholdTests
{
    /// <summary>
    /// <paramref name="answers"/> people answer: the first two with engagement 2 (actively disengaged) and eNPS 3 (detractors),
    /// the rest with engagement 5 (engaged) and eNPS 9 (promoters); everyone leaves a comment.
    /// </summary>
    private static async Task<(int RoundId, int UnitId)> RoundAsync(PortalBunitContext ctx, int answers)
    {
        await using var db = ctx.Db();
        var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null);
        var unit = new OrgUnit("Proefteam", OrgUnitKind.Other, root.Id);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        var engagement = await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement && q.IsActive);
        var enps = await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Enps && q.IsActive);
        var comment = await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.FreeText && q.IsActive);
        var survey = new PulseSurvey("Drempelproef", PulseCadence.Once, new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 8),
            AnonymityThresholds.Default, [engagement.Id, enps.Id, comment.Id], [unit.Id]);
        db.PulseSurveys.Add(survey);
        await db.SaveChangesAsync();
        for (var i = 0; i < 12; i++) db.People.Add(new Person($"Proef {i}", $"proef{i}.{Guid.NewGuid():N}@drempel.example", unit.Id, PortalRole.Employee));
        var round = new PulseRound(survey.Id, 1, new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 8));
        db.PulseRounds.Add(round);
        await db.SaveChangesAsync();
        await RoundAudienceRecorder.RecordAsync(db, round, round.OpensOn);
        for (var i = 0; i < answers; i++)
        {
            var low = i < 2;
            db.PulseResponses.Add(PulseResponse.Create(round.Id, unit.Id, new DateOnly(2021, 3, 2),
                [new ScaledAnswer(engagement.Id, QuestionKind.Engagement, low ? 2 : 5), new ScaledAnswer(enps.Id, QuestionKind.Enps, low ? 3 : 9)]));
            db.PulseComments.Add(new PulseComment(round.Id, unit.Id, comment.Id, $"Opmerking {i:00}"));
        }
        await db.SaveChangesAsync();
        return (round.Id, unit.Id);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public async Task A_group_of_5_to_9_answers_shows_its_scores_but_not_its_comments(int answers)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var (roundId, unitId) = await RoundAsync(ctx, answers);

        var results = await ctx.Services.GetRequiredService<EngagementResultsService>().GetResultsAsync(roundId, unitId);

        var team = results.Selected;
        Assert.Equal(GroupVisibility.Shown, team.Visibility);
        // Engaged (n − 2)/n, actively disengaged 2/n; eNPS ((n − 2) − 2)/n × 100. 5: 60 %, 40 %, +20. 9: 77.8 %, 22.2 %, +55.6.
        Assert.Equal(100.0 * (answers - 2) / answers, team.Shares!.Engaged, 9);
        Assert.Equal(100.0 * 2 / answers, team.Shares.ActivelyDisengaged, 9);
        Assert.Equal(100.0 * (answers - 4) / answers, team.Enps!.Score!.Value, 9);
        Assert.Equal(100.0 * answers / 12, team.ResponseRate!.Value, 9);
        // Below the comment threshold of 10: none of the comments, not even how many there are.
        Assert.Equal(CommentAvailability.BelowThreshold, results.CommentState);
        Assert.Null(results.Comments);
    }

    [Fact]
    public async Task From_10_answers_the_comments_are_shown_in_alphabetical_order()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var (roundId, unitId) = await RoundAsync(ctx, 10);

        var results = await ctx.Services.GetRequiredService<EngagementResultsService>().GetResultsAsync(roundId, unitId);

        Assert.Equal(CommentAvailability.Shown, results.CommentState);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Opmerking {i:00}"), results.Comments!.Select(c => c.Text));
        Assert.Equal(80.0, results.Selected.Shares!.Engaged, 9);
        Assert.Equal(60.0, results.Selected.Enps!.Score!.Value, 9);
    }
}
