using StrategyPortal.Application.People;
using StrategyPortal.Application.Tests.CustomerScores;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.Tests.People;

/// <summary>The planner over people and units in memory: what records do, with every expectation worked out by hand.</summary>
public class PeoplePlannerTests
{
    private static readonly PeoplePlanner Planner = new(ImportHarness.Text());

    // The company (1) with Klantenservice (2, code KS) and its Webcare (3), Marketing (4), and an old, deactivated team (5).
    private static List<OrgUnit> Units()
    {
        var company = WithId(new OrgUnit("Noordlicht Retail B.V.", OrgUnitKind.Other, null), 1);
        var service = WithId(new OrgUnit("Klantenservice", OrgUnitKind.CustomerService, 1), 2);
        service.SetCode("KS");
        var webcare = WithId(new OrgUnit("Webcare", OrgUnitKind.CustomerService, 2), 3);
        var marketing = WithId(new OrgUnit("Marketing", OrgUnitKind.Marketing, 1), 4);
        var old = WithId(new OrgUnit("Oud team", OrgUnitKind.Other, 1), 5);
        old.Deactivate();
        return [company, service, webcare, marketing, old];
    }

    private static Person Existing(int id, string name, string email, int unit, string? number = null, PortalRole role = PortalRole.Employee, Person? manager = null)
    {
        var person = WithId(new Person(name, email, unit, role), id);
        person.SetEmployeeNumber(number);
        var parts = name.Split(' ', 2);
        person.SetNameParts(parts[0], parts.Length > 1 ? parts[1] : null);
        if (manager is not null) person.ReportTo(manager);
        return person;
    }

