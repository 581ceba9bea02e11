using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Standards;

/// <summary>
/// <see cref="StandardsService"/> on a real database, called as the demo people. Each test adopts or
/// writes standards with unique titles, so the tests of the class share the demo company safely.
/// </summary>
public abstract class StandardsServiceTests(PortalFactory factory)
{
    private static readonly string ManagerEmail = PortalFactory.DemoAccount(PortalRole.Manager).Email;
    private static readonly string DirectorEmail = PortalFactory.DemoAccount(PortalRole.Director).Email;
    private static readonly string EmployeeEmail = PortalFactory.DemoAccount(PortalRole.Employee).Email;
    private static readonly string AdministratorEmail = PortalFactory.DemoAccount(PortalRole.Administrator).Email;

    [Fact]
    public async Task A_manager_adopts_a_template_changes_its_target_records_a_result_and_the_rag_moves()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var quarter = service.CurrentQuarter;
        var input = await service.NewFromTemplateAsync("CI-07", await UnitIdAsync("Klantenservice"));
        Assert.Equal(100, input.Target); // customer intimacy leads: the ambitious target
        input.Title = Unique("Coaching");
        var id = await service.CreateAsync(input);

        await service.RecordResultAsync(new ResultInput { StandardId = id, Quarter = quarter, Value = 80 });
        Assert.Equal(RagStatus.Red, (await RowAsync(service, id, quarter)).Rag); // amber runs from 100 down to 90

        var detail = await service.GetAsync(id);
        await service.UpdateAsync(Edit(detail, d => d.Target = 80));
        var row = await RowAsync(service, id, quarter);
        Assert.Equal((80.0, 80.0, RagStatus.Green), (row.Target!.Value, row.Actual!.Value, row.Rag));

