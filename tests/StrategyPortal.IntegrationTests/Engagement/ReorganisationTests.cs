using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// The attack of the issue: an administrator moves Directie (one respondent) under Marketing, and Marketing's figures of a
/// closed round change by exactly the director's answer. Every round is judged in the organisation it recorded when it
/// opened, so no move, rename, merge or deactivation — of units or of people — changes any figure of an existing round:
/// not the results page of any unit, not the trend, the drivers, the comments, the CSV, the scorecards or the engagement ×
/// customer view.
/// </summary>
public abstract class ReorganisationTests(PortalFactory factory)
{
    private const string Admin = "beheerder@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";

    private DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private Task<Dictionary<string, string>> EveryFigureAsync() => ClosedRoundFigures.EveryFigureAsync(factory);

    private async Task<OrganisationService> AdminAsync(Func<OrganisationService, Task> act)
    {
        await using var admin = await factory.AsAsync(Admin);
        var organisation = admin.Get<OrganisationService>();
        await act(organisation);
        return organisation;
    }

    private static OrgUnitNode Unit(IReadOnlyList<OrgUnitNode> units, string name) => units.Single(u => u.Name == name);

    [Fact]
    public async Task Moving_renaming_merging_and_deactivating_units_and_people_changes_no_figure_of_an_existing_round()
    {
        var before = await EveryFigureAsync();

        await AdminAsync(async organisation =>
        {
            var units = await organisation.GetUnitsAsync();
            // The attack: Directie (one respondent a round) under Marketing, then under Klantenservice (whose comments show).
            var directie = Unit(units, "Directie");
            await organisation.MoveUnitAsync(directie.Id, Unit(units, "Marketing").Id, directie.Version);
            units = await organisation.GetUnitsAsync();
            directie = Unit(units, "Directie");
            await organisation.MoveUnitAsync(directie.Id, Unit(units, "Klantenservice").Id, directie.Version);
            // A rename.
            units = await organisation.GetUnitsAsync();
            var klantenservice = Unit(units, "Klantenservice");
            await organisation.UpdateUnitAsync(new UnitInput { Id = klantenservice.Id, Name = "Klantcontact", Kind = klantenservice.Kind, Version = klantenservice.Version });
            // A merge: Logistiek's people move to IT and Logistiek is deactivated.
            var logistiek = Unit(units, "Logistiek");
            var it = Unit(units, "IT");
            foreach (var person in (await organisation.GetPeopleAsync(new PeopleQuery { UnitId = logistiek.Id, PageSize = 100 })).Items)
                await organisation.UpdatePersonAsync(new PersonInput { Id = person.Id, Name = person.Name, Email = person.Email, OrgUnitId = it.Id, Role = person.Role, Version = person.Version });
            logistiek = Unit(await organisation.GetUnitsAsync(), "Logistiek");
            await organisation.DeactivateUnitAsync(logistiek.Id, logistiek.Version);
            // People: one moves from Webcare to Winkels Noord, one of Winkels Zuid leaves.
            var webcare = (await organisation.GetPeopleAsync(new PeopleQuery { UnitId = Unit(units, "Webcare").Id, PageSize = 100 })).Items.First();
            await organisation.UpdatePersonAsync(new PersonInput { Id = webcare.Id, Name = webcare.Name, Email = webcare.Email, OrgUnitId = Unit(units, "Winkels Noord").Id, Role = webcare.Role, Version = webcare.Version });
            var zuid = (await organisation.GetPeopleAsync(new PeopleQuery { UnitId = Unit(units, "Winkels Zuid").Id, PageSize = 100 })).Items.First(p => p.Role == PortalRole.Employee);
            await organisation.SetPersonActiveAsync(zuid.Id, false, zuid.Version);
        });

        var after = await EveryFigureAsync();

        ClosedRoundFigures.AssertUnchanged(before, after, "the reorganisation");
        // And the moved unit is where the rounds recorded it: at the top, not under Marketing or Klantenservice.
        await using var director = await factory.AsAsync(Director);
        var round = (await director.Get<EngagementResultsService>().GetRoundsAsync()).First(r => r.State == RoundState.Closed);
        var results = await director.Get<EngagementResultsService>().GetResultsAsync(round.RoundId);
        var company = results.Units.Single(u => u.ParentId is null);
        Assert.Equal(company.UnitId, results.Units.Single(u => u.Name == "Directie").ParentId);
        Assert.Contains(results.Units, u => u.Name == "Klantenservice");
        Assert.Contains(results.Units, u => u.Name == "Logistiek");
    }
}

public sealed class ReorganisationTests_Sqlite(SqliteDemoPortal factory) : ReorganisationTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ReorganisationTests_PostgreSql(PostgreSqlDemoPortal factory) : ReorganisationTests(factory), IClassFixture<PostgreSqlDemoPortal>;
