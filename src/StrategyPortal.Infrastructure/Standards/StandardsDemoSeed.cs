using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Standards;

/// <summary>
/// The demo company's service strategy and standards. It moved from cost leadership to customer intimacy
/// eight quarters ago; ~25 active standards over its units carry results for the eight history quarters.
/// The story: stores and webcare improve, IT catches up, and Klantenservice slips in the last three
/// quarters (other features tie engagement dips and complaints to that). No unit owns a self-service standard,
/// so the strategy page shows a coverage gap, and the leftovers of cost leadership give the proposal work to do.
/// </summary>
public sealed class StandardsDemoSeed : IDemoSeedStep
{
    public int Order => 10;

    /// <summary>
    /// The measurement noise comes from a stream of its own, seeded with a constant: as deterministic as
    /// <c>context.Random</c>, without shifting the numbers the later steps (pulses, scores) draw from it.
    /// </summary>
    private const int NoiseSeed = 2026_0003;

    /// <summary>One demo standard: a template (or own text), its unit, target, the eight results oldest first, and an optional earlier target.</summary>
    private sealed record Plan(string Unit, string? Code, double[] Values, double? Target = null, OwnStandard? Own = null,
        (double Target, int FromIndex)? EarlierTarget = null, StandardStatus Status = StandardStatus.Active, int? RetiredFromIndex = null);

    private sealed record OwnStandard(string Title, string Description, ServiceAspect Aspect, ServiceChannel Channel, RaterDimension Rater, string Metric,
        MetricUnit Unit, MetricDirection Direction);

