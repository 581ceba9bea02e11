using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Promises;

/// <summary>
/// Verdicts when a new quarter starts: the portal runs on a clock the tests move forward, and nobody edits anything.
/// Each test moves the clock on from wherever the previous one left it, so the tests of the class do not depend on order.
/// </summary>
public abstract class PromiseQuarterTests : IDisposable
{
    private const string Marketer = "manager.marketing@noordlicht.example";
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";

    private readonly ClockPortalFactory _factory;
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected PromiseQuarterTests(ClockPortalFactory factory)
    {
        _factory = factory;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        GC.SuppressFinalize(this);
    }

    private DateTime Now => _factory.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task The_daily_recheck_stores_the_new_quarters_verdicts_and_a_promise_that_went_live_unbacked_is_flagged()
    {
        var capabilityId = await CreateCapabilityAsync(maturity: 2);
        var quarter = Quarter.Of(Now);
        var next = quarter.Next;
        var live = await CreatePromiseAsync(capabilityId, DateOnly.FromDateTime(Now));
        var upcoming = await CreatePromiseAsync(capabilityId, next.Start.AddDays(10));
        Assert.Null(await StoredAsync(live, next));

        _factory.Clock.MoveTo(next.Start.AddDays(20).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
        // two instances run the re-check at the same moment: the verdict is unique per promise and quarter, neither fails
        await using (var one = _factory.AsAnonymous())
        await using (var two = _factory.AsAnonymous())
            await Task.WhenAll(one.Get<PromiseCheckRunner>().RefreshCurrentAsync(), two.Get<PromiseCheckRunner>().RefreshCurrentAsync());

        // stored by the job, before anyone reads: requires maturity 3, the capability is at 2
        Assert.Equal(PromiseVerdict.Unbacked, (await StoredAsync(live, next))?.Verdict);
        Assert.Equal(PromiseVerdict.Unbacked, (await StoredAsync(upcoming, next))?.Verdict);
        await using (var db = _factory.NewDbContext())
            Assert.Equal(1, await db.PromiseCheckResults.CountAsync(r => r.PromiseId == live && r.QuarterKey == next.Key));

        await using var marketer = await _factory.AsAsync(Marketer);
        var service = marketer.Get<PromiseService>();
        var rows = (await service.GetBoardAsync(new PromiseBoardQuery { PageSize = 200 })).Page.Items;
        foreach (var id in new[] { live, upcoming })
        {
            var row = rows.Single(r => r.Id == id);
            Assert.Equal((next, PromiseVerdict.Unbacked, true, true), (row.JudgedQuarter, row.Verdict, row.IsLive, row.Flagged));
        }
        var notices = await service.GetNoticesAsync();
        Assert.Contains(notices, n => n.PromiseId == live);
        Assert.Contains(notices, n => n.PromiseId == upcoming);
    }

    [Fact]
    public async Task The_first_reader_of_a_new_quarter_has_the_verdict_evaluated_and_stored_so_board_flag_and_scorecard_agree()
    {
        var capabilityId = await CreateCapabilityAsync(maturity: 2);
        var promiseId = await CreatePromiseAsync(capabilityId, DateOnly.FromDateTime(Now));
        var next = Quarter.Of(Now).Next;
        _factory.Clock.MoveTo(next.Start.ToDateTime(new TimeOnly(0, 1), DateTimeKind.Utc));
        Assert.Null(await StoredAsync(promiseId, next));

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            // the service unit manager is told, since the promise leans on a Webcare capability
            var notice = Assert.Single(await manager.Get<PromiseService>().GetNoticesAsync(), n => n.PromiseId == promiseId);
            Assert.Equal(["requires Processes maturity 3; " + CapabilityName(capabilityId) + " is at 2"], notice.Reasons);
        }
        Assert.Equal(PromiseVerdict.Unbacked, (await StoredAsync(promiseId, next))?.Verdict);

        await using var marketer = await _factory.AsAsync(Marketer);
        var detail = await marketer.Get<PromiseService>().GetAsync(promiseId);
        Assert.Equal((next, PromiseVerdict.Unbacked, true), (detail.Promise.JudgedQuarter, detail.Promise.Verdict, detail.Promise.Flagged));
        Assert.Equal([next, next.Previous], detail.History.Select(h => h.Quarter));
        await using var anonymous = _factory.AsAnonymous();
        var scorecard = await anonymous.Get<IScorecardPromiseSource>().GetAsync(next, null, next);
        Assert.Equal(PromiseVerdict.Unbacked, scorecard.Promises.Single(p => p.PromiseId == promiseId).Verdict);
    }

    private readonly Dictionary<int, string> _capabilityNames = [];

    private string CapabilityName(int id) => _capabilityNames[id];

    private async Task<int> CreateCapabilityAsync(int maturity)
    {
        var name = $"Quarter {Guid.NewGuid():N}"[..17];
        int webcare;
        await using (var db = _factory.NewDbContext())
            webcare = await db.OrgUnits.Where(u => u.Name == "Webcare").Select(u => u.Id).SingleAsync();
        await using var manager = await _factory.AsAsync(ServiceManager);
        var id = await manager.Get<CapabilityService>().CreateAsync(new CapabilityInput
        {
            Name = name, OwnerUnitId = webcare, Area = CapabilityArea.Processes,
            Maturity = maturity, Channels = [ServiceChannel.Chat], Hours = "24/7",
        });
        _capabilityNames[id] = name;
        return id;
    }

    private async Task<int> CreatePromiseAsync(int capabilityId, DateOnly liveFrom)
    {
        await using var marketer = await _factory.AsAsync(Marketer);
        var service = marketer.Get<PromiseService>();
        var input = await service.NewAsync();
        input.Claim = $"Kwartaal {Guid.NewGuid():N}"[..17];
        input.Channels = [ServiceChannel.Chat];
        input.LiveFrom = liveFrom;
        input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3 }];
        return await service.CreateAsync(input);
    }

    private async Task<PromiseCheckResult?> StoredAsync(int promiseId, Quarter quarter)
    {
        await using var db = _factory.NewDbContext();
        return await db.PromiseCheckResults.AsNoTracking().SingleOrDefaultAsync(r => r.PromiseId == promiseId && r.QuarterKey == quarter.Key);
    }
}

/// <summary>A clock that runs like the system clock from a moment the test chooses.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void MoveTo(DateTime utc) => _offset = new DateTimeOffset(utc, TimeSpan.Zero) - base.GetUtcNow();
}

/// <summary>The demo portal on a <see cref="MovableClock"/> (the demo company is seeded on today's date).</summary>
public abstract class ClockPortalFactory(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteClockPortal() : ClockPortalFactory(DatabaseProvider.Sqlite);
public sealed class PostgreSqlClockPortal() : ClockPortalFactory(DatabaseProvider.PostgreSql);

public sealed class PromiseQuarterTests_Sqlite(SqliteClockPortal factory) : PromiseQuarterTests(factory), IClassFixture<SqliteClockPortal>;
public sealed class PromiseQuarterTests_PostgreSql(PostgreSqlClockPortal factory) : PromiseQuarterTests(factory), IClassFixture<PostgreSqlClockPortal>;