        detail = await service.GetAsync(id);
        Assert.Equal("CI-07", detail.TemplateCode);
        Assert.Equal([["Target"], ["Created"]], detail.Versions.Select(v => v.ChangedFields.ToArray()));
    }

    [Fact]
    public async Task Results_stay_judged_against_the_version_in_force_in_their_quarter()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var now = service.CurrentQuarter;
        var id = await service.CreateAsync(Own(await UnitIdAsync("Webcare"), Unique("Antwoord"), target: 90, from: now.Previous));
        await service.RecordResultAsync(new ResultInput { StandardId = id, Quarter = now.Previous, Value = 85 });

        var detail = await service.GetAsync(id);
        await service.UpdateAsync(Edit(detail, d => { d.Target = 80; d.EffectiveQuarter = now; }));
        await service.RecordResultAsync(new ResultInput { StandardId = id, Quarter = now, Value = 85 });

        detail = await service.GetAsync(id);
        var previous = detail.Results.Single(r => r.Quarter == now.Previous);
        var current = detail.Results.Single(r => r.Quarter == now);
        Assert.Equal((90.0, RagStatus.Amber), (previous.Target!.Value, previous.Rag));
        Assert.Equal((80.0, RagStatus.Green), (current.Target!.Value, current.Rag));

        var change = await Assert.ThrowsAsync<ValidationFailedException>(() => service.UpdateAsync(Edit(detail, d => { d.Target = 70; d.EffectiveQuarter = now.Previous; })));
        Assert.Equal([Message("standard.effective-too-early")], change.Errors[nameof(StandardInput.EffectiveQuarter)]);
    }

    [Fact]
    public async Task Retiring_keeps_history_and_results_and_stops_new_ones()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var now = service.CurrentQuarter;
        var id = await service.CreateAsync(Own(await UnitIdAsync("Klantenservice"), Unique("Intrekken"), target: 90, from: now.Previous));
        await service.RecordResultAsync(new ResultInput { StandardId = id, Quarter = now.Previous, Value = 91 });

        await service.SetStatusAsync(id, StandardStatus.Retired, now, (await service.GetAsync(id)).Version);

        var detail = await service.GetAsync(id);
        Assert.Equal(StandardStatus.Retired, detail.Status);
        Assert.Equal(2, detail.Versions.Count);
        Assert.Equal(91, detail.Results.Single(r => r.Quarter == now.Previous).Actual);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.RecordResultAsync(new ResultInput { StandardId = id, Quarter = now, Value = 90 }));
        Assert.Equal([Message("result.not-active")], refused.Errors[nameof(ResultInput.Quarter)]);
        Assert.DoesNotContain((await service.ListAsync(new StandardsQuery { Status = StandardStatus.Active, PageSize = 200 })).Items, r => r.Id == id);
        Assert.Contains((await service.ListAsync(new StandardsQuery { Status = StandardStatus.Retired, PageSize = 200 })).Items, r => r.Id == id);

        await service.SetStatusAsync(id, StandardStatus.Active, now.Next, detail.Version);
        Assert.Equal(StandardStatus.Active, (await service.GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_duplicate_title_in_the_same_unit_is_refused_but_another_unit_may_use_it()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var title = Unique("Dubbel");
        var klantenservice = await UnitIdAsync("Klantenservice");
        await service.CreateAsync(Own(klantenservice, title));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(Own(klantenservice, "  " + title.ToUpperInvariant() + " ")));
        Assert.Equal([Message("standard.title-taken")], refused.Errors[nameof(StandardInput.Title)]);
        await service.CreateAsync(Own(await UnitIdAsync("Webcare"), title));
    }

    [Theory]
    [InlineData(MetricUnit.Percent, MetricDirection.HigherIsBetter, 120.0, null, nameof(StandardInput.Target))]
    [InlineData(MetricUnit.Hours, MetricDirection.LowerIsBetter, -1.0, null, nameof(StandardInput.Target))]
    [InlineData(MetricUnit.Percent, MetricDirection.HigherIsBetter, 90.0, 95.0, nameof(StandardInput.AmberThreshold))]
    [InlineData(MetricUnit.Hours, MetricDirection.LowerIsBetter, 8.0, 6.0, nameof(StandardInput.AmberThreshold))]
    [InlineData(MetricUnit.Percent, MetricDirection.HigherIsBetter, 90.0, -5.0, nameof(StandardInput.AmberThreshold))]
    public async Task Targets_and_thresholds_are_checked_against_the_unit_and_direction(MetricUnit unit, MetricDirection direction, double target, double? amber, string field)
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var input = Own(await UnitIdAsync("Klantenservice"), Unique("Grens"), target: target);
        input.Unit = unit;
        input.Direction = direction;
        input.AmberThreshold = amber;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(input));
        Assert.True(refused.Errors.ContainsKey(field), string.Join(", ", refused.Errors.Keys));
        await using var db = factory.NewDbContext();
        Assert.False(await db.ServiceStandards.AnyAsync(s => s.Title == input.Title));
    }

    [Fact]
    public async Task The_second_of_two_editors_is_told_and_nothing_of_theirs_is_saved()
    {
        await using var first = await factory.AsAsync(ManagerEmail);
        await using var second = await factory.AsAsync(ManagerEmail);
        var service = first.Get<StandardsService>();
        var id = await service.CreateAsync(Own(await UnitIdAsync("Klantenservice"), Unique("Gelijktijdig")));
        var loadedByFirst = await service.GetAsync(id);
        var loadedBySecond = await second.Get<StandardsService>().GetAsync(id);

        await service.UpdateAsync(Edit(loadedByFirst, d => d.Target = 70));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.Get<StandardsService>().UpdateAsync(Edit(loadedBySecond, d => d.Target = 60)));

        var detail = await service.GetAsync(id);
        Assert.Equal((70.0, 2), (detail.Definition.Target, detail.Versions.Count));
    }

    [Fact]
    public async Task A_manager_manages_only_the_standards_of_their_own_units()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var service = manager.Get<StandardsService>();
        var stores = await UnitIdAsync("Winkels Noord");
        var storeStandard = await StandardIdAsync("Winkels Noord", "Kort wachten bij de kassa");

        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(Own(stores, Unique("Niet van mij"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetAsync(storeStandard));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RecordResultAsync(new ResultInput { StandardId = storeStandard, Quarter = service.CurrentQuarter, Value = 3 }));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SetStatusAsync(storeStandard, StandardStatus.Retired, service.CurrentQuarter, 1));
        var units = (await service.ListAsync(new StandardsQuery { PageSize = 200 })).Items.Select(r => r.OwnerUnitName).Distinct().Order().ToList();
        Assert.Equal(["Klantenservice", "Webcare"], units);
        Assert.Equal(["Klantenservice", "Webcare"], (await service.GetManageableUnitsAsync()).Select(u => u.Path.Split(" / ")[^1]).Order().ToList());
    }

    [Fact]
    public async Task A_director_reads_every_unit_but_changes_nothing()
    {
        await using var director = await factory.AsAsync(DirectorEmail);
        var service = director.Get<StandardsService>();
        var storeStandard = await StandardIdAsync("Winkels Noord", "Kort wachten bij de kassa");

        var units = (await service.ListAsync(new StandardsQuery { PageSize = 200 })).Items.Select(r => r.OwnerUnitName).ToHashSet();
        Assert.Superset(new HashSet<string> { "Klantenservice", "Webcare", "Winkels Noord", "Winkels Zuid", "Marketing", "IT", "Logistiek" }, units);
        Assert.False((await service.GetAsync(storeStandard)).CanEdit);
        var it = await UnitIdAsync("IT");
        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(Own(it, Unique("Directie"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RecordResultAsync(new ResultInput { StandardId = storeStandard, Quarter = service.CurrentQuarter, Value = 3 }));
    }

    [Fact]
    public async Task An_employee_reads_only_the_standards_of_their_own_unit()
    {
        await using var employee = await factory.AsAsync(EmployeeEmail);
        var service = employee.Get<StandardsService>();

        var mine = await service.GetMyUnitAsync();
        Assert.Equal("Klantenservice", mine.UnitName);
        await using var db = factory.NewDbContext();
        var unitId = await UnitIdAsync("Klantenservice");
        var expected = await db.ServiceStandards.Where(s => s.OwnerUnitId == unitId && s.Status == StandardStatus.Active).Select(s => s.Id).ToListAsync();
        Assert.Equal(expected.Order(), mine.Standards.Select(s => s.Id).Order());
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ListAsync(new StandardsQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetAsync(expected[0]));
    }

    [Fact]
    public async Task An_administrator_may_manage_standards_of_any_unit()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<StandardsService>();
        var id = await service.CreateAsync(Own(await UnitIdAsync("Logistiek"), Unique("Beheer")));
        Assert.True((await service.GetAsync(id)).CanEdit);
        Assert.False((await service.GetAsync(id)).CanRecord);
    }

    private static StandardInput Own(int unitId, string title, double target = 90, Quarter? from = null) => new()
    {
        OwnerUnitId = unitId,
        Title = title,
        Description = "Test standard",
        Aspect = ServiceAspect.Behaviour,
        Channel = ServiceChannel.Phone,
        Rater = RaterDimension.Reliability,
        Metric = "% on time",
        Unit = MetricUnit.Percent,
        Direction = MetricDirection.HigherIsBetter,
        Target = target,
        Status = StandardStatus.Active,
        EffectiveQuarter = from ?? Quarter.Of(DateTime.UtcNow),
    };

    private static StandardInput Edit(StandardDetail detail, Action<StandardInput> change)
    {
        var d = detail.Definition;
        var input = new StandardInput
        {
            Id = detail.Id, OwnerUnitId = detail.OwnerUnitId, TemplateCode = detail.TemplateCode, Title = d.Title, Description = d.Description,
            Aspect = d.Aspect, Channel = d.Channel, Rater = d.Rater, Metric = d.Metric, Unit = d.Unit, Direction = d.Direction,
            Target = d.Target, AmberThreshold = d.AmberThreshold, Status = detail.Status, Version = detail.Version, EffectiveQuarter = detail.LatestEffectiveQuarter,
        };
        change(input);
        return input;
    }

    private static async Task<StandardRow> RowAsync(StandardsService service, int id, Quarter quarter) =>
        (await service.ListAsync(new StandardsQuery { Quarter = quarter, PageSize = 200 })).Items.Single(r => r.Id == id);

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> StandardIdAsync(string unit, string title)
    {
        var unitId = await UnitIdAsync(unit);
        await using var db = factory.NewDbContext();
        return await db.ServiceStandards.Where(s => s.OwnerUnitId == unitId && s.Title == title).Select(s => s.Id).SingleAsync();
    }

    private string Message(string key) => factory.Text<Messages>(key);

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];
}

public sealed class StandardsServiceTests_Sqlite(SqliteDemoPortal factory) : StandardsServiceTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class StandardsServiceTests_PostgreSql(PostgreSqlDemoPortal factory) : StandardsServiceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
