using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Tests.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// The anonymity test of the issue, through the portal itself: random organisations, audiences, thresholds and answers;
/// every figure a director can see of a round in every view — the results page for every unit (heat map, selected unit,
/// trend, drivers, comments), the CSV export, every unit's scorecard, the engagement × customer source, and the actions ('Take
/// action' on every cell: its baseline; the 'nothing red goes unowned' list) — is collected
/// as (kind of figure, group), and the linear algebra of <see cref="AnonymityAudit"/> checks that no combination of them
/// singles out a group below its threshold or one person.
/// </summary>
public abstract class AnonymityAcrossViewsTests(PortalFactory factory)
{
    private int _actionable;

    private sealed record Case(int RoundId, Quarter Quarter, Dictionary<int, string> Names, AnonymityThresholds Thresholds);

    /// <summary>A random organisation under the company, a pulse for it with one closed round in <paramref name="quarter"/>, answered at random.</summary>
    private async Task<Case> RandomCaseAsync(Random random, Quarter quarter)
    {
        await using var db = factory.NewDbContext();
        var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var units = new List<OrgUnit> { new("Groep " + suffix, OrgUnitKind.Other, root.Id) };
        db.OrgUnits.Add(units[0]);
        await db.SaveChangesAsync();
        for (var i = 1; i < random.Next(3, 9); i++)
        {
            var unit = new OrgUnit($"Team {i} {suffix}", OrgUnitKind.Other, units[random.Next(units.Count)].Id);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            units.Add(unit);
        }
        foreach (var unit in units)
            await TestRounds.StaffAsync(db, unit.Id, random.NextDouble() < 0.5 ? random.Next(0, 5) : random.Next(5, 13));

        var questions = await db.PulseQuestions.Where(q => q.IsActive).ToListAsync();
        var items = questions.Where(q => q.Kind == QuestionKind.Engagement).Take(2)
            .Concat(questions.Where(q => q.Kind is QuestionKind.Enps or QuestionKind.FreeText).GroupBy(q => q.Kind).Select(g => g.First())).ToList();
        var min = random.Next(3, 6);
        var thresholds = new AnonymityThresholds(min, random.Next(min, 11), random.Next(min, 9));
        var opens = quarter.Start.AddDays(10);
        var survey = new PulseSurvey("Toets " + suffix, PulseCadence.Once, opens, opens.AddDays(7), thresholds, items.Select(q => q.Id).ToList(), [units[0].Id]);
        db.PulseSurveys.Add(survey);
        await db.SaveChangesAsync();
        var round = new PulseRound(survey.Id, 1, opens, opens.AddDays(7));
        db.PulseRounds.Add(round);
        await db.SaveChangesAsync();
        await TestRounds.RecordAsync(db, round);

        foreach (var invitation in await db.PulseInvitations.Where(i => i.RoundId == round.Id).ToListAsync())
        {
            if (random.NextDouble() < 0.3) continue;
            var answers = items.Where(q => q.Kind != QuestionKind.FreeText)
                .Select(q => new ScaledAnswer(q.Id, q.Kind, q.Kind == QuestionKind.Enps ? random.Next(0, 11) : random.Next(1, 6))).ToList();
            db.Participations.Add(new Participation(round.Id, invitation.PersonId));
            db.PulseResponses.Add(PulseResponse.Create(round.Id, invitation.UnitId, opens.AddDays(1), answers));
            if (random.NextDouble() < 0.5)
                db.PulseComments.Add(new PulseComment(round.Id, invitation.UnitId, items.Single(q => q.Kind == QuestionKind.FreeText).Id, "Opmerking " + random.Next()));
        }
        await db.SaveChangesAsync();
        return new Case(round.Id, quarter, units.ToDictionary(u => u.Id, u => u.Name), thresholds);
    }

