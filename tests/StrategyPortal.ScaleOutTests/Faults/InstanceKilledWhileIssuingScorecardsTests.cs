using Npgsql;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.ScaleOutTests.Harness;
using Xunit.Abstractions;

namespace StrategyPortal.ScaleOutTests.Faults;

/// <summary>
/// Both instances generate a quarter's scorecards (the company and 50 units); one is killed while it holds one. The
/// other takes the dead instance's scorecards over when their lease runs out and finishes: the quarter is published
/// once and complete, and every PDF is the one its frozen snapshot draws.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class InstanceKilledWhileIssuingScorecardsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Units = 50;
    private ScaleOutCluster _portal = null!;

    public async Task InitializeAsync() =>
        _portal = await ScaleOutCluster.StartAsync("kill-while-issuing", await PostgresServer.GetAsync(), async services =>
        {
            await services.SeedDemoCompanyAsync();
            await Company.AddUnitsUpToAsync(services, Units);
        }, new Dictionary<string, string>
        {
            // One scorecard at a time per instance, and a short lease, so the takeover happens within the test.
            ["Scorecards:Parallelism"] = "1",
            ["Scorecards:LeaseMinutes"] = "0.25",
            ["Scorecards:RetryDelaySeconds"] = "1",
        });

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task The_other_instance_finishes_after_the_lease_and_the_quarter_is_published_once_and_complete()
    {
        var issueId = await ScorecardIssues.IssueAsync(_portal.Services);
        var victim = _portal.Instances[0];
        var survivor = _portal.Instances[1];

        var held = await ScorecardIssues.KillWhileItHoldsOneAsync(_portal.Services, victim, issueId, () => NothingRunningForAsync(victim.Name));
        output.WriteLine($"killed instance {victim.Name} holding scorecard item(s) {string.Join(", ", held.Select(h => h.Id))}");
        await ScorecardIssues.WaitUntilFinishedAsync(_portal.Services, issueId, TimeSpan.FromMinutes(5), _portal.Diagnostics);

        await ScorecardIssues.AssertPublishedOnceAndCompleteAsync(_portal.Services, issueId, Units, _portal.Folder);
        await ScorecardIssues.AssertTakenOverAfterTheLeaseAsync(_portal.Services, issueId, held, survivor);
    }

    /// <summary>With the instance frozen: until none of its database sessions still runs a statement it sent.</summary>
    private async Task NothingRunningForAsync(string instance) =>
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(_portal.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = @name and state = 'active'", connection);
            command.Parameters.AddWithValue("name", $"portal-{instance}");
            return (long)(await command.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(30), $"portal-{instance}'s statements to finish");
}
