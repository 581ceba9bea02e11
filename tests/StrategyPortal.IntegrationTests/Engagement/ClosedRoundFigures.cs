using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>What a director can see of closed rounds, for tests that change the organisation and check that no figure moved.</summary>
public static class ClosedRoundFigures
{
    private const string Director = "directeur@noordlicht.example";

    /// <summary>Everything a director can see of the demo company's closed rounds, as text, computed afresh (no cache).</summary>
    public static async Task<Dictionary<string, string>> EveryFigureAsync(PortalFactory factory)
    {
        ((MemoryCache)factory.Services.GetRequiredService<IMemoryCache>()).Clear();
        var figures = new Dictionary<string, string>();
        var json = ScorecardJson.Options;
        await using var director = await factory.AsAsync(Director);
        var results = director.Get<EngagementResultsService>();
        var rounds = (await results.GetRoundsAsync()).Where(r => r.State == RoundState.Closed).ToList();
        Assert.NotEmpty(rounds);
        foreach (var round in rounds)
        {
            var first = await results.GetResultsAsync(round.RoundId);
            foreach (var unit in first.Units)
                figures[$"results {round.RoundId} {unit.UnitId}"] = JsonSerializer.Serialize(await results.GetResultsAsync(round.RoundId, unit.UnitId), json);
        }

        var csv = await factory.SharedClientAsync(PortalRole.Director);
        foreach (var round in rounds)
            figures[$"csv {round.RoundId}"] = Encoding.UTF8.GetString(await (await csv.GetAsync($"/engagement/results/{round.RoundId}/export")).Content.ReadAsByteArrayAsync());

        await using var anonymous = factory.AsAnonymous();
        await using (var db = factory.NewDbContext())
        {
            var unitIds = await db.OrgUnits.Select(u => u.Id).ToListAsync();
            var quarters = rounds.Select(r => Quarter.Of(r.OpensOn)).ToList();
            figures["engagement source"] = JsonSerializer.Serialize(await anonymous.Get<IUnitEngagementSource>().GetAsync(unitIds, quarters.Min(), quarters.Max()), json);
            var lastClosed = quarters.Max();
            // The company's scorecard and every unit's that the rounds recorded: their engagement part.
            var recordedUnits = await db.PulseRoundUnits.Select(u => u.UnitId).Distinct().ToListAsync();
            foreach (var unitId in recordedUnits.Select(u => (int?)u).Prepend(null))
            {
                var data = await anonymous.Get<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(lastClosed, unitId));
                figures[$"scorecard {unitId}"] = JsonSerializer.Serialize(data.Engagement, json);
            }
        }
        return figures;
    }

    /// <summary>Fails naming every figure that moved, and where the first one's text starts to differ.</summary>
    public static void AssertUnchanged(Dictionary<string, string> before, Dictionary<string, string> after, string cause)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var changed = before.Keys.Where(k => before[k] != after[k]).Order().ToList();
        if (changed.Count == 0) return;
        var (was, now) = (before[changed[0]], after[changed[0]]);
        var at = Enumerable.Range(0, Math.Min(was.Length, now.Length)).FirstOrDefault(i => was[i] != now[i]);
        string Around(string text) => text.Substring(Math.Max(0, at - 80), Math.Min(text.Length - Math.Max(0, at - 80), 200));
        Assert.Fail($"changed by {cause}: {string.Join(", ", changed)}\nfirst, before: …{Around(was)}…\nfirst, after:  …{Around(now)}…");
    }
}