    /// <summary>Every figure a director sees of the round, in every view, as (kind, group).</summary>
    private async Task<List<(FigureKind Kind, int UnitId)>> EverythingShownAsync(Case c)
    {
        var shown = new List<(FigureKind, int)>();
        void FromUnit(UnitResult u)
        {
            if (u.ResponseRate is not null || u.Invited is not null) shown.Add((FigureKind.Rate, u.UnitId));
            if (u.Shares is not null || u.EnpsScore is not null) shown.Add((FigureKind.Score, u.UnitId));
            if (u.Enps is not null || u.ItemScores.Values.Any(v => v is not null)) shown.Add((FigureKind.Detail, u.UnitId));
        }

        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var service = director.Get<EngagementResultsService>();
        var actions = director.Get<ActionService>();
        var first = await service.GetResultsAsync(c.RoundId);
        foreach (var unit in first.Units)
        {
            var results = await service.GetResultsAsync(c.RoundId, unit.UnitId);
            foreach (var u in results.Units) FromUnit(u);
            FromUnit(results.Selected);
            if (results.Comments is not null) shown.Add((FigureKind.Comment, unit.UnitId));
            if (results.Drivers is not null) shown.Add((FigureKind.Detail, unit.UnitId));
            foreach (var point in results.Trend)
            {
                if (point.ResponseRate is not null) shown.Add((FigureKind.Rate, unit.UnitId));
                if (point.Shares is not null || point.Enps is not null) shown.Add((FigureKind.Score, unit.UnitId));
            }
            await TakeActionOnEveryCellAsync(results);
        }

        // Actions: 'Take action' on a cell shows its value as the baseline; it must be the figure the results page shows that
        // reader, and a cell the page hides is no cause. The unowned list names weak items with their value.
        async Task TakeActionOnEveryCellAsync(RoundResults results)
        {
            var unitId = results.Selected.UnitId;
            foreach (var item in results.Items)
            {
                var onPage = results.Selected.ItemScores.GetValueOrDefault(item.QuestionId);
                var cause = ActionCauseRef.OfEngagement(c.RoundId, unitId, item.QuestionId);
                try
                {
                    var form = await actions.NewAsync(cause);
                    Assert.NotNull(onPage);
                    Assert.Equal(onPage, form.Baseline.Impact!.Baseline.Value);
                    shown.Add((FigureKind.Detail, unitId));
                    _actionable++;
                }
                catch (ValidationFailedException e)
                {
                    Assert.True(onPage is null || !(item.Kind.HasFavourable() || item.Kind == QuestionKind.Enps), $"{c.Names[unitId]}, {item.Code}: {e.Message}");
                }
            }
        }
        foreach (var item in (await actions.GetUnownedAsync()).Items.Where(i => i.TakeAction.RoundId == c.RoundId))
        {
            Assert.NotNull(item.Value);
            shown.Add((FigureKind.Detail, item.TakeAction.UnitId!.Value));
        }
        // A unit the round did not record (the company above the audience) is no cause either.
        await using (var db = factory.NewDbContext())
        {
            var company = await db.OrgUnits.SingleAsync(u => u.ParentId == null);
            await Assert.ThrowsAsync<ValidationFailedException>(() => actions.NewAsync(ActionCauseRef.OfEngagement(c.RoundId, company.Id, first.Items[0].QuestionId)));
        }

        // The CSV: rate, then the headline (shares, eNPS), then the detail (eNPS split, items).
        var client = await factory.SharedClientAsync(PortalRole.Director);
        var csv = Encoding.UTF8.GetString(await (await client.GetAsync($"/engagement/results/{c.RoundId}/export")).Content.ReadAsByteArrayAsync());
        var byName = c.Names.ToDictionary(n => n.Value, n => n.Key);
        foreach (var row in csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')))
        {
            var unit = byName[row[0]];
            bool Any(int from, int to) => row[from..to].Any(cell => cell.Length > 0 && cell != "suppressed");
            if (Any(3, 4)) shown.Add((FigureKind.Rate, unit));
            if (Any(4, 8)) shown.Add((FigureKind.Score, unit));
            if (Any(8, row.Length)) shown.Add((FigureKind.Detail, unit));
        }

        // Every unit's scorecard of the quarter, and the engagement × customer source.
        await using var system = factory.AsAnonymous();
        foreach (var unit in c.Names.Keys)
        {
            var engagement = (await system.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(c.Quarter, unit))).Engagement;
            if (!engagement.HasPulse) continue;
            if (engagement.ResponseRate is not null) shown.Add((FigureKind.Rate, unit));
            if (engagement.Shares is not null || engagement.Enps is not null) shown.Add((FigureKind.Score, unit));
            foreach (var row in engagement.HeatMap)
            {
                if (row.EngagedShare is not null) shown.Add((FigureKind.Score, row.UnitId));
                if (row.Scores.Any(s => s is not null)) shown.Add((FigureKind.Detail, row.UnitId));
            }
        }
        foreach (var e in await system.Get<IUnitEngagementSource>().GetAsync(c.Names.Keys.ToList(), c.Quarter, c.Quarter))
            if (!e.Suppressed && (e.EngagedShare is not null || e.Enps is not null)) shown.Add((FigureKind.Score, e.UnitId));
        return shown;
    }

    [Fact]
    public async Task No_combination_of_what_a_director_sees_in_any_view_singles_out_a_hidden_group_or_a_person()
    {
        var random = new Random(factory.Provider == StrategyPortal.Infrastructure.Persistence.DatabaseProvider.Sqlite ? 14 : 41);
        for (var i = 0; i < 8; i++)
        {
            var c = await RandomCaseAsync(random, new Quarter(2018 + i / 4, 1 + i % 4));
            var shown = await EverythingShownAsync(c);

            await using var db = factory.NewDbContext();
            var recorded = await db.PulseRoundUnits.Where(u => u.RoundId == c.RoundId).ToListAsync();
            var structure = new RoundStructure(recorded);
            var respondents = await db.PulseResponses.Where(r => r.RoundId == c.RoundId).GroupBy(r => r.UnitId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count);
            var audit = new AnonymityAudit(structure, recorded.ToDictionary(u => u.UnitId, u => u.Invited),
                recorded.ToDictionary(u => u.UnitId, u => respondents.GetValueOrDefault(u.UnitId)), c.Thresholds);

            var leaks = audit.Leaks(shown);
            Assert.True(leaks.Count == 0, $"case {i} ({c.Thresholds}): {string.Join("; ", leaks)}");
            // The views do show something: the test looks at real figures, not at an empty page.
            if (recorded.Sum(u => u.Invited) >= AnonymityThresholds.ResponseRateMinimumInvited) Assert.Contains(shown, f => f.Kind == FigureKind.Rate);
        }
        Assert.True(_actionable > 0, "no cell of any case could start an action");
    }
}

public sealed class AnonymityAcrossViewsTests_Sqlite(SqliteDemoPortal factory) : AnonymityAcrossViewsTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class AnonymityAcrossViewsTests_PostgreSql(PostgreSqlDemoPortal factory) : AnonymityAcrossViewsTests(factory), IClassFixture<PostgreSqlDemoPortal>;
