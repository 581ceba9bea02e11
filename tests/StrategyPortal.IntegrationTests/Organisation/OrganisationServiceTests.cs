using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Organisation;

/// <summary>
/// <see cref="OrganisationService"/> on a real database, called as a given person (as a circuit
/// calls it). Tests build their own units and people under the demo company, so they do not
/// disturb each other or the demo tree that the scope tests read.
/// </summary>
public abstract class OrganisationServiceTests(PortalFactory factory)
{
    private static readonly string AdministratorEmail = PortalFactory.DemoAccount(PortalRole.Administrator).Email;

    [Fact]
    public async Task Units_are_created_renamed_and_moved()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var root = await RootAsync(service);
        var department = await service.CreateUnitAsync(new UnitInput { Name = Unique("Afdeling"), Kind = OrgUnitKind.Sales, ParentId = root.Id });
        var team = await service.CreateUnitAsync(new UnitInput { Name = Unique("Team"), Kind = OrgUnitKind.Sales, ParentId = department });

        var renamed = Unique("Team hernoemd");
        var loaded = await UnitAsync(service, team);
        await service.UpdateUnitAsync(new UnitInput { Id = team, Name = "  " + renamed + " ", Kind = OrgUnitKind.CustomerService, Version = loaded.Version });
        loaded = await UnitAsync(service, team);
        await service.MoveUnitAsync(team, root.Id, loaded.Version);

