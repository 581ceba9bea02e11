using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.ScaleOutTests.Harness;

public sealed record Employee(int PersonId, string Email);

/// <summary>What the scenarios add to the demo company, through the application's own services as its administrator.</summary>
public static class Company
{
    public const string Administrator = "beheerder@noordlicht.example";
    public const string Director = "directeur@noordlicht.example";
    public const string Employee = "medewerker@noordlicht.example";
    public const string DemoPassword = "Noordlicht-Demo-2026";

    /// <summary><paramref name="count"/> employees spread over the company's units, each with a sign-in account.</summary>
    public static async Task<IReadOnlyList<Employee>> AddEmployeesAsync(PortalServices portal, int count)
    {
        var employees = new List<Employee>(count);
        await using (var admin = await portal.AsAsync(Administrator))
        {
            var organisation = admin.ServiceProvider.GetRequiredService<OrganisationService>();
            var units = (await organisation.GetUnitsAsync()).Where(u => u.ParentId is not null).Select(u => u.Id).ToList();
            for (var i = 0; i < count; i++)
            {
                var email = $"medewerker{i:000}@schaal.example";
                var id = await organisation.CreatePersonAsync(new PersonInput
                {
                    Name = $"Medewerker {i:000}", Email = email, OrgUnitId = units[i % units.Count], Role = PortalRole.Employee,
                });
                employees.Add(new Employee(id, email));
            }
        }
        await portal.CreateAccountsAsync(employees.Select(e => (e.PersonId, e.Email)));
        return employees;
    }

    /// <summary>Units under the company until it has <paramref name="total"/> active units below the top (one scorecard each).</summary>
    public static async Task AddUnitsUpToAsync(PortalServices portal, int total)
    {
        await using var admin = await portal.AsAsync(Administrator);
        var organisation = admin.ServiceProvider.GetRequiredService<OrganisationService>();
        var units = await organisation.GetUnitsAsync();
        var root = units.Single(u => u.ParentId is null).Id;
        for (var n = units.Count(u => u.ParentId is not null && u.IsActive) + 1; n <= total; n++)
            await organisation.CreateUnitAsync(new UnitInput { Name = $"Filiaal {n:00}", Kind = OrgUnitKind.Other, ParentId = root });
    }

    /// <summary>A pulse for the whole company, open from today, with the question bank's active items. Returns its round's id.</summary>
    public static async Task<int> OpenPulseAsync(PortalServices portal, string title)
    {
        await using var admin = await portal.AsAsync(Administrator);
        int root;
        List<int> questions;
        await using (var db = portal.NewDbContext())
        {
            root = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync();
            var active = await db.PulseQuestions.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.Id).ToListAsync();
            questions = active.Where(q => q.Kind != QuestionKind.Enps).Select(q => q.Id)
                .Concat(active.Where(q => q.Kind == QuestionKind.Enps).Take(1).Select(q => q.Id)).ToList();
        }
        var schedule = admin.ServiceProvider.GetRequiredService<PulseScheduleService>();
        var surveyId = await schedule.ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = schedule.Today, ClosesOn = schedule.Today.AddDays(14),
            QuestionIds = questions, AudienceUnitIds = [root],
        });
        await using var check = portal.NewDbContext();
        return await check.PulseRounds.Where(r => r.SurveyId == surveyId).Select(r => r.Id).SingleAsync();
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