    private static readonly Plan[] Plans =
    [
        // Klantenservice: good until two to three quarters ago, then slipping.
        new("Klantenservice", "CI-01", [88, 90, 92, 94, 96, 93, 87, 82]),
        new("Klantenservice", "CI-02", [90, 93, 95, 97, 98, 97, 94, 91]),
        new("Klantenservice", "CI-13", [95, 96, 97, 98, 99, 97, 93, 89]),
        new("Klantenservice", "CI-11", [70, 74, 78, 82, 86, 84, 79, 74], EarlierTarget: (75, 4)),
        new("Klantenservice", "CI-09", [22, 26, 30, 34, 38, 35, 27, 19]),
        new("Klantenservice", "CI-05", [10, 9.5, 9, 8.5, 7.8, 8.2, 11, 14]),
        new("Klantenservice", "CL-12", [72, 74, 75, 76, 78, 71, 64, 58]),
        // Left over from the cost-leadership years: the proposal suggests lowering and retiring these.
        new("Klantenservice", "CL-02", [6.2, 6.0, 5.8, 5.6, 5.5, 5.9, 6.4, 7.1], Target: 5),
        new("Klantenservice", "CL-10", [30, 32, 33, 35, 34, 36, 35, 33], Target: 50),
        new("Klantenservice", null, [], Status: StandardStatus.Draft, Own: new(
            "Videogesprek bij complexe vragen", "Klanten met een complexe vraag krijgen binnen twee werkdagen een videogesprek met een specialist aangeboden.",
            ServiceAspect.Systems, ServiceChannel.Any, RaterDimension.Empathy, "% complexe vragen met aanbod voor een videogesprek", MetricUnit.Percent, MetricDirection.HigherIsBetter), Target: 50),

        // Webcare: steadily faster and more connected to marketing.
        new("Webcare", "CI-06", [150, 120, 95, 80, 70, 62, 55, 48], EarlierTarget: (120, 3)),
        new("Webcare", "CI-12", [50, 62, 69, 77, 85, 92, 100, 100]),
        new("Webcare", null, [80, 82, 85, 86, 88, 90, 91, 93], Target: 90, Own: new(
            "Tone of voice van webcare-reacties gecontroleerd", "Een collega leest elke week een steekproef van reacties: persoonlijk, warm en in onze eigen woorden.",
            ServiceAspect.Behaviour, ServiceChannel.SocialMedia, RaterDimension.Empathy, "% reacties in de steekproef in onze tone of voice", MetricUnit.Percent, MetricDirection.HigherIsBetter)),

        // Stores: Noord improves, Zuid slowly slips on satisfaction.
        new("Winkels Noord", "CI-04", [84, 85, 87, 88, 89, 91, 92, 93]),
        new("Winkels Noord", "CI-14", [55, 62, 68, 74, 80, 85, 88, 91]),
        new("Winkels Noord", "CL-08", [4.5, 4.8, 5.0, 5.2, 5.5, 5.9, 6.3, 6.8]),
        new("Winkels Noord", null, [70, 72, 71, 69, 0, 0, 0, 0], Target: 80, RetiredFromIndex: 4, Own: new(
            "Folder meegegeven bij elke aankoop", "Elke klant vertrekt met de actuele folder.",
            ServiceAspect.Behaviour, ServiceChannel.Store, RaterDimension.Tangibles, "% aankopen waarbij een folder is meegegeven", MetricUnit.Percent, MetricDirection.HigherIsBetter)),
        new("Winkels Zuid", "CI-04", [86, 85, 84, 83, 82, 80, 79, 78]),
        new("Winkels Zuid", "CI-14", [60, 63, 65, 66, 70, 72, 75, 77]),
        new("Winkels Zuid", "PL-04", [70, 75, 78, 80, 82, 85, 84, 86]),

        // Marketing: promises checked with service first, feedback flows on.
        new("Marketing", null, [40, 50, 60, 70, 75, 80, 85, 90], Target: 100, Own: new(
            "Campagnebeloftes vooraf getoetst bij klantenservice", "Geen campagne gaat de deur uit voordat klantenservice heeft bevestigd dat de belofte waargemaakt kan worden.",
            ServiceAspect.Steering, ServiceChannel.Any, RaterDimension.Reliability, "% campagnes vooraf getoetst bij klantenservice", MetricUnit.Percent, MetricDirection.HigherIsBetter)),
        new("Marketing", "PL-03", [40, 45, 50, 55, 60, 62, 65, 70]),

        // IT: the systems catch up with the customer-intimacy ambition. Nobody owns a self-service standard: a coverage gap.
        new("IT", "CI-10", [40, 55, 68, 79, 86, 91, 94, 96]),
        new("IT", "CI-08", [20, 30, 41, 52, 60, 66, 71, 75]),
        new("IT", "PL-10", [12, 11, 10, 9, 8, 7, 6, 5]),

        // Logistiek: customers hear where their order is, and get it when promised.
        new("Logistiek", "CL-14", [60, 66, 72, 78, 83, 87, 90, 92]),
        new("Logistiek", null, [90, 91, 93, 94, 95, 96, 95, 97], Target: 95, Own: new(
            "Geleverd op de beloofde dag", "De bestelling komt aan op de dag die we de klant beloofden, of de klant hoort vóór die dag dat het niet lukt.",
            ServiceAspect.Behaviour, ServiceChannel.Any, RaterDimension.Reliability, "% bestellingen geleverd op de beloofde dag", MetricUnit.Percent, MetricDirection.HigherIsBetter)),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var quarters = context.HistoryQuarters;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        var director = people.First(p => p.Role == PortalRole.Director);
        var administrator = people.First(p => p.Role == PortalRole.Administrator);

        db.ServiceStrategyChoices.Add(new ServiceStrategyChoice(ValueDiscipline.CostLeadership,
            "Prijsdruk van webwinkels: we concurreren op lage prijzen en een soepele, goedkope service. Eerst selfservice, korte gesprekken.",
            quarters[0].Previous.Previous.Previous.Previous, director.Id, director.Name, At(quarters[0].Previous.Previous.Previous.Previous.Previous, 40)));
        db.ServiceStrategyChoices.Add(new ServiceStrategyChoice(ValueDiscipline.CustomerIntimacy,
            "Klanten vertrekken vanwege de service, niet de prijs (70% tegen 25% in het Purdue-onderzoek). We kennen onze klanten en volgen ze persoonlijk op; de andere disciplines houden drempelniveau.",
            quarters[0], director.Id, director.Name, At(quarters[0].Previous, 60)));

        var created = new List<(ServiceStandard Standard, Plan Plan, Editor Editor)>();
        foreach (var plan in Plans)
        {
            var unitId = units[plan.Unit];
            var owner = people.FirstOrDefault(p => p.OrgUnitId == unitId && p.Role == PortalRole.Manager) ?? administrator;
            var editor = new Editor(owner.Id, owner.Name, At(quarters[0], 3));
            StandardDefinition definition;
            if (plan.Own is { } own)
            {
                definition = new StandardDefinition(own.Title, own.Description, own.Aspect, own.Channel, own.Rater, own.Metric, own.Unit, own.Direction, plan.Target ?? 0, null);
            }
            else
            {
                var template = StandardCatalogue.Find(plan.Code)!;
                definition = template.DefinitionFor(ValueDiscipline.CustomerIntimacy, "nl");
                if (plan.Target is { } target) definition = definition with { Target = target };
            }
            var first = plan.EarlierTarget is { } earlier ? definition with { Target = earlier.Target } : definition;
            var standard = new ServiceStandard(unitId, plan.Code, first, plan.Status, quarters[0], editor);
            if (plan.EarlierTarget is { } change)
                standard.Revise(definition, unitId, quarters[change.FromIndex], editor with { AtUtc = At(quarters[change.FromIndex], 2) });
            if (plan.RetiredFromIndex is { } retired)
                standard.Retire(quarters[retired], editor with { AtUtc = At(quarters[retired], 1) });
            db.ServiceStandards.Add(standard);
            created.Add((standard, plan, editor));
        }
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(NoiseSeed);
        foreach (var (standard, plan, editor) in created)
        {
            for (var i = 0; i < plan.Values.Length && i < quarters.Count; i++)
            {
                var quarter = quarters[i];
                if (standard.VersionFor(quarter) is not { Status: StandardStatus.Active } version) continue;
                var (min, max) = MetricUnits.RangeOf(version.Unit);
                var noise = (random.NextDouble() - 0.5) * NoiseFor(version.Unit);
                var value = Math.Round(Math.Clamp(plan.Values[i] + noise, min, max), 1);
                var recordedAt = i == quarters.Count - 1 ? context.Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : At(quarter.Next, 5);
                db.StandardResults.Add(standard.RecordResult(quarter, value, editor with { AtUtc = recordedAt }));
            }
        }
    }

    private static double NoiseFor(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => 0.8,
        MetricUnit.Minutes or MetricUnit.Hours => 0.3,
        _ => 0.5,
    };

    private static DateTime At(Quarter quarter, int day) => quarter.Start.AddDays(day).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
}
