using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;
using StrategyPortal.IntegrationTests.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.People;

/// <summary>
/// A people import between rounds — a full sync that moves people to other units and into a unit it creates, changes
/// the reporting lines (so managers' scopes) and deactivates people — changes no figure of a closed round: each round is
/// judged in the organisation it recorded when it opened (issue 14), whatever a file or SCIM does afterwards.
/// </summary>
public abstract class PeopleImportRoundTests(PortalFactory factory)
{
    private const string Admin = "beheerder@noordlicht.example";

    [Fact]
    public async Task A_full_sync_moving_and_deactivating_people_and_creating_units_changes_no_figure_of_a_closed_round()
    {
        var before = await ClosedRoundFigures.EveryFigureAsync(factory);

        // The HR export of the demo company as it is, with employee numbers, then: Webcare's people to a new Klantenservice/Chat
        // team reporting to the service manager, the director to Marketing, and three of Winkels Zuid gone.
        List<Person> people;
        Dictionary<int, OrgUnit> units;
        await using (var db = factory.NewDbContext())
        {
            people = await db.People.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync();
            units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id);
        }
        string PathOf(int unitId)
        {
            var names = new List<string>();
            for (var unit = units[unitId]; unit.ParentId is { } parent; unit = units[parent]) names.Insert(0, unit.Name);
            return names.Count == 0 ? units[unitId].Name : string.Join('/', names);
        }
        var byUnit = people.GroupBy(p => units[p.OrgUnitId].Name).ToDictionary(g => g.Key, g => g.ToList());
        var service = people.Single(p => p.Email == "manager.klantenservice@noordlicht.example");
        var leaving = byUnit["Winkels Zuid"].Where(p => p.Role == PortalRole.Employee).Take(3).Select(p => p.Id).ToHashSet();
        var file = new StringBuilder("employee_number;first_name;last_name;email;unit;manager_employee_number;role\r\n");
        foreach (var person in people.Where(p => !leaving.Contains(p.Id)))
        {
            var parts = person.Name.Split(' ', 2);
            var unit = PathOf(person.OrgUnitId);
            var manager = "";
            if (units[person.OrgUnitId].Name == "Webcare")
            {
                unit = PathOf(service.OrgUnitId) + "/Chat";
                manager = $"R{service.Id}";
            }
            if (person.Email == "directeur@noordlicht.example") unit = "Marketing";
            file.Append($"R{person.Id};{parts[0]};{(parts.Length > 1 ? parts[1] : "")};{person.Email};{unit};{manager};{person.Role}\r\n");
        }

        await using (var admin = await factory.AsAsync(Admin))
        {
            var outcome = await admin.Get<PeopleImportService>().ApplyAsync(Encoding.UTF8.GetBytes(file.ToString()), "hr-between-rounds.csv",
                new PeopleImportRequest(PeopleSyncMode.Full, CreateUnits: true), null);
            Assert.Equal(PeopleImportRefusal.None, outcome.Refusal);
            Assert.Equal((3, 1), (outcome.Result!.Counts.Deactivated, outcome.Result.Counts.UnitsCreated));
            Assert.True(outcome.Result.Counts.Moved >= byUnit["Webcare"].Count + 1);
        }

        var after = await ClosedRoundFigures.EveryFigureAsync(factory);

        ClosedRoundFigures.AssertUnchanged(before, after, "the import");
        // The new team is no unit of any closed round.
        await using var director = await factory.AsAsync("directeur@noordlicht.example");
        var results = director.Get<EngagementResultsService>();
        foreach (var round in (await results.GetRoundsAsync()).Where(r => r.State == RoundState.Closed))
            Assert.DoesNotContain((await results.GetResultsAsync(round.RoundId)).Units, u => u.Name == "Chat");
    }
}

public sealed class PeopleImportRoundTests_Sqlite(SqliteDemoPortal factory) : PeopleImportRoundTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PeopleImportRoundTests_PostgreSql(PostgreSqlDemoPortal factory) : PeopleImportRoundTests(factory), IClassFixture<PostgreSqlDemoPortal>;
