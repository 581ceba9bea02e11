using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Actions;

/// <summary>
/// A dozen actions of the demo company over the last quarters, each started from a cause through the same rules as in the
/// portal (<see cref="ActionCauses"/>): standards that went amber or red, an unbacked promise, engagement cells that were
/// shown (the first candidate unit whose detail the round shows), customer scores and a complaint signal. Some moved their standard or score (Webcare's reply time went green),
/// some did not (the e-mail answer time got worse), one was dropped, one is overdue and one is due soon for the
/// Klantenservice manager. Klantenservice's other red standards stay without an action, so "nothing red goes unowned"
/// has something to show. Draws nothing from the shared random stream.
/// </summary>
public sealed class ActionsDemoSeed(ActionCauses causes) : IDemoSeedStep
{
    public int Order => 50;

    private sealed record CheckInPlan(DateOnly On, string Note, ActionStatus? Status = null, string? Reason = null);

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var quarters = context.HistoryQuarters;
        var today = context.Today;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var standards = await db.ServiceStandards.AsNoTracking().ToListAsync(cancellationToken);
        if (quarters.Count < 8 || standards.Count == 0) return;

        Person Account(string email) => people.First(p => p.Email == email);
        Person ManagerOf(string unit) => people.FirstOrDefault(p => p.OrgUnitId == units[unit] && p.Role == PortalRole.Manager) ?? Account("directeur@noordlicht.example");
        Person EmployeeOf(string unit) => people.First(p => p.OrgUnitId == units[unit] && p.Role == PortalRole.Employee);
        var director = Account("directeur@noordlicht.example");
        var service = Account("manager.klantenservice@noordlicht.example");
        var marketing = Account("manager.marketing@noordlicht.example");
        var employee = Account("medewerker@noordlicht.example");
        int Standard(string unit, string codeOrTitle) => standards.First(s => s.OwnerUnitId == units[unit] && (s.TemplateCode == codeOrTitle || s.Title == codeOrTitle)).Id;
        // A day in history quarter i, never after today.
        DateOnly Day(int index, int day) => Min(quarters[index].Start.AddDays(day), index == quarters.Count - 1 ? today : quarters[index].End);