    private static T WithId<T>(T entity, int id)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }

    private static PersonData Row(int row, string number, string first, string last, string email, string unit, string? manager = null,
        PortalRole? role = null, bool active = true) => new()
    {
        Row = row,
        Given = PersonField.EmployeeNumber | PersonField.FirstName | PersonField.LastName | PersonField.Email | PersonField.Unit | PersonField.Manager
                | PersonField.Active | (role is null ? PersonField.None : PersonField.Role),
        EmployeeNumber = number,
        FirstName = first,
        LastName = last,
        Email = email,
        Unit = UnitReference.ByText(unit),
        Manager = manager is null ? null : new ManagerReference(null, manager),
        Role = role,
        Active = active,
    };

    private static readonly PlanOptions FileDelta = new() { Match = PersonMatch.ByEmployeeNumberThenEmail };
    private static readonly PlanOptions FileFull = new() { Match = PersonMatch.ByEmployeeNumberThenEmail, Mode = PeopleSyncMode.Full };

    private static PeopleRoster Roster(params Person[] people) => new(people, Units(), complete: true);

    [Fact]
    public void New_people_with_new_units_and_a_manager_who_is_new_too()
    {
        var roster = Roster(Existing(1, "Sanne de Vries", "beheerder@noordlicht.example", 1, role: PortalRole.Administrator));
        PersonData[] rows =
        [
            Row(2, "E1", "Pieter", "Jansen", "pieter@noordlicht.example", "Winkels", role: PortalRole.Manager),
            Row(3, "E2", "Emma", "Bakker", "emma@noordlicht.example", "Winkels/Winkels Noord", manager: "E1"),
            Row(4, "E3", "Daan", "Smit", "daan@noordlicht.example", "Klantenservice/Webcare", manager: "E1"),
        ];

        var plan = Planner.Plan(roster, rows, FileDelta with { CreateUnits = true });

        Assert.Empty(plan.Errors);
        Assert.Equal(3, plan.Created);
        Assert.Equal(0, plan.Changed + plan.Moved + plan.Deactivated + plan.Reactivated);
        // Winkels below the company first, then Winkels Noord below it; Webcare exists.
        Assert.Equal(["Winkels", "Winkels/Winkels Noord"], plan.NewUnits.Select(u => u.Path));
        Assert.Equal(new UnitKey(1, null), plan.NewUnits[0].Parent);
        Assert.Equal(new UnitKey(null, 0), plan.NewUnits[1].Parent);
        Assert.Equal(new UnitKey(null, 1), plan.People[1].State.Unit);
        Assert.Equal(new UnitKey(3, null), plan.People[2].State.Unit);
        // Both report to the first row, a new person known by its record.
        Assert.Equal(new PersonKey(null, 0), plan.People[1].State.Manager);
        Assert.Equal("Emma Bakker", plan.People[1].State.Name);
        Assert.Equal(PortalRole.Manager, plan.People[0].State.Role);
        Assert.Equal(PortalRole.Employee, plan.People[1].State.Role);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void A_unit_is_found_by_code_and_by_a_path_that_starts_at_the_company()
    {
        var plan = Planner.Plan(Roster(), [
            Row(2, "E1", "A", "B", "a@x.nl", "ks"),
            Row(3, "E2", "C", "D", "c@x.nl", "Noordlicht Retail B.V./Klantenservice/Webcare"),
            Row(4, "E3", "E", "F", "e@x.nl", "Noordlicht Retail B.V."),
        ], FileDelta);

        Assert.Empty(plan.Errors);
        Assert.Equal([2, 3, 1], plan.People.Select(p => p.State.Unit.Id!.Value));
    }

    [Fact]
    public void Unknown_and_deactivated_units_are_errors_unless_units_may_be_created()
    {
        PersonData[] rows = [Row(2, "E1", "A", "B", "a@x.nl", "Logistiek"), Row(3, "E2", "C", "D", "c@x.nl", "Oud team"), Row(4, "E3", "E", "F", "e@x.nl", "Klantenservice/Nieuw")];

        var refused = Planner.Plan(Roster(), rows, FileDelta);
        Assert.Equal([(2, PersonField.Unit), (3, PersonField.Unit), (4, PersonField.Unit)], refused.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("Logistiek", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("deactivated", refused.Errors[1].Message, StringComparison.Ordinal);

        var created = Planner.Plan(Roster(), rows, FileDelta with { CreateUnits = true });
        // A deactivated unit is never brought back by a file; the other two are created (Nieuw takes Klantenservice's kind).
        Assert.Equal([3], created.Errors.Select(e => e.Row));
        Assert.Equal(["Logistiek", "Klantenservice/Nieuw"], created.NewUnits.Select(u => u.Path));
        Assert.Equal(OrgUnitKind.Other, created.NewUnits[0].Kind);
        Assert.Equal(OrgUnitKind.CustomerService, created.NewUnits[1].Kind);
    }

    [Fact]
    public void Duplicate_numbers_and_addresses_in_a_file_name_the_first_row()
    {
        var plan = Planner.Plan(Roster(), [
            Row(2, "E1", "A", "B", "a@x.nl", "KS"),
            Row(3, "E1", "C", "D", "c@x.nl", "KS"),
            Row(4, "E2", "E", "F", "A@X.nl", "KS"),
        ], FileDelta);

        Assert.Contains(plan.Errors, e => e is { Row: 3, Field: PersonField.EmployeeNumber } && e.Message.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e is { Row: 4, Field: PersonField.Email } && e.Message.Contains("row 2", StringComparison.Ordinal));
    }

    [Fact]
    public void An_address_or_number_of_someone_else_in_the_portal_is_refused()
    {
        var roster = Roster(Existing(10, "Lotte Visser", "lotte@x.nl", 2, "E10"), Existing(11, "Joris Bakker", "joris@x.nl", 4, "E11"));

        var plan = Planner.Plan(roster, [Row(2, "E10", "Lotte", "Visser", "joris@x.nl", "KS")], FileDelta);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, PersonField.Email, PlanErrorKind.Uniqueness), (error.Row, error.Field, error.Kind));
        Assert.Contains("Joris Bakker, E11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_neither_in_the_file_nor_in_the_portal_is_an_error_but_one_in_the_portal_is_found()
    {
        var roster = Roster(Existing(10, "Fatima el Amrani", "fatima@x.nl", 2, "E10", PortalRole.Manager));

        var plan = Planner.Plan(roster, [Row(2, "E1", "A", "B", "a@x.nl", "KS", manager: "E10"), Row(3, "E2", "C", "D", "c@x.nl", "KS", manager: "E99")], FileDelta);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((3, PersonField.Manager), (error.Row, error.Field));
        Assert.Contains("E99", error.Message, StringComparison.Ordinal);
        Assert.Equal(new PersonKey(10, null), plan.People[0].State.Manager);
    }

    [Fact]
    public void A_cycle_in_the_reporting_line_is_reported_at_every_row_in_it()
    {
        var plan = Planner.Plan(Roster(), [
            Row(2, "E1", "Anna", "A", "a@x.nl", "KS", manager: "E3"),
            Row(3, "E2", "Bob", "B", "b@x.nl", "KS", manager: "E1"),
            Row(4, "E3", "Cem", "C", "c@x.nl", "KS", manager: "E2"),
            Row(5, "E4", "Dirk", "D", "d@x.nl", "KS", manager: "E1"),
        ], FileDelta);

        Assert.Equal([2, 3, 4], plan.Errors.Select(e => e.Row).Order());
        Assert.All(plan.Errors, e => Assert.Equal(PersonField.Manager, e.Field));
        Assert.Contains("Anna A → Cem C → Bob B → Anna A", plan.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_through_someone_the_file_leaves_alone_is_found_too()
    {
        // In the portal, 11 reports to 10. The file makes 10 report to 11.
        var boss = Existing(10, "Boss One", "boss@x.nl", 2, "E10");
        var roster = Roster(boss, Existing(11, "Team Lead", "lead@x.nl", 2, "E11", manager: boss));

        var plan = Planner.Plan(roster, [Row(2, "E10", "Boss", "One", "boss@x.nl", "KS", manager: "E11")], FileDelta);

        Assert.Equal((2, PersonField.Manager), (Assert.Single(plan.Errors).Row, plan.Errors[0].Field));
    }

    [Fact]
    public void The_same_file_again_changes_nothing()
    {
        var boss = Existing(10, "Boss One", "boss@x.nl", 2, "E10", PortalRole.Manager);
        var roster = Roster(boss, Existing(11, "Team Lead", "lead@x.nl", 3, "E11", manager: boss));

        var plan = Planner.Plan(roster, [
            Row(2, "E10", "Boss", "One", "boss@x.nl", "Klantenservice", role: PortalRole.Manager),
            Row(3, "E11", "Team", "Lead", "LEAD@x.nl", "Klantenservice/Webcare", manager: "E10"),
        ], FileFull);

        Assert.Empty(plan.Errors);
        Assert.False(plan.HasChanges);
        Assert.Equal(2, plan.Unchanged);
    }

    [Fact]
    public void Changes_moves_deactivations_and_reactivations_are_counted_apart()
    {
        var left = Existing(12, "Was Weg", "weg@x.nl", 2, "E12");
        left.Deactivate();
        var roster = Roster(Existing(10, "Anna A", "anna@x.nl", 2, "E10"), Existing(11, "Bob B", "bob@x.nl", 2, "E11"), left);

        var plan = Planner.Plan(roster, [
            Row(2, "E10", "Anna", "Anders", "anna@x.nl", "Marketing"),   // changed and moved
            Row(3, "E11", "Bob", "B", "bob@x.nl", "KS", active: false),  // deactivated
            Row(4, "E12", "Was", "Weg", "weg@x.nl", "KS"),               // reactivated
        ], FileDelta);

        Assert.Empty(plan.Errors);
        Assert.Equal((1, 1, 1, 1, 0), (plan.Changed, plan.Moved, plan.Deactivated, plan.Reactivated, plan.Created));
        Assert.Equal(PersonField.LastName | PersonField.DisplayName | PersonField.Unit, plan.People[0].ChangedFields);
    }

    [Fact]
    public void A_full_sync_deactivates_who_is_missing_but_keeps_the_person_applying_it()
    {
        var admin = Existing(1, "Sanne de Vries", "beheerder@x.nl", 1, role: PortalRole.Administrator);
        var people = Enumerable.Range(10, 10).Select(i => Existing(i, $"Person {i}", $"p{i}@x.nl", 2, $"E{i}")).ToArray();
        var roster = Roster([admin, .. people]);
        // 9 of the 10 are in the file: one leaves. 1 of 11 active = 9.1 %: below the 20 % limit.
        var rows = people.Take(9).Select((p, i) => Row(i + 2, p.EmployeeNumber!, "Person", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Email, "KS")).ToList();

        var plan = Planner.Plan(roster, rows, FileFull with { ActingPersonId = 1 });

        Assert.Empty(plan.Errors);
        Assert.Equal([19], plan.Missing.Select(p => p.Id));
        Assert.True(plan.ActingPersonKept);
        Assert.Equal(1, plan.Deactivated);
        Assert.Equal(11, plan.ActiveBefore);
        Assert.False(plan.NeedsConfirmation);
        Assert.Null(plan.ConfirmationCode);
    }

    [Fact]
    public void Deactivating_more_than_the_share_needs_a_confirmation_of_exactly_that_change()
    {
        var admin = Existing(1, "Sanne de Vries", "beheerder@x.nl", 1, role: PortalRole.Administrator);
        var people = Enumerable.Range(10, 9).Select(i => Existing(i, $"Person {i}", $"p{i}@x.nl", 2, $"E{i}")).ToArray();
        var roster = Roster([admin, .. people]);
        Func<int, List<PersonData>> keep = n => people.Take(n).Select((p, i) => Row(i + 2, p.EmployeeNumber!, "Person", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Email, "KS")).ToList();

        // 10 active; the file keeps 7 of the 9: 2 missing = 20 % — not more than the limit.
        var atLimit = Planner.Plan(roster, keep(7), FileFull with { ActingPersonId = 1 });
        Assert.Equal(0.2, atLimit.DeactivationShare, 10);
        Assert.False(atLimit.NeedsConfirmation);

        // 3 missing = 30 %.
        var over = Planner.Plan(roster, keep(6), FileFull with { ActingPersonId = 1 });
        Assert.True(over.DeactivatesTooMany);
        Assert.NotNull(over.ConfirmationCode);
        // The same change planned again has the same code; another change another code.
        Assert.Equal(over.ConfirmationCode, Planner.Plan(roster, keep(6), FileFull with { ActingPersonId = 1 }).ConfirmationCode);
        Assert.NotEqual(over.ConfirmationCode, Planner.Plan(roster, keep(5), FileFull with { ActingPersonId = 1 }).ConfirmationCode);
    }

    [Fact]
    public void A_new_employee_number_for_someone_found_by_e_mail_needs_a_confirmation_but_a_first_number_does_not()
    {
        var roster = Roster(Existing(10, "Anna A", "anna@x.nl", 2, "OLD-1"), Existing(11, "Bob B", "bob@x.nl", 2));

        var plan = Planner.Plan(roster, [Row(2, "NEW-1", "Anna", "A", "anna@x.nl", "KS"), Row(3, "E11", "Bob", "B", "bob@x.nl", "KS")], FileDelta);

        Assert.Empty(plan.Errors);
        var change = Assert.Single(plan.EmployeeNumberChanges);
        Assert.Equal((10, "OLD-1", "NEW-1"), (change.PersonId, change.OldNumber, change.NewNumber));
        Assert.True(plan.NeedsConfirmation);
        Assert.Equal("E11", plan.People[1].State.EmployeeNumber);
    }

    [Fact]
    public void The_last_active_administrator_cannot_be_demoted_or_deactivated_by_a_file()
    {
        var roster = Roster(Existing(1, "Sanne de Vries", "beheerder@x.nl", 1, "E1", PortalRole.Administrator));

        var demoted = Planner.Plan(roster, [Row(2, "E1", "Sanne", "de Vries", "beheerder@x.nl", "KS", role: PortalRole.Employee)], FileDelta);
        var deactivated = Planner.Plan(roster, [Row(2, "E1", "Sanne", "de Vries", "beheerder@x.nl", "KS", active: false)], FileDelta);

        Assert.Equal((0, PersonField.Role), (Assert.Single(demoted.Errors).Row, demoted.Errors[0].Field));
        Assert.Contains(deactivated.Errors, e => e.Row == 0);
    }

    [Fact]
    public void The_person_applying_a_file_cannot_deactivate_themselves_with_it()
    {
        var roster = Roster(Existing(1, "Sanne de Vries", "beheerder@x.nl", 1, "E1", PortalRole.Administrator),
            Existing(2, "Pieter Jansen", "pieter@x.nl", 1, "E2", PortalRole.Administrator));

        var plan = Planner.Plan(roster, [Row(2, "E1", "Sanne", "de Vries", "beheerder@x.nl", "KS", active: false)], FileDelta with { ActingPersonId = 1 });

        Assert.Equal((2, PersonField.Active), (Assert.Single(plan.Errors).Row, plan.Errors[0].Field));
    }

    [Fact]
    public void Someone_who_comes_back_comes_back_into_an_active_unit()
    {
        var left = Existing(10, "Was Weg", "weg@x.nl", 5, "E10");
        left.Deactivate();
        var stays = Existing(11, "Blijft Hier", "blijft@x.nl", 5, "E11");

        var back = Planner.Plan(Roster(left, stays), [new PersonData { PersonId = 10, Given = PersonField.Active, Active = true }], new PlanOptions());
        var moved = Planner.Plan(Roster(left, stays), [Row(2, "E10", "Was", "Weg", "weg@x.nl", "KS")], FileDelta);
        var unchanged = Planner.Plan(Roster(left, stays), [Row(2, "E11", "Blijft", "Hier", "blijft@x.nl", "Oud team")], FileDelta);

        Assert.Equal(PersonField.Unit, Assert.Single(back.Errors).Field);
        Assert.Empty(moved.Errors);
        Assert.Equal(PersonChange.Moved | PersonChange.Reactivated, moved.People[0].Change);
        // A file cannot name a deactivated unit, not even for someone still in it (the people page can leave them there).
        Assert.Contains(unchanged.Errors, e => e.Field == PersonField.Unit);
    }

    [Fact]
    public void A_record_by_id_for_someone_who_does_not_exist_is_not_found()
    {
        var plan = Planner.Plan(Roster(), [new PersonData { PersonId = 77, Given = PersonField.Active, Active = false }], new PlanOptions());
        Assert.Equal(PlanErrorKind.NotFound, Assert.Single(plan.Errors).Kind);
    }
}
