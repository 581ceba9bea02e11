using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Common;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.CustomerScores;

public class EngagementCustomerPageTests
{
    /// <summary>Engagement for four quarters; one unit is always suppressed by the anonymity threshold.</summary>
    private sealed class FakeEngagement(Func<string, int> unitId) : IUnitEngagementSource
    {
        public Task<IReadOnlyList<UnitEngagement>> GetAsync(IReadOnlyCollection<int> unitIds, Quarter from, Quarter to, CancellationToken cancellationToken = default)
        {
            var result = new List<UnitEngagement>();
            var quarters = Quarter.Range(to.Previous.Previous.Previous, to).ToList();
            foreach (var q in quarters)
            {
                var i = quarters.IndexOf(q);
                result.Add(new UnitEngagement(unitId("Klantenservice"), q, false, 40 - 6 * i, 10 - 8 * i));
                result.Add(new UnitEngagement(unitId("Winkels Noord"), q, false, 45 + i, 20 + i));
                result.Add(new UnitEngagement(unitId("Winkels Zuid"), q, false, 38 - i, 12));
                result.Add(UnitEngagement.Hidden(unitId("Webcare"), q));
            }
            return Task.FromResult<IReadOnlyList<UnitEngagement>>(result.Where(e => unitIds.Contains(e.UnitId)).ToList());
        }
    }

    [Fact]
    public async Task Without_engagement_data_the_page_says_it_is_not_available_yet()
    {
        await using var ctx = new PortalBunitContext(configure: services => services.AddScoped<IUnitEngagementSource, NoUnitEngagementSource>());
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<EngagementCustomer>();

        host.WaitForAssertion(() => Assert.Contains("Engagement data is not available yet", host.Find("[data-testid=engagement-empty]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(host.FindAll("[data-testid=scatter]"));
    }

    [Fact]
    public async Task The_demo_pulses_and_customer_scores_are_plotted_and_small_groups_are_not()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<EngagementCustomer>();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=scatter-point]")), TimeSpan.FromSeconds(20));
        Assert.Empty(host.FindAll("[data-testid=engagement-empty]"));
        var units = host.FindAll("[data-testid=points-table] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).Distinct().ToList();
        Assert.Contains("Klantenservice", units);
        Assert.Matches(@"r = [+−]?\d\.\d\d over \d+ unit-quarters", host.Find("[data-testid=correlation]").TextContent);
    }

    [Fact]
    public async Task The_engagement_source_hides_exactly_the_groups_the_results_page_hides()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var results = ctx.Services.GetRequiredService<EngagementResultsService>();
        var source = ctx.Services.GetRequiredService<IUnitEngagementSource>();
        var rounds = await results.GetRoundsAsync();
        Assert.True(rounds.Count >= 8);
        var hiddenSeen = 0;

        // The open round has no results anywhere: no entry for its quarter (the demo pulse has no other round in it).
        var open = Assert.Single(rounds, r => r.State != RoundState.Closed);
        var everyUnit = (await results.GetResultsAsync(open.RoundId)).Units.Select(u => u.UnitId).ToList();
        Assert.Empty(await source.GetAsync(everyUnit, Quarter.Of(open.OpensOn), Quarter.Of(open.OpensOn)));

        foreach (var round in rounds.Where(r => r.State == RoundState.Closed))
        {
            // The demo pulse has one round per quarter, so the quarter's figure is that round's.
            var quarter = Quarter.Of(round.OpensOn);
            var heatMap = (await results.GetResultsAsync(round.RoundId)).Units;
            var engagement = (await source.GetAsync(heatMap.Select(u => u.UnitId).ToList(), quarter, quarter)).ToDictionary(e => e.UnitId);
            foreach (var unit in heatMap)
            {
                var entry = engagement[unit.UnitId];
                Assert.Equal(!unit.IsShown, entry.Suppressed);
                if (unit.IsShown)
                {
                    Assert.Equal(unit.Shares!.Engaged, entry.EngagedShare!.Value, 9);
                    Assert.Equal(unit.Enps!.Score!.Value, entry.Enps!.Value, 9);
                }
                else
                {
                    Assert.Null(entry.EngagedShare);
                    Assert.Null(entry.Enps);
                    hiddenSeen++;
                }
            }
        }
        Assert.True(hiddenSeen > 0, "the demo rounds should hide at least one small group");
    }

    [Fact]
    public async Task Plots_every_unit_quarter_with_engagement_and_scores_but_never_a_suppressed_unit()
    {
        PortalBunitContext? context = null;
        await using var ctx = context = new PortalBunitContext(configure: services =>
            services.AddScoped<IUnitEngagementSource>(_ => new FakeEngagement(name => ScoreTestData.UnitId(context!, name))));
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<EngagementCustomer>();

        host.WaitForAssertion(() => Assert.Equal(12, host.FindAll("[data-testid=scatter-point]").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("4 unit-quarters are hidden", host.Find("[data-testid=suppressed]").TextContent);
        var units = host.FindAll("[data-testid=points-table] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).Distinct().Order().ToList();
        Assert.Equal(["Klantenservice", "Winkels Noord", "Winkels Zuid"], units);
        Assert.DoesNotContain("Webcare", host.Find("[data-testid=scatter]").OuterHtml);
        Assert.Matches(@"r = [+−]?\d\.\d\d over 12 unit-quarters", host.Find("[data-testid=correlation]").TextContent);
        Assert.Contains("relation", host.Find("[data-testid=reading]").TextContent);
    }

    [Fact]
    public async Task A_manager_sees_only_points_of_their_own_units()
    {
        PortalBunitContext? context = null;
        await using var ctx = context = new PortalBunitContext(configure: services =>
            services.AddScoped<IUnitEngagementSource>(_ => new FakeEngagement(name => ScoreTestData.UnitId(context!, name))));
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);

        var host = ctx.RenderWithProviders<EngagementCustomer>();

        host.WaitForAssertion(() => Assert.Equal(4, host.FindAll("[data-testid=scatter-point]").Count), TimeSpan.FromSeconds(10));
        var units = host.FindAll("[data-testid=points-table] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).Distinct().ToList();
        Assert.Equal(["Klantenservice"], units);
    }
}