        async Task Add(string title, string description, string unit, ActionCauseRef cause, Person owner, Person creator, DateOnly createdOn, DateOnly due,
            params CheckInPlan[] checkIns)
        {
            var actionCause = await causes.ResolveForCompanyAsync(db, cause, context.CurrentQuarter, cancellationToken);
            var action = new ImprovementAction(title, description, owner.Id, units[unit], due, actionCause, creator.Id,
                createdOn.ToDateTime(new TimeOnly(9, 30), DateTimeKind.Utc), createdOn);
            foreach (var c in checkIns)
                action.CheckIn(c.On, c.Note, c.Status, c.Reason, owner.Id, c.On.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), today);
            db.ImprovementActions.Add(action);
        }

        async Task<string?> ShownUnitAsync(int roundId, int questionId, params string[] candidates)
        {
            foreach (var unit in candidates)
            {
                try
                {
                    await causes.ResolveForCompanyAsync(db, ActionCauseRef.OfEngagement(roundId, units[unit], questionId), context.CurrentQuarter, cancellationToken);
                    return unit;
                }
                catch (ValidationFailedException) { }
            }
            return null;
        }

        // Webcare's reply time was red; evening and weekend shifts made it green (moved its standard).
        var webcare = ManagerOf("Webcare");
        await Add("Avond- en weekenddiensten voor webcare", "Twee extra collega's op de avond en zaterdag, zodat berichten binnen het uur een antwoord krijgen.",
            "Webcare", ActionCauseRef.OfStandard(Standard("Webcare", "CI-06"), quarters[4]), webcare, webcare, Day(4, 20), Day(5, 60),
            new CheckInPlan(Day(4, 35), "Roosters aangepast, avonddienst gestart.", ActionStatus.InProgress),
            new CheckInPlan(Day(5, 30), "Zaterdagdienst draait; reactietijd daalt."),
            new CheckInPlan(Day(6, 10), "Beide diensten vast in het rooster.", ActionStatus.Done));

        // IT records preferences in the CRM: better, not yet green (still open).
        await Add("Voorkeurskanaal vastleggen in het CRM", "Bij elk contact vragen we naar het voorkeurskanaal en de beste tijden, en leggen we ze vast.",
            "IT", ActionCauseRef.OfStandard(Standard("IT", "CI-08"), quarters[5]), EmployeeOf("IT"), director, Day(5, 15), today.AddDays(40),
            new CheckInPlan(Day(5, 40), "Velden toegevoegd aan het klantbeeld.", ActionStatus.InProgress),
            new CheckInPlan(Day(6, 50), "Teams gebruiken de velden; nog niet in de winkels."));

        // Klantenservice's e-mail answer time: new templates, but it got worse (did not move it).
        await Add("Nieuwe e-mailsjablonen met persoonlijke aanhef", "Sjablonen die een persoonlijk antwoord sneller maken, met naam en handtekening.",
            "Klantenservice", ActionCauseRef.OfStandard(Standard("Klantenservice", "CI-05"), quarters[5]), service, service, Day(5, 10), Day(6, 20),
            new CheckInPlan(Day(5, 20), "Eerste sjablonen geschreven.", ActionStatus.InProgress),
            new CheckInPlan(Day(6, 15), "Sjablonen in gebruik.", ActionStatus.Done));

        // Winkels Zuid's store satisfaction: coaching is late (overdue).
        var zuid = ManagerOf("Winkels Zuid");
        await Add("Coaching op advies aan de kassa", "Elke verkoper krijgt twee coachmomenten op doorvragen en eerlijk advies.",
            "Winkels Zuid", ActionCauseRef.OfStandard(Standard("Winkels Zuid", "CI-04"), quarters[5]), zuid, zuid, Day(5, 12), Day(6, 45),
            new CheckInPlan(Day(5, 30), "Eerste coachrondes gepland.", ActionStatus.InProgress));

        // Marketing checks campaigns with service first: better, still red.
        await Add("Campagnecheck met klantenservice in de planning", "Elke campagne krijgt een vast moment waarop klantenservice de belofte toetst.",
            "Marketing", ActionCauseRef.OfStandard(Standard("Marketing", "Campagnebeloftes vooraf getoetst bij klantenservice"), quarters[5]), marketing, marketing,
            Day(5, 8), Day(6, 30),
            new CheckInPlan(Day(5, 25), "Toetsmoment in de campagnekalender.", ActionStatus.InProgress),
            new CheckInPlan(Day(6, 20), "Alle nieuwe campagnes vooraf getoetst.", ActionStatus.Done));

        // Klantenservice's NPS after a contact fell: a new action, due soon on the manager's home page.
        await Add("Terugbellen na elk negatief contact", "Wie een 0–6 geeft, wordt binnen twee dagen teruggebeld door een teamleider.",
            "Klantenservice", ActionCauseRef.OfStandard(Standard("Klantenservice", "CI-09"), quarters[6]), service, service, Day(7, 3), today.AddDays(10));

        // Marketing's WhatsApp promise cannot be backed: the wording changed, the verdict did not (did not move it).
        var promise = await UnbackedPromiseAsync(db, quarters[5], cancellationToken);
        if (promise is { } promiseId)
            await Add("Belofte bijstellen of diensten uitbreiden", "Samen met webcare kiezen: de belofte aanpassen aan onze openingstijden, of de diensten uitbreiden.",
                "Marketing", ActionCauseRef.OfPromise(promiseId, quarters[5]), marketing, marketing, Day(5, 45), Day(6, 40),
                new CheckInPlan(Day(5, 60), "Overleg met webcare gepland.", ActionStatus.InProgress),
                new CheckInPlan(Day(6, 30), "Diensten uitgebreid tot 22.00 uur; 's nachts nog geen bezetting.", ActionStatus.Done));

        // Engagement: the tools item and the eNPS of the round of quarter 5, each in the first of its units whose detail that round
        // shows (the anonymity rules decide, from the round's recorded audience: a hidden cell is no cause).
        var rounds = await db.PulseRounds.AsNoTracking().OrderBy(r => r.Number).ToListAsync(cancellationToken);
        var questions = await db.PulseQuestions.AsNoTracking().ToDictionaryAsync(q => q.Code, q => q.Id, cancellationToken);
        var round5 = rounds.FirstOrDefault(r => quarters[5].Contains(r.OpensOn) && r.HasClosedBy(today));
        if (round5 is not null && questions.TryGetValue("ENG-TOOLS", out var tools) && questions.TryGetValue("ENPS", out var enps))
        {
            var after = round5.ClosesOn.AddDays(3);
            if (await ShownUnitAsync(round5.Id, tools, "Klantenservice", "Winkels Noord", "Marketing") is { } toolsUnit)
                await Add("Snelkoppelingen en training voor het ticketsysteem", "Een ochtend training en sneltoetsen voor de vijf meest gebruikte handelingen.",
                    toolsUnit, ActionCauseRef.OfEngagement(round5.Id, units[toolsUnit], tools), ManagerOf(toolsUnit), ManagerOf(toolsUnit), after, today.AddDays(20),
                    new CheckInPlan(after.AddDays(14), "Training gegeven aan de helft van het team.", ActionStatus.InProgress));
            if (await ShownUnitAsync(round5.Id, enps, "Winkels Zuid", "Winkels Noord", "Winkels", "Klantenservice") is { } enpsUnit)
                await Add("Teamoverleg over werkplezier", "Elke maand een kwartier: wat gaat goed, wat zit in de weg.",
                    enpsUnit, ActionCauseRef.OfEngagement(round5.Id, units[enpsUnit], enps), ManagerOf(enpsUnit), ManagerOf(enpsUnit), after, after.AddDays(60),
                    new CheckInPlan(after.AddDays(30), "Eerste twee overleggen gehouden.", ActionStatus.InProgress),
                    new CheckInPlan(Min(after.AddDays(75), today), "Vast op de agenda.", ActionStatus.Done));
        }

        // Customer scores: the NPS of Klantenservice on the phone (owned by an employee), the CSAT of Winkels Zuid in the store.
        await Add("Klant bij naam aanspreken aan de telefoon", "Het klantbeeld toont de naam en het laatste contact; we gebruiken ze in het eerste zinnetje.",
            "Klantenservice", ActionCauseRef.OfCustomerScore(units["Klantenservice"], ServiceChannel.Phone, CustomerScoreMeasure.Nps, quarters[5]), employee, service,
            Day(5, 20), Day(6, 50),
            new CheckInPlan(Day(5, 40), "Belscript aangepast.", ActionStatus.InProgress),
            new CheckInPlan(Day(6, 40), "Iedereen werkt met het nieuwe script.", ActionStatus.Done));
        await Add("Voorraad van andere winkels zichtbaar maken", "Verkopers zien de voorraad in Winkels Noord en kunnen direct reserveren.",
            "Winkels Zuid", ActionCauseRef.OfCustomerScore(units["Winkels Zuid"], ServiceChannel.Store, CustomerScoreMeasure.Csat, quarters[6]), zuid, director,
            Day(6, 30), today.AddDays(25),
            new CheckInPlan(Day(6, 60), "Koppeling met de voorraad in test.", ActionStatus.InProgress));

        // A complaint signal: WhatsApp on Sunday.
        var signal = await db.ServiceSignals.AsNoTracking()
            .Where(s => s.UnitId == units["Webcare"] && s.Kind == SignalKind.Complaint && s.Channel == ServiceChannel.Chat && s.QuarterKey == quarters[5].Key)
            .OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (signal is { } signalId)
            await Add("Zondagdienst voor WhatsApp", "Op zondag beantwoordt één collega de WhatsApp-berichten tussen 10.00 en 18.00 uur.",
                "Webcare", ActionCauseRef.OfSignal(signalId), webcare, webcare, Day(5, 45), Day(6, 15),
                new CheckInPlan(Day(6, 5), "Zondagdienst ingeroosterd.", ActionStatus.Done));

        // Dropped: short handling times belong to the cost-leadership years.
        await Add("Gesprekstijd terugbrengen met een strakker belscript", "Het belscript inkorten tot de kern.",
            "Klantenservice", ActionCauseRef.OfStandard(Standard("Klantenservice", "CL-02"), quarters[5]), service, service, Day(5, 5), Day(5, 80),
            new CheckInPlan(Day(5, 40), "Past niet bij onze keuze.", ActionStatus.Dropped, "Sinds de keuze voor klantintimiteit sturen we niet meer op korte gesprekken; de norm wordt herzien."));
    }

    /// <summary>The demo's WhatsApp promise when it could not be backed in the quarter, else the first promise that could not.</summary>
    private static async Task<int?> UnbackedPromiseAsync(Persistence.PortalDbContext db, Quarter quarter, CancellationToken cancellationToken)
    {
        var unbacked = await db.PromiseCheckResults.AsNoTracking().Where(r => r.QuarterKey == quarter.Key && r.Verdict == PromiseVerdict.Unbacked)
            .Join(db.MarketingPromises, r => r.PromiseId, p => p.Id, (r, p) => new { p.Id, p.Claim }).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return (unbacked.FirstOrDefault(p => p.Claim == "24/7 bereikbaar via WhatsApp") ?? unbacked.FirstOrDefault())?.Id;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
