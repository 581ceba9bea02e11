using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

/// <summary>
/// A round that has not closed shows no result anywhere — results page, scorecards, engagement × customers — only its
/// response rate: figures that change with each answer would let a reader compare them before and after a known
/// colleague answers. The demo's last round is open today; closing it (moving its last day to yesterday) reveals it.
/// </summary>
public class OpenRoundTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task CloseAsync(PortalBunitContext ctx, int roundId)
    {
        await using var db = ctx.Db();
        var round = await db.PulseRounds.SingleAsync(r => r.Id == roundId);
        await db.PulseRounds.Where(r => r.Id == roundId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.OpensOn, Today.AddDays(-10) < round.OpensOn ? Today.AddDays(-10) : round.OpensOn)
            .SetProperty(r => r.ClosesOn, Today.AddDays(-1)));
    }

    [Fact]
    public async Task An_open_round_yields_only_its_response_rate_and_closing_it_reveals_the_scores()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();
        var roundId = ctx.OpenRoundId();
        int invited, tookPart;
        await using (var db = ctx.Db())
        {
            invited = await db.PulseRoundUnits.Where(u => u.RoundId == roundId).SumAsync(u => u.Invited);
            tookPart = await db.Participations.CountAsync(p => p.RoundId == roundId);
            Assert.True(await db.PulseResponses.CountAsync(r => r.RoundId == roundId) >= 5, "the demo's open round has answers");
        }

        var open = await service.GetResultsAsync(roundId);

        Assert.True(open.ResultsPending);
        Assert.Equal(RoundState.Open, open.Round.State);
        Assert.Equal(10, open.Units.Count);
        Assert.All(open.Units, u =>
        {
            Assert.Equal(GroupVisibility.RoundOpen, u.Visibility);
            Assert.False(u.IsShown);
            Assert.Null(u.Shares);
            Assert.Null(u.Enps);
            Assert.Empty(u.ItemScores);
        });
        Assert.Empty(open.Trend);
        Assert.Null(open.Drivers);
        Assert.Equal(DriverAvailability.RoundOpen, open.DriverState);
        Assert.Null(open.Comments);
        Assert.Equal(CommentAvailability.RoundOpen, open.CommentState);
        // The company's response rate: everyone who took part (participation) over everyone invited.
        Assert.Equal(invited, open.Selected.Invited);
        Assert.Equal(100.0 * tookPart / invited, open.Selected.ResponseRate!.Value, 9);
        // Directie gets no response rate: fewer than 5 invited.
        Assert.Null(open.Units.Single(u => u.Name == "Directie").ResponseRate);

        await CloseAsync(ctx, roundId);
        var closed = await service.GetResultsAsync(roundId);

        Assert.False(closed.ResultsPending);
        Assert.True(closed.Selected.IsShown);
        Assert.NotNull(closed.Selected.Shares);
        Assert.NotNull(closed.Selected.Enps);
        Assert.NotEmpty(closed.Selected.ItemScores);
        Assert.Equal(roundId, closed.Trend[^1].RoundId);
    }

    [Fact]
    public async Task The_trend_of_a_closed_round_has_no_point_for_the_open_round()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var service = ctx.Services.GetRequiredService<EngagementResultsService>();
        var rounds = await service.GetRoundsAsync();
        var closedRounds = rounds.Where(r => r.State == RoundState.Closed).ToList();

        var results = await service.GetResultsAsync(closedRounds[0].RoundId);

        Assert.DoesNotContain(results.Trend, p => p.RoundId == ctx.OpenRoundId());
        Assert.Equal(closedRounds.Select(r => r.RoundId).Order(), results.Trend.Select(p => p.RoundId).Order());
    }

    [Fact]
    public async Task Engagement_beside_customers_skips_the_open_round_until_it_closes()
    {
        await using var ctx = new PortalBunitContext();
        var source = ctx.Services.GetRequiredService<IUnitEngagementSource>();
        var roundId = ctx.OpenRoundId();
        Quarter quarter;
        await using (var db = ctx.Db())
            quarter = Quarter.Of((await db.PulseRounds.SingleAsync(r => r.Id == roundId)).OpensOn);
        var units = await UnitIdsAsync(ctx);

        Assert.Empty(await source.GetAsync(units, quarter, quarter));
        Assert.NotEmpty(await source.GetAsync(units, quarter.Previous, quarter.Previous));

        await CloseAsync(ctx, roundId);
        var company = ctx.UnitId("Noordlicht Retail B.V.");
        var entry = Assert.Single(await source.GetAsync(units, quarter, quarter), e => e.UnitId == company);
        Assert.False(entry.Suppressed);
        Assert.NotNull(entry.EngagedShare);
    }

    [Fact]
    public async Task A_scorecard_of_a_quarter_whose_round_is_open_has_no_engagement_until_it_closes()
    {
        await using var ctx = new PortalBunitContext();
        var builder = ctx.Services.GetRequiredService<IScorecardDataBuilder>();
        var roundId = ctx.OpenRoundId();
        Quarter quarter;
        await using (var db = ctx.Db())
            quarter = Quarter.Of((await db.PulseRounds.SingleAsync(r => r.Id == roundId)).OpensOn);

        var open = await builder.BuildAsync(new ScorecardRequest(quarter, null));

        Assert.False(open.Engagement.HasPulse);
        Assert.Null(open.Engagement.Shares);
        Assert.Empty(open.Engagement.HeatMap);
        Assert.DoesNotContain(open.Comparison.Points, p => p.Quarter == quarter);

        await CloseAsync(ctx, roundId);
        var closed = await builder.BuildAsync(new ScorecardRequest(quarter, null));

        Assert.True(closed.Engagement.HasPulse);
        Assert.NotNull(closed.Engagement.Shares);
        Assert.NotEmpty(closed.Engagement.HeatMap);
        Assert.Contains(closed.Engagement.Trend, t => t.Quarter == quarter && t.Engaged is not null);
    }

    [Fact]
    public async Task The_results_page_shows_an_open_round_only_as_a_response_rate_with_the_closing_day()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var roundId = ctx.OpenRoundId();
        DateOnly closesOn;
        await using (var db = ctx.Db())
            closesOn = (await db.PulseRounds.SingleAsync(r => r.Id == roundId)).ClosesOn;
        var host = ctx.RenderWithProviders<EngagementResults>();
        host.WaitForElement("[data-testid=heatmap]"); // the newest closed round first

        var roundSelect = host.FindComponents<MudSelect<int>>().First();
        await host.InvokeAsync(() => roundSelect.Instance.ValueChanged.InvokeAsync(roundId));

        var pending = host.WaitForElement("[data-testid=results-pending]");
        Assert.Equal($"Results appear when the round closes on {closesOn:d MMMM yyyy}.", pending.TextContent.Trim());
        Assert.NotNull(host.Find("[data-testid=response-rate]"));
        foreach (var gone in new[] { "heatmap", "shares", "enps", "favourable", "trend", "drivers", "drivers-unavailable", "comments", "comments-unavailable", "export-csv" })
            Assert.Empty(host.FindAll($"[data-testid={gone}]"));
    }

    [Fact]
    public async Task In_Dutch_the_open_round_says_when_its_results_appear()
    {
        await using var ctx = new PortalBunitContext("nl");
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var roundId = ctx.OpenRoundId();
        var host = ctx.RenderWithProviders<EngagementResults>();
        host.WaitForElement("[data-testid=heatmap]");

        await host.InvokeAsync(() => host.FindComponents<MudSelect<int>>().First().Instance.ValueChanged.InvokeAsync(roundId));

        Assert.StartsWith("De resultaten verschijnen als de ronde sluit op ", host.WaitForElement("[data-testid=results-pending]").TextContent.Trim());
    }

    private static async Task<List<int>> UnitIdsAsync(PortalBunitContext ctx)
    {
        await using var db = ctx.Db();
        return await db.OrgUnits.Select(u => u.Id).ToListAsync();
    }
}
