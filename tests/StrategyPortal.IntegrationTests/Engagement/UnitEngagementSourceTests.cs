using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// The engagement the engagement × customer view and the scorecards read (<see cref="IUnitEngagementSource"/>): per unit
/// with sub-units and quarter, hidden by the same rules as the results pages, and without anyone signed in.
/// The data lives in 2020-Q1, before the demo history, under units of its own.
/// </summary>
public abstract class UnitEngagementSourceTests(PortalFactory factory)
{
    private static readonly Quarter Q = new(2020, 1);

    /// <summary>One response: the engagement item (5 engaged, 3 not engaged, 1 actively disengaged) and the eNPS answer.</summary>
    private static PulseResponse Response(int roundId, int unitId, int engagement, int enps, int engagementQuestion, int enpsQuestion) =>
        PulseResponse.Create(roundId, unitId, new DateOnly(2020, 2, 4),
            [new ScaledAnswer(engagementQuestion, QuestionKind.Engagement, engagement), new ScaledAnswer(enpsQuestion, QuestionKind.Enps, enps)]);

    [Fact]
    public async Task Engagement_per_unit_and_quarter_is_rolled_up_pooled_over_the_quarters_rounds_and_suppressed_like_the_results()
    {
        // A parent with three teams. Round 1 (threshold 5): A 6 answers, B 2, C 5. B is too small; C, the next-smallest
        // sibling, is hidden with it (2 + 5 ≥ 5), so B cannot be worked out as parent − A − C. Round 2 in the same
        // quarter: only A answers (5), so A and the parent are shown, B and C too few.
        int parent, a, b, c;
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var organisation = admin.Get<OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).First(u => u.ParentId is null);
            var suffix = Guid.NewGuid().ToString("N")[..6];
            parent = await organisation.CreateUnitAsync(new UnitInput { Name = "Winkels " + suffix, ParentId = root.Id });
            a = await organisation.CreateUnitAsync(new UnitInput { Name = "Team A " + suffix, ParentId = parent });
            b = await organisation.CreateUnitAsync(new UnitInput { Name = "Team B " + suffix, ParentId = parent });
            c = await organisation.CreateUnitAsync(new UnitInput { Name = "Team C " + suffix, ParentId = parent });
        }

        await using (var db = factory.NewDbContext())
        {
            var engagementQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Engagement)).Id;
            var enpsQuestion = (await db.PulseQuestions.FirstAsync(q => q.Kind == QuestionKind.Enps)).Id;
            var survey = new PulseSurvey("Bronproef " + parent, PulseCadence.Monthly, new DateOnly(2020, 2, 3), new DateOnly(2020, 2, 10),
                AnonymityThresholds.Default, [engagementQuestion, enpsQuestion], [parent]);
            survey.Stop(); // no scheduler adds rounds to it
            db.PulseSurveys.Add(survey);
            await db.SaveChangesAsync();
            var first = new PulseRound(survey.Id, 1, new DateOnly(2020, 2, 3), new DateOnly(2020, 2, 10));
            var second = new PulseRound(survey.Id, 2, new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 9));
            db.PulseRounds.AddRange(first, second);
            await db.SaveChangesAsync();
            // Everyone who answers was invited: A 6, B 2, C 5 people.
            await TestRounds.StaffAsync(db, a, 6);
            await TestRounds.StaffAsync(db, b, 2);
            await TestRounds.StaffAsync(db, c, 5);
            await TestRounds.RecordAsync(db, first);
            await TestRounds.RecordAsync(db, second);

            PulseResponse R(PulseRound round, int unit, int engagement, int enps) => Response(round.Id, unit, engagement, enps, engagementQuestion, enpsQuestion);
            db.PulseResponses.AddRange(
                // A, round 1: engaged 3, not engaged 2, actively disengaged 1; eNPS 10, 9 | 8, 7 | 3, 2.
                R(first, a, 5, 10), R(first, a, 5, 9), R(first, a, 5, 8), R(first, a, 3, 7), R(first, a, 3, 3), R(first, a, 1, 2),
                // B, round 1: two engaged promoters (hidden).
                R(first, b, 5, 10), R(first, b, 5, 10),
                // C, round 1: one engaged, four not engaged; all promoters (hidden to protect B).
                R(first, c, 5, 9), R(first, c, 3, 9), R(first, c, 3, 9), R(first, c, 3, 9), R(first, c, 3, 9),
                // A, round 2: five engaged promoters.
                R(second, a, 5, 10), R(second, a, 5, 10), R(second, a, 5, 10), R(second, a, 5, 10), R(second, a, 5, 10));
            await db.SaveChangesAsync();
        }

        // Nobody signed in: the scorecard job calls it from the background.
        await using var anonymous = factory.AsAnonymous();
        var source = anonymous.Get<IUnitEngagementSource>();
        var result = (await source.GetAsync([parent, a, b, c], Q, Q)).ToDictionary(e => e.UnitId);

        Assert.Equal(4, result.Count);
        Assert.All(result.Values, e => Assert.Equal(Q, e.Quarter));
        // Parent: round 1 all 13 (engaged 3+2+1 = 6, promoters 2+2+5 = 9, passives 2, detractors 2) + round 2 A's 5
        // (5 engaged, 5 promoters): engaged 11/18 = 61.11 %, eNPS (14 − 2)/18 = 66.67.
        Assert.False(result[parent].Suppressed);
        Assert.Equal(100.0 * 11 / 18, result[parent].EngagedShare!.Value, 6);
        Assert.Equal(100.0 * 12 / 18, result[parent].Enps!.Value, 6);
        // A: round 1 (3 engaged of 6; 2 promoters, 2 passives, 2 detractors) + round 2 (5 engaged promoters):
        // engaged 8/11 = 72.73 %, eNPS (7 − 2)/11 = 45.45.
        Assert.False(result[a].Suppressed);
        Assert.Equal(100.0 * 8 / 11, result[a].EngagedShare!.Value, 6);
        Assert.Equal(100.0 * 5 / 11, result[a].Enps!.Value, 6);
        // B (too few) and C (protects B): suppressed in both rounds, so no numbers at all.
        Assert.Equal(UnitEngagement.Hidden(b, Q), result[b]);
        Assert.Equal(UnitEngagement.Hidden(c, Q), result[c]);

        // Nothing for a quarter no round of theirs opened in.
        Assert.Empty(await source.GetAsync([parent, a, b, c], Q.Next, Q.Next));
    }

    [Fact]
    public async Task The_demo_company_has_engagement_for_each_quarter_of_its_pulse_history()
    {
        await using var db = factory.NewDbContext();
        var units = await db.OrgUnits.Where(u => u.IsActive).Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync();
        var company = units.Single(u => u.ParentId is null);
        var today = DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var rounds = await db.PulseRounds.Select(r => new { r.OpensOn, r.ClosesOn }).ToListAsync();
        var quarters = rounds.Where(r => r.ClosesOn < today).Select(r => Quarter.Of(r.OpensOn)).Distinct().Where(q => q.Key >= 20211).ToList();
        // The demo's current round is still open: its quarter has no engagement anywhere until it closes.
        var openQuarter = Quarter.Of(rounds.Single(r => r.ClosesOn >= today).OpensOn);

        await using var anonymous = factory.AsAnonymous();
        var source = anonymous.Get<IUnitEngagementSource>();
        var result = await source.GetAsync(units.Select(u => u.Id).ToList(), quarters.Min(), openQuarter);
        Assert.DoesNotContain(result, e => e.Quarter == openQuarter);

        foreach (var quarter in quarters)
        {
            var companyEntry = Assert.Single(result, e => e.UnitId == company.Id && e.Quarter == quarter);
            Assert.False(companyEntry.Suppressed);
            Assert.InRange(companyEntry.EngagedShare!.Value, 0, 100);
            Assert.InRange(companyEntry.Enps!.Value, -100, 100);
        }
        Assert.All(result.Where(e => e.Suppressed), e => Assert.Null(e.EngagedShare ?? e.Enps));
    }
}

public sealed class UnitEngagementSourceTests_Sqlite(SqliteDemoPortal factory) : UnitEngagementSourceTests(factory), IClassFixture<SqliteDemoPortal>;

public sealed class UnitEngagementSourceTests_PostgreSql(PostgreSqlDemoPortal factory) : UnitEngagementSourceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