        var moved = await UnitAsync(service, team);
        Assert.Equal((renamed, OrgUnitKind.CustomerService, (int?)root.Id, 1, $"{root.Name} / {renamed}"),
            (moved.Name, moved.Kind, moved.ParentId, moved.Depth, moved.Path));
        Assert.Equal(loaded.Version + 1, moved.Version);
        var departmentNode = await UnitAsync(service, department);
        Assert.Equal((int?)root.Id, departmentNode.ParentId);
    }

    [Fact]
    public async Task Moving_a_unit_below_itself_or_its_own_descendant_is_refused()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var root = await RootAsync(service);
        var top = await service.CreateUnitAsync(new UnitInput { Name = Unique("Boven"), ParentId = root.Id });
        var middle = await service.CreateUnitAsync(new UnitInput { Name = Unique("Midden"), ParentId = top });
        var bottom = await service.CreateUnitAsync(new UnitInput { Name = Unique("Onder"), ParentId = middle });
        var version = (await UnitAsync(service, top)).Version;

        foreach (var target in new[] { bottom, middle, top })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.MoveUnitAsync(top, target, version));
            Assert.Equal([Message("orgunit.cycle")], refused.Errors[nameof(UnitInput.ParentId)]);
        }
        var unchanged = await UnitAsync(service, top);
        Assert.Equal(((int?)root.Id, version), (unchanged.ParentId, unchanged.Version));
    }

    [Fact]
    public async Task A_second_unit_with_the_same_name_under_the_same_parent_is_refused()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var root = await RootAsync(service);
        var name = Unique("Dubbel");
        var first = await service.CreateUnitAsync(new UnitInput { Name = name, ParentId = root.Id });
        var other = await service.CreateUnitAsync(new UnitInput { Name = Unique("Ander"), ParentId = root.Id });

        var created = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.CreateUnitAsync(new UnitInput { Name = " " + name.ToUpperInvariant() + " ", ParentId = root.Id }));
        var renamed = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await service.UpdateUnitAsync(new UnitInput { Id = other, Name = name, Version = (await UnitAsync(service, other)).Version }));
        var moved = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
        {
            var elsewhere = await service.CreateUnitAsync(new UnitInput { Name = name, ParentId = first });
            await service.MoveUnitAsync(elsewhere, root.Id, (await UnitAsync(service, elsewhere)).Version);
        });

        foreach (var refused in new[] { created, renamed, moved })
            Assert.Equal([Message("orgunit.name-taken")], refused.Errors[nameof(UnitInput.Name)]);
        var units = await service.GetUnitsAsync();
        Assert.Single(units, u => u.ParentId == root.Id && string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
        Assert.Single(units, u => u.ParentId == first && u.Name == name); // the same name under another parent is fine
    }

    [Fact]
    public async Task Deactivating_a_unit_with_active_people_is_refused_with_their_count()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var unit = await service.CreateUnitAsync(new UnitInput { Name = Unique("Opheffen"), ParentId = (await RootAsync(service)).Id });
        var first = await service.CreatePersonAsync(new PersonInput { Name = "Eerste Persoon", Email = UniqueEmail(), OrgUnitId = unit });
        var second = await service.CreatePersonAsync(new PersonInput { Name = "Tweede Persoon", Email = UniqueEmail(), OrgUnitId = unit });

        var refusedTwo = await Assert.ThrowsAsync<ValidationFailedException>(async () => await service.DeactivateUnitAsync(unit, (await UnitAsync(service, unit)).Version));
        Assert.Equal([Message("orgunit.has-people", 2)], refusedTwo.Errors[""]);

        await service.SetPersonActiveAsync(first, false, await PersonVersionAsync(first));
        var refusedOne = await Assert.ThrowsAsync<ValidationFailedException>(async () => await service.DeactivateUnitAsync(unit, (await UnitAsync(service, unit)).Version));
        Assert.Equal([Message("orgunit.has-people", 1)], refusedOne.Errors[""]);
        Assert.True((await UnitAsync(service, unit)).IsActive);

        await service.SetPersonActiveAsync(second, false, await PersonVersionAsync(second));
        await service.DeactivateUnitAsync(unit, (await UnitAsync(service, unit)).Version);
        Assert.DoesNotContain(await service.GetUnitsAsync(), u => u.Id == unit);
        Assert.False((await service.GetUnitsAsync(includeInactive: true)).Single(u => u.Id == unit).IsActive);
    }

    [Fact]
    public async Task A_person_with_an_e_mail_address_already_in_use_is_refused()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var taken = PortalFactory.DemoAccount(PortalRole.Employee).Email;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await service.CreatePersonAsync(
            new PersonInput { Name = "Dubbele Lotte", Email = " " + taken.ToUpperInvariant(), OrgUnitId = (await RootAsync(service)).Id }));

        Assert.Equal([Message("person.email-taken")], refused.Errors[nameof(PersonInput.Email)]);
        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.People.CountAsync(p => p.Email == taken));
    }

    [Fact]
    public async Task Two_edits_of_a_unit_from_the_same_version_the_second_conflicts_and_overwrites_nothing()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var unit = await service.CreateUnitAsync(new UnitInput { Name = Unique("Gedeeld"), ParentId = (await RootAsync(service)).Id });
        var loaded = await UnitAsync(service, unit);
        var mine = new UnitInput { Id = unit, Name = Unique("Mijn naam"), Kind = OrgUnitKind.IT, Version = loaded.Version };
        var theirs = new UnitInput { Id = unit, Name = Unique("Hun naam"), Kind = OrgUnitKind.Marketing, Version = loaded.Version };

        await service.UpdateUnitAsync(mine);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateUnitAsync(theirs));

        Assert.Equal(Message("conflict.unit"), conflict.Message);
        var stored = await UnitAsync(service, unit);
        Assert.Equal((mine.Name, OrgUnitKind.IT, loaded.Version + 1), (stored.Name, stored.Kind, stored.Version));
    }

    [Fact]
    public async Task Two_edits_of_a_person_from_the_same_version_the_second_conflicts_and_overwrites_nothing()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var root = await RootAsync(service);
        var id = await service.CreatePersonAsync(new PersonInput { Name = "Gedeelde Persoon", Email = UniqueEmail(), OrgUnitId = root.Id });
        var version = await PersonVersionAsync(id);
        var email = (await PersonAsync(id)).Email;

        await service.UpdatePersonAsync(new PersonInput { Id = id, Name = "Naam Van Mij", Email = email, OrgUnitId = root.Id, Role = PortalRole.Manager, Version = version });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdatePersonAsync(
            new PersonInput { Id = id, Name = "Naam Van Hen", Email = email, OrgUnitId = root.Id, Role = PortalRole.Director, Version = version }));

        var stored = await PersonAsync(id);
        Assert.Equal(("Naam Van Mij", PortalRole.Manager, version + 1), (stored.Name, stored.Role, stored.Version));
    }

    [Fact]
    public async Task A_manager_sees_only_the_people_of_their_own_unit_and_its_sub_units()
    {
        // Fatima manages Klantenservice, which has the sub-unit Webcare (demo company).
        await using var manager = await factory.AsAsync("manager.klantenservice@noordlicht.example");
        var service = manager.Get<OrganisationService>();
        int[] visibleUnits;
        int expected;
        await using (var db = factory.NewDbContext())
        {
            visibleUnits = await db.OrgUnits.Where(u => u.Name == "Klantenservice" || u.Name == "Webcare").Select(u => u.Id).ToArrayAsync();
            expected = await db.People.CountAsync(p => p.IsActive && visibleUnits.Contains(p.OrgUnitId));
        }

        var people = await service.GetPeopleAsync(new PeopleQuery { PageSize = Paging.MaxPageSize });

        Assert.Equal(2, visibleUnits.Length);
        Assert.Equal(expected, people.Total);
        Assert.Equal(expected, people.Items.Count);
        Assert.All(people.Items, p => Assert.Contains(p.OrgUnitName, new[] { "Klantenservice", "Webcare" }));
        Assert.Contains(people.Items, p => p.OrgUnitName == "Webcare");
        Assert.Contains(people.Items, p => p.Email == PortalFactory.DemoAccount(PortalRole.Employee).Email);
        // Asking for another unit does not widen the scope.
        var marketing = (await service.GetUnitsAsync()).Single(u => u.Name == "Marketing");
        Assert.Equal(0, (await service.GetPeopleAsync(new PeopleQuery { UnitId = marketing.Id })).Total);
        // The same demo company seen by the director: more people, the manager's included.
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        Assert.True((await director.Get<OrganisationService>().GetPeopleAsync(new PeopleQuery())).Total > expected);
    }

    [Fact]
    public async Task An_employee_is_refused_the_people_list()
    {
        await using var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email);

        await Assert.ThrowsAsync<ForbiddenException>(() => employee.Get<OrganisationService>().GetPeopleAsync(new PeopleQuery()));
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused_the_units()
    {
        await using var anonymous = factory.AsAnonymous();

        await Assert.ThrowsAsync<ForbiddenException>(() => anonymous.Get<OrganisationService>().GetUnitsAsync());
    }

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_demoted_nor_deactivated()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var self = await PersonByEmailAsync(AdministratorEmail);
        var demote = new PersonInput { Id = self.Id, Name = self.Name, Email = self.Email, OrgUnitId = self.OrgUnitId, Role = PortalRole.Director, Version = self.Version };

        var demoted = await Assert.ThrowsAsync<ValidationFailedException>(() => service.UpdatePersonAsync(demote));
        var deactivated = await Assert.ThrowsAsync<ValidationFailedException>(() => service.SetPersonActiveAsync(self.Id, false, self.Version));

        Assert.Equal([Message("person.last-administrator")], demoted.Errors[""]);
        Assert.Equal([Message("person.cannot-deactivate-self")], deactivated.Errors[""]);
        var stored = await PersonAsync(self.Id);
        Assert.Equal((PortalRole.Administrator, true, self.Version), (stored.Role, stored.IsActive, stored.Version));

        // The rule guards the last one only: a second administrator may be demoted and deactivated
        // (by the first; only administrators manage people, so the last one could only deactivate itself).
        var second = await service.CreatePersonAsync(new PersonInput { Name = "Tweede Beheerder", Email = UniqueEmail(), OrgUnitId = self.OrgUnitId, Role = PortalRole.Administrator });
        var secondPerson = await PersonAsync(second);
        await service.UpdatePersonAsync(new PersonInput { Id = second, Name = secondPerson.Name, Email = secondPerson.Email, OrgUnitId = secondPerson.OrgUnitId, Role = PortalRole.Manager, Version = secondPerson.Version });
        Assert.Equal(PortalRole.Manager, (await PersonAsync(second)).Role);
        secondPerson = await PersonAsync(second);
        await service.UpdatePersonAsync(new PersonInput { Id = second, Name = secondPerson.Name, Email = secondPerson.Email, OrgUnitId = secondPerson.OrgUnitId, Role = PortalRole.Administrator, Version = secondPerson.Version });
        await service.SetPersonActiveAsync(second, false, await PersonVersionAsync(second));
        Assert.False((await PersonAsync(second)).IsActive);
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => service.UpdatePersonAsync(demote));
        Assert.Equal([Message("person.last-administrator")], again.Errors[""]);
        Assert.Equal(PortalRole.Administrator, (await PersonAsync(self.Id)).Role);
    }

    [Fact]
    public async Task A_person_with_a_too_weak_initial_password_is_not_stored()
    {
        await using var admin = await factory.AsAsync(AdministratorEmail);
        var service = admin.Get<OrganisationService>();
        var email = UniqueEmail();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await service.CreatePersonAsync(
            new PersonInput { Name = "Zwak Wachtwoord", Email = email, OrgUnitId = (await RootAsync(service)).Id, InitialPassword = "zwakwachtwoord" }));

        Assert.Equal(
            [string.Join(" ", Message("password.requires-digit"), Message("password.requires-upper"))],
            refused.Errors[nameof(PersonInput.InitialPassword)]);
        await using var db = factory.NewDbContext();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private static string UniqueEmail() => $"persoon.{Guid.NewGuid():N}@test.example";

    /// <summary>A message as the service words it in the test thread's language.</summary>
    private string Message(string key, params object[] arguments) =>
        factory.Text<Messages>(key, CultureInfo.CurrentUICulture.Name, arguments);

    private static async Task<OrgUnitNode> RootAsync(OrganisationService service) =>
        (await service.GetUnitsAsync()).Single(u => u.ParentId is null);

    private static async Task<OrgUnitNode> UnitAsync(OrganisationService service, int id) =>
        (await service.GetUnitsAsync(includeInactive: true)).Single(u => u.Id == id);

    private async Task<Person> PersonAsync(int id)
    {
        await using var db = factory.NewDbContext();
        return await db.People.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<Person> PersonByEmailAsync(string email)
    {
        await using var db = factory.NewDbContext();
        return await db.People.AsNoTracking().SingleAsync(p => p.Email == email);
    }

    private async Task<int> PersonVersionAsync(int id) => (await PersonAsync(id)).Version;
}

public sealed class OrganisationServiceTests_Sqlite(SqliteDemoPortal factory) : OrganisationServiceTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class OrganisationServiceTests_PostgreSql(PostgreSqlDemoPortal factory) : OrganisationServiceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
