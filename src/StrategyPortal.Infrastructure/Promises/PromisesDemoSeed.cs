using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Promises;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Promises;

/// <summary>
/// The demo retailer's capabilities, a dozen campaign promises over the eight history quarters and the service signals that
/// explain their verdicts. Capabilities grow quarter by quarter (WhatsApp hours, Saturday delivery, track &amp; trace), and
/// each quarter is evaluated with the capabilities as they were then, so the history shows the gap closing and opening.
/// Draws nothing from the shared random stream: the later steps see the same numbers as before.
/// </summary>
public sealed class PromisesDemoSeed(PromiseCheckRunner runner) : IDemoSeedStep
{
    public int Order => 20;

    private sealed record CapabilityPlan(string Key, string Unit, string Name, CapabilityArea Area, string Description, ServiceChannel[] Channels,
        (int FromIndex, int Maturity, string Hours, int? Capacity, string Evidence)[] Steps, (string Unit, string CodeOrTitle)[] Standards);

    private sealed record RequirementPlan(string Capability, int MinMaturity, ServiceChannel[] Channels, string Hours = "", int? Capacity = null);

    private sealed record PromisePlan(string Claim, string Campaign, ServiceChannel[] Channels, int FromIndex, int FromDay, int? ToIndex, int ToDay,
        RequirementPlan[] Requirements, (string Unit, string CodeOrTitle)[]? Standards = null);

    private sealed record SignalPlan(string Unit, int Index, int Day, SignalKind Kind, ServiceChannel Channel, int Count, string Text, string? Claim,
        bool Forwarded, bool Acknowledged);

    private static readonly CapabilityPlan[] Capabilities =
    [
        new("phone", "Klantenservice", "Telefonische klantenservice", CapabilityArea.Processes,
            "Klanten bellen met vragen over bestellingen, levering en retouren; een vast team met terugbelplanning.",
            [ServiceChannel.Phone], [(0, 3, "Mon-Fri 08:00-20:00; Sat 09:00-17:00", 1200, "Bereikbaarheid en terugbelplanning gemeten per week.")],
            [("Klantenservice", "CI-01")]),
        new("knowledge", "Klantenservice", "Productkennis van medewerkers", CapabilityArea.Knowledge,
            "Medewerkers kennen het assortiment en vinden het antwoord in de kennisbank.",
            [ServiceChannel.Any], [(0, 3, "", null, "Kennistoets: 70% slaagt."), (4, 4, "", null, "Kennisbank vernieuwd, kennistoets: 88% slaagt.")], []),
        new("returns", "Klantenservice", "Retourafhandeling", CapabilityArea.Processes,
            "Retouren worden gecontroleerd en binnen vijf werkdagen terugbetaald.",
            [ServiceChannel.Email, ServiceChannel.SelfService], [(0, 3, "Mon-Fri 08:00-17:00", 500, "92% binnen vijf werkdagen terugbetaald.")], []),
        new("whatsapp", "Webcare", "WhatsApp- en social-mediaservice", CapabilityArea.Processes,
            "Webcare beantwoordt berichten via WhatsApp, Facebook en Instagram.",
            [ServiceChannel.Chat, ServiceChannel.SocialMedia],
            [(0, 2, "Mon-Fri 09:00-17:00", 150, "Twee medewerkers, alleen kantoortijden."),
             (4, 3, "Mon-Sat 08:00-22:00", 400, "Avond- en zaterdagdiensten, vijf medewerkers.")],
            [("Webcare", "CI-06")]),
        new("tone", "Webcare", "Persoonlijke tone of voice", CapabilityArea.Skills,
            "Reacties zijn persoonlijk, warm en in onze eigen woorden.",
            [ServiceChannel.SocialMedia], [(0, 3, "", null, "Steekproef: 82% in onze tone of voice."), (5, 4, "", null, "Training gevolgd; steekproef 90%.")],
            [("Webcare", "Tone of voice van webcare-reacties gecontroleerd")]),
        new("saturday", "Logistiek", "Zaterdagbezorging", CapabilityArea.Processes,
            "Eigen bezorgers en een vervoerder bezorgen op zaterdag.",
            [ServiceChannel.Any],
            [(0, 2, "Sat 08:00-17:00", 300, "Eén vervoerder, bezorgvenster tot 17.00 uur."),
             (6, 4, "Sat 08:00-17:00", 900, "Tweede vervoerder en ritplanning op tijdvak; 96% op tijd.")],
            [("Logistiek", "Geleverd op de beloofde dag")]),
        new("tracking", "IT", "Track & trace van bestellingen", CapabilityArea.Systems,
            "Klanten volgen hun bestelling in de webshop en krijgen een bericht bij vertraging.",
            [ServiceChannel.SelfService],
            [(0, 2, "24/7", null, "Alleen de link van de vervoerder."), (3, 3, "24/7", null, "Eigen volgpagina met bezorgvenster."),
             (6, 4, "24/7", null, "Live volgen en automatisch bericht bij vertraging.")],
            [("Logistiek", "CL-14")]),
        new("crm", "IT", "Klantbeeld voor medewerkers (CRM)", CapabilityArea.Systems,
            "Medewerkers zien eerdere contacten en bestellingen van de klant, op elk kanaal.",
            [ServiceChannel.Any], [(0, 2, "", null, "Losse systemen per kanaal."), (5, 3, "", null, "Eén klantbeeld voor telefoon, chat en winkel.")], []),
        new("store", "Winkels Noord", "Persoonlijk advies in de winkel", CapabilityArea.Skills,
            "Verkopers nemen de tijd voor advies en kennen de producten.",
            [ServiceChannel.Store], [(0, 4, "Mon-Sat 09:00-18:00", null, "Mystery shopping: 4,3 van 5.")], [("Winkels Noord", "CI-04")]),
    ];

