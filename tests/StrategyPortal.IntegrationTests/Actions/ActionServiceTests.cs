using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Standards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Actions;

/// <summary>
/// Actions on a real database, called as the demo people: who may create, change, check in and read, what is refused
/// (and then not stored), and the "nothing red goes unowned" list. Tests that change data make their own actions.
/// </summary>
public abstract class ActionServiceTests : IDisposable
{
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";
    private const string Marketer = "manager.marketing@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";
    private const string Employee = "medewerker@noordlicht.example";
    private const string Administrator = "beheerder@noordlicht.example";

    private readonly PortalFactory _factory;
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected ActionServiceTests(PortalFactory factory)
    {
        _factory = factory;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_demo_company_has_a_dozen_actions_some_of_which_moved_their_cause_and_some_did_not()
    {
        await using var director = await _factory.AsAsync(Director);
        var service = director.Get<ActionService>();
        var all = await service.ListAsync(new ActionQuery { AllStatuses = true, PageSize = 200 });
        // Other tests of the class add their own actions; the demo's are the ones created by the seed, before them.
        await using (var db = _factory.NewDbContext())
        {
            var firstTestAction = await db.ImprovementActions.Where(a => a.Title.StartsWith("Testactie") || a.Title.StartsWith("Bezetting")).MinAsync(a => (int?)a.Id) ?? int.MaxValue;
            all = all with { Items = all.Items.Where(a => a.Id < firstTestAction).ToList() };
        }
        Assert.InRange(all.Items.Count, 12, 14);
        Assert.Equal(Enum.GetValues<ActionCauseKind>().ToHashSet(), all.Items.Select(a => a.CauseKind).ToHashSet());
        Assert.Contains(all.Items, a => a.Status == ActionStatus.Dropped);
        Assert.Contains(all.Items, a => a.IsOverdue);
        // A customer score is named by its measure and channel (its unit has a column of its own), on the list and the action's page.
        var phoneNps = Assert.Single(all.Items, a => a.Title == "Klant bij naam aanspreken aan de telefoon");
        Assert.Equal("NPS · Phone", phoneNps.CauseSubject);
        Assert.Equal($"Customer score: NPS · Phone (Klantenservice, {(await service.GetAsync(phoneNps.Id)).Cause.Quarter})",
            (await service.GetAsync(phoneNps.Id)).Cause.Line(CultureInfo.GetCultureInfo("en")));

        var verdicts = new List<ImpactVerdict>();
        foreach (var row in all.Items.Where(a => a.Status == ActionStatus.Done))
        {
            var detail = await service.GetAsync(row.Id);
            Assert.NotEmpty(detail.CheckIns);
            Assert.True(detail.Impact.FiguresShown, row.Title);
            verdicts.Add(detail.Impact.Impact!.Verdict);
        }
        Assert.Contains(ImpactVerdict.Improved, verdicts);
        Assert.Contains(verdicts, v => v is ImpactVerdict.Worsened or ImpactVerdict.Unchanged);
    }

    [Fact]
    public async Task A_manager_acts_on_a_red_standard_records_a_check_in_and_completes_it_and_the_director_sees_it_leave_the_unowned_list()
    {
        int standardId;
        await using (var director = await _factory.AsAsync(Director))
        {
            var unowned = await director.Get<ActionService>().GetUnownedAsync();
            var red = unowned.Items.First(i => i.Kind == ActionCauseKind.Standard && i.UnitName == "Klantenservice");
            Assert.True(red.Days >= unowned.AfterDays);
            standardId = red.TakeAction.StandardId!.Value;
        }

        await using var manager = await _factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var before = (await service.GetUnownedAsync()).Items.Single(i => i.Kind == ActionCauseKind.Standard && i.TakeAction.StandardId == standardId);
        var form = await service.NewAsync(before.TakeAction);
        Assert.Equal(ActionCauseKind.Standard, form.Cause.Kind);
        Assert.Equal(before.Value, form.Baseline.Impact!.Baseline.Value);
        Assert.Equal(CauseStanding.Bad, form.Baseline.Impact.Baseline.Standing);
        var input = form.Input;
        input.Title = Unique("Bezetting op piekuren");
        var id = await service.CreateAsync(input);

        await using (var director = await _factory.AsAsync(Director))
            Assert.DoesNotContain((await director.Get<ActionService>().GetUnownedAsync()).Items, i => i.TakeAction.StandardId == standardId);

        var detail = await service.GetAsync(id);
        Assert.True(detail.CanCheckIn);
        await service.CheckInAsync(new CheckInInput { ActionId = id, On = service.Today, Note = "Extra bezetting ingepland.", NewStatus = ActionStatus.InProgress, Version = detail.Version });
        detail = await service.GetAsync(id);
        await service.CheckInAsync(new CheckInInput { ActionId = id, On = service.Today, Note = "Rooster aangepast.", NewStatus = ActionStatus.Done, Version = detail.Version });

        detail = await service.GetAsync(id);
        Assert.Equal(ActionStatus.Done, detail.Action.Status);
        Assert.Equal(2, detail.CheckIns.Count);
        Assert.False(detail.CanCheckIn);
        // Done, and the standard has not been measured since: it is owned until the next result, not listed again.
        await using (var director = await _factory.AsAsync(Director))
            Assert.DoesNotContain((await director.Get<ActionService>().GetUnownedAsync()).Items, i => i.TakeAction.StandardId == standardId);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored()
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var form = await service.NewAsync(await RedStandardAsync("Klantenservice"));
        var count = await CountAsync();

        await AssertRefusedAsync(nameof(ActionInput.OwnerPersonId), () => service.CreateAsync(With(form.Input, i => i.OwnerPersonId = null)));
        await AssertRefusedAsync(nameof(ActionInput.DueOn), () => service.CreateAsync(With(form.Input, i => i.DueOn = null)));
        await AssertRefusedAsync(nameof(ActionInput.DueOn), () => service.CreateAsync(With(form.Input, i => i.DueOn = service.Today.AddDays(-1))));
        await AssertRefusedAsync(nameof(ActionInput.Title), () => service.CreateAsync(With(form.Input, i => i.Title = " ")));
        var marketer = await PersonIdAsync(Marketer);
        await AssertRefusedAsync(nameof(ActionInput.OwnerPersonId), () => service.CreateAsync(With(form.Input, i => i.OwnerPersonId = marketer)));
        // A standard on target, and one the manager may not see (another unit's), cannot be a cause.
        var green = await StandardAsync("Winkels Noord", RagStatus.Green);
        await AssertRefusedAsync(nameof(ActionInput.Cause), () => service.NewAsync(green));
        await using (var marketing = await _factory.AsAsync(Marketer))
            await AssertRefusedAsync(nameof(ActionInput.Cause), () => marketing.Get<ActionService>().NewAsync(form.Input.Cause!));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Bad_changes_and_check_ins_are_refused_field_by_field_and_nothing_is_stored()
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var id = await CreateAsync(service, "Klantenservice");
        var detail = await service.GetAsync(id);
        var marketer = await PersonIdAsync(Marketer);
        ActionInput Edit(Action<ActionInput> change) => With(new ActionInput
        {
            Id = id, Title = detail.Action.Title, Description = detail.Description, UnitId = detail.Action.UnitId, OwnerPersonId = detail.Action.OwnerPersonId,
            DueOn = detail.Action.DueOn, Version = detail.Version,
        }, change);
        CheckInInput CheckIn(Action<CheckInInput> change)
        {
            var input = new CheckInInput { ActionId = id, On = service.Today, Note = "Voortgang", Version = detail.Version };
            change(input);
            return input;
        }

        await AssertRefusedAsync(nameof(ActionInput.DueOn), () => service.UpdateAsync(Edit(i => i.DueOn = service.Today.AddDays(-1))));
        await AssertRefusedAsync(nameof(ActionInput.DueOn), () => service.UpdateAsync(Edit(i => i.DueOn = null)));
        await AssertRefusedAsync(nameof(ActionInput.OwnerPersonId), () => service.UpdateAsync(Edit(i => i.OwnerPersonId = null)));
        await AssertRefusedAsync(nameof(ActionInput.OwnerPersonId), () => service.UpdateAsync(Edit(i => i.OwnerPersonId = marketer)));
        await AssertRefusedAsync(nameof(CheckInInput.On), () => service.CheckInAsync(CheckIn(c => c.On = service.Today.AddDays(1))));
        await AssertRefusedAsync(nameof(CheckInInput.On), () => service.CheckInAsync(CheckIn(c => c.On = service.Today.AddDays(-1)))); // before it started
        await AssertRefusedAsync(nameof(CheckInInput.On), () => service.CheckInAsync(CheckIn(c => c.On = null)));
        await AssertRefusedAsync(nameof(CheckInInput.Note), () => service.CheckInAsync(CheckIn(c => c.Note = " ")));
        await AssertRefusedAsync(nameof(CheckInInput.DropReason), () => service.CheckInAsync(CheckIn(c => c.NewStatus = ActionStatus.Dropped)));
        var unchanged = await service.GetAsync(id);
        Assert.Equal((detail.Version, detail.Action.DueOn, detail.Action.OwnerPersonId, ActionStatus.Planned), (unchanged.Version, unchanged.Action.DueOn, unchanged.Action.OwnerPersonId, unchanged.Action.Status));
        Assert.Empty(unchanged.CheckIns);

        // Once in progress, it cannot go back to planned.
        await service.CheckInAsync(CheckIn(c => c.NewStatus = ActionStatus.InProgress));
        var moved = await service.GetAsync(id);
        await AssertRefusedAsync(nameof(CheckInInput.NewStatus), () =>
            service.CheckInAsync(new CheckInInput { ActionId = id, On = service.Today, Note = "Terug", NewStatus = ActionStatus.Planned, Version = moved.Version }));
        Assert.Single((await service.GetAsync(id)).CheckIns);
    }

    [Fact]
    public async Task A_refusal_reads_in_the_readers_language()
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var form = await service.NewAsync(await RedStandardAsync("Klantenservice"));
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("nl");
        try
        {
            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(With(form.Input, i => i.DueOn = service.Today.AddDays(-1))));
            Assert.Equal(["De deadline kan niet in het verleden liggen."], error.Errors[nameof(ActionInput.DueOn)]);
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public async Task A_second_editor_of_the_same_action_is_told_and_the_first_change_stays()
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var id = await CreateAsync(service, "Klantenservice");
        var detail = await service.GetAsync(id);
        ActionInput Edit(string title) => new()
        {
            Id = id, Title = title, Description = detail.Description, UnitId = detail.Action.UnitId, OwnerPersonId = detail.Action.OwnerPersonId,
            DueOn = detail.Action.DueOn, Version = detail.Version,
        };

        await service.UpdateAsync(Edit("Eerste wijziging"));
        var second = Edit("Tweede wijziging");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(second));
        Assert.Equal("Tweede wijziging", second.Title); // the input is the caller's and stays as typed
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            service.CheckInAsync(new CheckInInput { ActionId = id, On = service.Today, Note = "Stale", Version = detail.Version }));

        var after = await service.GetAsync(id);
        Assert.Equal("Eerste wijziging", after.Action.Title);
        Assert.Empty(after.CheckIns);
    }

    [Fact]
    public async Task Who_may_create_change_check_in_and_read()
    {
        int serviceAction, employeeAction;
        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            var service = manager.Get<ActionService>();
            serviceAction = await CreateAsync(service, "Klantenservice");
            employeeAction = await CreateAsync(service, "Klantenservice", await PersonIdAsync(Employee));
            // A manager cannot act for another unit.
            var form = await service.NewAsync(await RedStandardAsync("Klantenservice"));
            await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(With(form.Input, i => i.UnitId = UnitId("Logistiek"))));
        }

        await using (var employee = await _factory.AsAsync(Employee))
        {
            var service = employee.Get<ActionService>();
            var cause = await RedStandardAsync("Klantenservice");
            await Assert.ThrowsAsync<ForbiddenException>(() => service.NewAsync(cause));
            await Assert.ThrowsAsync<ForbiddenException>(() => service.GetUnownedAsync());
            // Reads her unit's actions, not other units'; records check-ins on the one she owns only.
            var mine = await service.GetAsync(employeeAction);
            Assert.True(mine.CanCheckIn);
            Assert.False(mine.CanEdit);
            await service.CheckInAsync(new CheckInInput { ActionId = employeeAction, On = service.Today, Note = "Gestart", NewStatus = ActionStatus.InProgress, Version = mine.Version });
            var other = await service.GetAsync(serviceAction);
            Assert.False(other.CanCheckIn);
            await Assert.ThrowsAsync<ForbiddenException>(() =>
                service.CheckInAsync(new CheckInInput { ActionId = serviceAction, On = service.Today, Note = "x", Version = other.Version }));
            var list = await service.ListAsync(new ActionQuery { AllStatuses = true, PageSize = 100 });
            Assert.All(list.Items, a => Assert.True(a.UnitName == "Klantenservice" || a.OwnerPersonId == mine.Action.OwnerPersonId, a.UnitName));
            var elsewhere = await ActionOfUnitAsync("Winkels Zuid");
            await Assert.ThrowsAsync<ForbiddenException>(() => service.GetAsync(elsewhere));
        }

        await using (var marketing = await _factory.AsAsync(Marketer))
        {
            var service = marketing.Get<ActionService>();
            var detail = await service.GetAsync(await ActionOfUnitAsync("Marketing"));
            Assert.True(detail.CanEdit || detail.Action.Status is ActionStatus.Done or ActionStatus.Dropped);
            await Assert.ThrowsAsync<ForbiddenException>(() => service.GetAsync(serviceAction));
        }

        await using (var director = await _factory.AsAsync(Director))
        {
            var service = director.Get<ActionService>();
            var id = await CreateAsync(service, "Logistiek");
            Assert.True((await service.GetAsync(id)).CanEdit);
            Assert.True((await service.GetAsync(serviceAction)).CanEdit);
        }

        await using (var admin = await _factory.AsAsync(Administrator))
        {
            var service = admin.Get<ActionService>();
            Assert.False((await service.GetAsync(serviceAction)).CanEdit);
            var cause = await RedStandardAsync("Klantenservice");
            await Assert.ThrowsAsync<ForbiddenException>(() => service.NewAsync(cause));
        }
    }

    [Fact]
    public async Task The_owner_sees_due_and_overdue_actions()
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        var due = await manager.Get<ActionService>().GetMyDueAsync();
        Assert.Contains(due.DueSoon, a => a.Title == "Terugbellen na elk negatief contact");
        Assert.All(due.Overdue.Concat(due.DueSoon), a => Assert.Equal("Fatima el Amrani", a.OwnerName));

        await using var zuid = await _factory.AsAsync(await ManagerEmailAsync("Winkels Zuid"));
        Assert.Contains((await zuid.Get<ActionService>().GetMyDueAsync()).Overdue, a => a.Title == "Coaching op advies aan de kassa");
    }

    // ------------------------------------------------------------------ helpers

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..Math.Min(text.Length + 9, 160)];

    private static ActionInput With(ActionInput input, Action<ActionInput> change)
    {
        var copy = new ActionInput
        {
            Id = input.Id, Cause = input.Cause, Title = input.Title.Length > 0 ? input.Title : "Test", Description = input.Description, UnitId = input.UnitId,
            OwnerPersonId = input.OwnerPersonId, DueOn = input.DueOn, Version = input.Version,
        };
        change(copy);
        return copy;
    }

    private static async Task AssertRefusedAsync(string field, Func<Task> act)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(act);
        Assert.True(error.Errors.ContainsKey(field), $"expected an error on {field}, got {string.Join(", ", error.Errors.Keys)}: {error.Message}");
    }

    private async Task<int> CreateAsync(ActionService service, string unit, int? owner = null)
    {
        var form = await service.NewAsync(await RedStandardAsync("Klantenservice"));
        var input = With(form.Input, i =>
        {
            i.Title = Unique("Testactie");
            i.UnitId = UnitId(unit);
            if (owner is not null || i.UnitId != form.Input.UnitId) i.OwnerPersonId = owner;
        });
        if (input.OwnerPersonId is null) input.OwnerPersonId = (await service.GetOwnerChoicesAsync(input.UnitId)).First().Id;
        return await service.CreateAsync(input);
    }

    /// <summary>A standard of the unit that is red in the last closed quarter, as a cause.</summary>
    private Task<ActionCauseRef> RedStandardAsync(string unit) => StandardAsync(unit, RagStatus.Red);

    private async Task<ActionCauseRef> StandardAsync(string unit, RagStatus rag)
    {
        await using var db = _factory.NewDbContext();
        var unitId = UnitId(unit);
        var quarter = Domain.Common.Quarter.Of(DateTime.UtcNow).Previous;
        var standards = await db.ServiceStandards.Include(s => s.Versions).Where(s => s.OwnerUnitId == unitId && s.Status == StandardStatus.Active).ToListAsync();
        foreach (var standard in standards)
        {
            var result = await db.StandardResults.FirstOrDefaultAsync(r => r.StandardId == standard.Id && r.QuarterKey == quarter.Key);
            if (result is not null && standard.Judge(quarter, result.ActualValue) == rag) return ActionCauseRef.OfStandard(standard.Id, quarter);
        }
        throw new InvalidOperationException($"No {rag} standard in {unit} in {quarter}.");
    }

    private int UnitId(string name)
    {
        using var db = _factory.NewDbContext();
        return db.OrgUnits.Single(u => u.Name == name).Id;
    }

    private async Task<int> PersonIdAsync(string email)
    {
        await using var db = _factory.NewDbContext();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private async Task<string> ManagerEmailAsync(string unit)
    {
        var unitId = UnitId(unit);
        await using var db = _factory.NewDbContext();
        return await db.People.Where(p => p.OrgUnitId == unitId && p.Role == PortalRole.Manager).Select(p => p.Email).FirstAsync();
    }

    private async Task<int> ActionOfUnitAsync(string unit)
    {
        var unitId = UnitId(unit);
        await using var db = _factory.NewDbContext();
        return await db.ImprovementActions.Where(a => a.UnitId == unitId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = _factory.NewDbContext();
        return await db.ImprovementActions.CountAsync();
    }
}

public sealed class ActionServiceTests_Sqlite(SqliteDemoPortal factory) : ActionServiceTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ActionServiceTests_PostgreSql(PostgreSqlDemoPortal factory) : ActionServiceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
