using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Organisation;

/// <summary>The demo company's tree and people, and one sign-in account per role.</summary>
public sealed class OrganisationDemoSeed(IAccountService accounts, DemoOptions demo) : IDemoSeedStep
{
    public const string CompanyName = "Noordlicht Retail B.V.";

    public int Order => 0;

    /// <summary>The demo accounts: shown on the sign-in page while demo data is on.</summary>
    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("Sanne de Vries", "beheerder@noordlicht.example", PortalRole.Administrator, "IT"),
        new("Pieter Jansen", "directeur@noordlicht.example", PortalRole.Director, "Directie"),
        new("Fatima el Amrani", "manager.klantenservice@noordlicht.example", PortalRole.Manager, "Klantenservice"),
        new("Joris Bakker", "manager.marketing@noordlicht.example", PortalRole.Manager, "Marketing"),
        new("Lotte Visser", "medewerker@noordlicht.example", PortalRole.Employee, "Klantenservice"),
    ];

    private static readonly (string Name, OrgUnitKind Kind, string? Parent, int People)[] Units =
    [
        (CompanyName, OrgUnitKind.Other, null, 0),
        ("Directie", OrgUnitKind.Other, CompanyName, 2),
        ("Marketing", OrgUnitKind.Marketing, CompanyName, 6),
        ("Klantenservice", OrgUnitKind.CustomerService, CompanyName, 12),
        ("Webcare", OrgUnitKind.CustomerService, "Klantenservice", 5),
        ("Winkels", OrgUnitKind.Sales, CompanyName, 1),
        ("Winkels Noord", OrgUnitKind.Sales, "Winkels", 12),
        ("Winkels Zuid", OrgUnitKind.Sales, "Winkels", 11),
        ("Logistiek", OrgUnitKind.Operations, CompanyName, 4),
        ("IT", OrgUnitKind.IT, CompanyName, 3),
    ];

    private static readonly string[] FirstNames =
    [
        "Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess", "Finn", "Sophie", "Noah", "Zoë", "Milan", "Sara",
        "Bram", "Eva", "Thijs", "Noor", "Jesse", "Lieke", "Ruben", "Fleur", "Mohamed", "Yara", "Stijn", "Iris", "Koen", "Anouk",
        "Mehmet", "Ilse", "Wouter", "Esra", "Gijs", "Femke", "Jayden", "Lynn", "Tim", "Romy", "Niels", "Amira",
    ];

    private static readonly string[] LastNames =
    [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
        "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Yilmaz", "Haddou", "van der Linden",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var byName = new Dictionary<string, OrgUnit>();
        foreach (var (name, kind, parent, _) in Units)
        {
            var unit = new OrgUnit(name, kind, parent is null ? null : byName[parent].Id);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync(cancellationToken);
            byName[name] = unit;
        }

        var emails = new HashSet<string>();
        foreach (var account in Accounts)
        {
            var person = new Person(account.Name, account.Email, byName[account.Unit].Id, account.Role);
            db.People.Add(person);
            emails.Add(person.Email);
        }

        var index = 0;
        foreach (var (unitName, _, _, count) in Units)
        {
            for (var i = 0; i < count; i++, index++)
            {
                var first = FirstNames[(index * 7) % FirstNames.Length];
                var last = LastNames[(index * 11 + 3) % LastNames.Length];
                var email = $"{first}.{last}".ToLowerInvariant().Replace(" ", string.Empty).Replace("ë", "e") + "@noordlicht.example";
                if (!emails.Add(email)) email = email.Replace("@", $"{index}@");
                emails.Add(email);
                var role = i == 0 && unitName is "Winkels Noord" or "Winkels Zuid" or "Webcare" or "Logistiek" ? PortalRole.Manager : PortalRole.Employee;
                db.People.Add(new Person($"{first} {last}", email, byName[unitName].Id, role));
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        foreach (var account in Accounts)
        {
            var person = await db.People.FirstAsync(p => p.Email == account.Email, cancellationToken);
            await accounts.CreateLoginAsync(person.Id, person.Email, demo.Password, cancellationToken);
        }
    }
}

public sealed record DemoAccount(string Name, string Email, PortalRole Role, string Unit);