    private static readonly PromisePlan[] Promises =
    [
        new("Bij twijfel bellen we je binnen een uur terug", "Klantbelofte", [ServiceChannel.Phone], 0, 10, null, 0,
            [new("phone", 3, [ServiceChannel.Phone], "Mon-Fri 09:00-17:00", 1000)]),
        new("Onze adviseurs kennen elk product", "Lentecampagne", [ServiceChannel.Store, ServiceChannel.Phone], 1, 5, 2, 80,
            [new("knowledge", 4, [])]),
        new("Retour binnen 5 werkdagen terugbetaald", "Zomer Sale", [ServiceChannel.Email, ServiceChannel.SelfService], 2, 1, 3, 30,
            [new("returns", 3, [ServiceChannel.Email])]),
        new("Volg je pakket live", "Nieuwe webshop", [ServiceChannel.SelfService], 2, 15, null, 0,
            [new("tracking", 3, [ServiceChannel.SelfService], "24/7")]),
        new("Op zaterdag om 15.00 uur bezorgd", "Weekendbezorging", [ServiceChannel.SelfService], 2, 40, null, 0,
            [new("saturday", 3, [], "Sat 08:00-15:00", 800), new("tracking", 3, [ServiceChannel.SelfService])]),
        new("Altijd een persoonlijk antwoord op social media", "Altijd dichtbij", [ServiceChannel.SocialMedia], 3, 1, null, 0,
            [new("tone", 4, [ServiceChannel.SocialMedia]), new("whatsapp", 2, [ServiceChannel.SocialMedia])]),
        new("Black Friday: tot 22.00 uur telefonisch bereikbaar", "Black Friday", [ServiceChannel.Phone], 3, 50, 3, 62,
            [new("phone", 3, [ServiceChannel.Phone], "Mon-Fri 08:00-22:00", 2000)]),
        new("Vandaag besteld, morgen in huis – ook in de kerstdrukte", "Kerst", [ServiceChannel.SelfService], 3, 62, 3, 85,
            [new("saturday", 3, [], "", 800), new("tracking", 3, [ServiceChannel.SelfService])]),
        new("Iedere klant herkend, via welk kanaal ook", "Klantbelofte", [ServiceChannel.Phone, ServiceChannel.Chat, ServiceChannel.Store], 4, 1, null, 0,
            [new("crm", 3, [])]),
        new("24/7 bereikbaar via WhatsApp", "Altijd dichtbij", [ServiceChannel.Chat], 5, 1, null, 0,
            [new("whatsapp", 3, [ServiceChannel.Chat], "24/7", 300)]),
        new("Persoonlijk advies in elke winkel, ook op zaterdag", "Lentecampagne", [ServiceChannel.Store], 5, 20, null, 0,
            [new("store", 4, [ServiceChannel.Store], "Sat 10:00-17:00")]),
        new("Vragen via chat? Binnen 2 minuten antwoord", "Nieuwe webshop", [ServiceChannel.Chat], 6, 1, null, 0,
            [new("whatsapp", 3, [ServiceChannel.Chat], "Mon-Fri 09:00-17:00", 300)]),
    ];

    private static readonly SignalPlan[] Signals =
    [
        new("Klantenservice", 1, 30, SignalKind.Complaint, ServiceChannel.Phone, 4, "Klant kreeg geen antwoord op een vraag over een wasmachine.", "Onze adviseurs kennen elk product", true, true),
        new("Klantenservice", 2, 40, SignalKind.Complaint, ServiceChannel.Phone, 11, "Adviseur wist niet of de onderdelen nog leverbaar zijn.", "Onze adviseurs kennen elk product", true, true),
        new("Klantenservice", 3, 20, SignalKind.Question, ServiceChannel.Email, 6, "Waar blijft mijn terugbetaling? Vijf werkdagen verstreken.", "Retour binnen 5 werkdagen terugbetaald", true, true),
        new("Klantenservice", 3, 55, SignalKind.Complaint, ServiceChannel.Phone, 14, "Na 20.00 uur geen gehoor, terwijl de Black Friday-mail 22.00 uur belooft.", "Black Friday: tot 22.00 uur telefonisch bereikbaar", true, true),
        new("Klantenservice", 4, 25, SignalKind.Complaint, ServiceChannel.Phone, 15, "Volgpagina toont al twee dagen 'onderweg'; klant belt ons.", "Volg je pakket live", true, true),
        new("Webcare", 4, 30, SignalKind.Compliment, ServiceChannel.SocialMedia, 8, "Blij met het snelle, persoonlijke antwoord op Instagram.", "Altijd een persoonlijk antwoord op social media", true, true),
        new("Klantenservice", 5, 35, SignalKind.Complaint, ServiceChannel.Phone, 9, "Pakket kwam zaterdag pas om 16.30 uur.", "Op zaterdag om 15.00 uur bezorgd", true, true),
        new("Webcare", 5, 40, SignalKind.Complaint, ServiceChannel.Chat, 7, "WhatsApp-bericht op zondag pas maandag beantwoord.", "24/7 bereikbaar via WhatsApp", true, true),
        new("Webcare", 6, 20, SignalKind.Complaint, ServiceChannel.Chat, 6, "'s Nachts geen antwoord via WhatsApp.", "24/7 bereikbaar via WhatsApp", true, true),
        new("Klantenservice", 6, 45, SignalKind.Compliment, ServiceChannel.Phone, 5, "Klant werd herkend en hoefde zijn verhaal niet opnieuw te doen.", "Iedere klant herkend, via welk kanaal ook", true, true),
        new("Klantenservice", 7, 5, SignalKind.Complaint, ServiceChannel.Phone, 12, "Zaterdagbezorging na 15.00 uur door drukte bij de tweede vervoerder.", "Op zaterdag om 15.00 uur bezorgd", true, true),
        new("Webcare", 7, 10, SignalKind.Complaint, ServiceChannel.Chat, 11, "Chat: wachttijd van tien minuten op maandagochtend.", "Vragen via chat? Binnen 2 minuten antwoord", true, false),
        new("Webcare", 7, 12, SignalKind.Complaint, ServiceChannel.Chat, 4, "Om 23.00 uur geen reactie op WhatsApp.", "24/7 bereikbaar via WhatsApp", true, false),
        new("Klantenservice", 7, 15, SignalKind.Question, ServiceChannel.Phone, 3, "Kan ik mijn bestelling op zaterdag ophalen in de winkel?", null, false, false),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var quarters = context.HistoryQuarters;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        var marketer = people.First(p => p.Email == "manager.marketing@noordlicht.example");
        var serviceManager = people.First(p => p.Email == "manager.klantenservice@noordlicht.example");
        var webcare = people.FirstOrDefault(p => p.OrgUnitId == units["Webcare"] && p.Role == PortalRole.Manager) ?? serviceManager;
        var standards = await db.ServiceStandards.AsNoTracking().ToListAsync(cancellationToken);

        int? StandardId(string unit, string codeOrTitle) => standards.FirstOrDefault(s => s.OwnerUnitId == units[unit] && s.Status != StandardStatus.Retired
            && (s.TemplateCode == codeOrTitle || s.Title == codeOrTitle))?.Id;

        // Capabilities as they were in the first history quarter.
        var capabilities = new Dictionary<string, Capability>();
        foreach (var plan in Capabilities)
        {
            var step = plan.Steps[0];
            var capability = new Capability(units[plan.Unit], plan.Name, plan.Area, plan.Description, step.Maturity, step.Evidence, plan.Channels,
                ServiceHours.Parse(step.Hours), step.Capacity, plan.Standards.Select(s => StandardId(s.Unit, s.CodeOrTitle)).OfType<int>());
            db.Capabilities.Add(capability);
            capabilities[plan.Key] = capability;
        }
        await db.SaveChangesAsync(cancellationToken);

        DateOnly Day(int index, int day) => index >= quarters.Count ? context.Today : Min(quarters[index].Start.AddDays(day), index == quarters.Count - 1 ? context.Today : quarters[index].End);

        var promises = new Dictionary<string, MarketingPromise>();
        foreach (var plan in Promises)
        {
            var from = Day(plan.FromIndex, plan.FromDay);
            DateOnly? to = plan.ToIndex is { } toIndex ? Day(toIndex, plan.ToDay) : null;
            if (to is { } end && end <= from) to = from.AddDays(1);
            var promise = new MarketingPromise(plan.Claim, plan.Channels, plan.Campaign, marketer.Id, units["Marketing"], from, to,
                (plan.Standards ?? []).Select(s => StandardId(s.Unit, s.CodeOrTitle)).OfType<int>());
            promise.SetRequirements(plan.Requirements.Select(r => new PromiseRequirement(capabilities[r.Capability].Id, r.MinMaturity, r.Channels,
                ServiceHours.Parse(r.Hours), r.Capacity)));
            db.MarketingPromises.Add(promise);
            promises[plan.Claim] = promise;
        }
        await db.SaveChangesAsync(cancellationToken);

        foreach (var plan in Signals)
        {
            var date = Day(plan.Index, plan.Day);
            var logger = plan.Unit == "Webcare" ? webcare : serviceManager;
            var at = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var signal = new ServiceSignal(units[plan.Unit], plan.Kind, plan.Channel, date, plan.Count, plan.Text,
                plan.Claim is null ? null : promises[plan.Claim].Id, logger.Id, logger.Name, at);
            if (plan.Forwarded) signal.Forward(logger.Id, logger.Name, at.AddHours(1));
            if (plan.Acknowledged) signal.Acknowledge(marketer.Id, marketer.Name, at.AddDays(1));
            db.ServiceSignals.Add(signal);
        }
        await db.SaveChangesAsync(cancellationToken);

        // Quarter by quarter: capabilities as they were then, then the check of that quarter.
        for (var i = 0; i < quarters.Count; i++)
        {
            foreach (var plan in Capabilities)
            {
                if (plan.Steps.Where(s => s.FromIndex == i && i > 0).Select(s => (true, s)).FirstOrDefault() is not (true, var step)) continue;
                var c = capabilities[plan.Key];
                c.Update(c.OwnerUnitId, c.Name, c.Area, c.Description, step.Maturity, step.Evidence, c.Channels, ServiceHours.Parse(step.Hours), step.Capacity, c.StandardIds);
            }
            await db.SaveChangesAsync(cancellationToken);
            var evaluatedAt = i == quarters.Count - 1 ? context.Today.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc) : quarters[i].End.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc);
            await runner.RefreshAsync(db, null, quarters[i], evaluatedAt, cancellationToken);
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
