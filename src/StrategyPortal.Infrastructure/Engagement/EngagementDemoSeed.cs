using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.Engagement;

/// <summary>
/// A quarterly pulse for the whole demo company over the eight history quarters, with varied
/// results: Klantenservice's engagement dips in the last quarters (where its standards slip), the
/// small units (Directie, IT, Logistiek) stay below the threshold and are hidden. The current
/// quarter's round is open (so it shows only its response rate) and the demo employee has not answered it yet. Each round
/// recorded its audience when it opened. Participations and responses are generated together but written in unrelated
/// order, as the answer mixer leaves real ones.
/// </summary>
public sealed class EngagementDemoSeed(EngagementOptions options) : IDemoSeedStep
{
    public const string PulseTitle = "Kwartaalpulse";
    public const string DemoEmployeeEmail = "medewerker@noordlicht.example";

    public int Order => 30;

    /// <summary>Base engagement level (1–5) per unit; Klantenservice and Webcare slide in the last three quarters.</summary>
    private static readonly Dictionary<string, double> BaseLevel = new()
    {
        ["Directie"] = 4.3, ["Marketing"] = 3.9, ["Klantenservice"] = 3.8, ["Webcare"] = 3.7, ["Winkels"] = 3.6,
        ["Winkels Noord"] = 3.8, ["Winkels Zuid"] = 3.4, ["Logistiek"] = 3.3, ["IT"] = 3.9,
    };

    private static readonly Dictionary<string, double> ItemBias = new()
    {
        ["ENG-PURPOSE"] = 0.2, ["ENG-TOOLS"] = -0.4, ["ENG-SKILLS"] = 0.0, ["ENG-NOTICED"] = -0.5, ["ENG-LEARNING"] = -0.2,
        ["ENG-VOICE"] = -0.3, ["ENG-TEAM"] = 0.5, ["ENG-PRIDE"] = 0.2, ["STR-STANDARDS"] = -0.1, ["STR-PROMISES"] = -0.3,
    };

    private static readonly string[] GeneralComments =
    [
        "Meer tijd voor overleg met andere afdelingen zou helpen.",
        "Fijn team, maar de systemen zijn traag.",
        "Graag vaker terugkoppeling over hoe we het doen ten opzichte van de standaarden.",
        "Ik zou graag een training krijgen in de nieuwe kassasoftware.",
        "Duidelijker communiceren wat de acties van marketing inhouden, vóór ze live gaan.",
        "De planning is vaak pas laat bekend.",
        "Meer waardering voor wat er goed gaat.",
        "Betere informatie over voorraad in andere winkels.",
    ];

    private static readonly string[] ServiceDipComments =
    [
        "Te weinig mensen aan de telefoon, de wachttijden lopen op.",
        "Klanten bellen over acties waar wij niets van wisten.",
        "We halen de standaard voor terugbellen niet meer; dat voelt slecht.",
        "Het nieuwe ticketsysteem kost meer tijd dan het oplevert.",
        "Marketing belooft levering binnen een dag, maar logistiek haalt dat niet.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var questions = await db.PulseQuestions.Where(q => q.IsActive).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        if (questions.Count == 0) return;
        var units = await db.OrgUnits.ToListAsync(cancellationToken);
        var root = units.Single(u => u.ParentId is null);
        var people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var unitName = units.ToDictionary(u => u.Id, u => u.Name);

        var quarters = context.HistoryQuarters;
        var current = context.Today.AddDays(-5);
        if (current < context.CurrentQuarter.Start) current = context.CurrentQuarter.Start;
        if (current.Day > 28) current = new DateOnly(current.Year, current.Month, 28);
        var first = current.AddMonths(-3 * (quarters.Count - 1));

        var survey = new PulseSurvey(PulseTitle, PulseCadence.Quarterly, first, first.AddDays(20), options.Defaults,
            questions.Select(q => q.Id).ToList(), [root.Id]);
        db.PulseSurveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);

        var byCode = questions.ToDictionary(q => q.Code);
        for (var number = 1; number <= quarters.Count; number++)
        {
            var (opens, closes) = survey.DatesOfRound(number);
            var isCurrent = number == quarters.Count;
            if (isCurrent) closes = opens.AddDays(20) < context.Today ? context.Today.AddDays(14) : opens.AddDays(20);
            var round = new PulseRound(survey.Id, number, opens, closes);
            db.PulseRounds.Add(round);
            await db.SaveChangesAsync(cancellationToken);
            // Every round recorded its audience on the day it opened (the organisation has not changed since).
            await RoundAudienceRecorder.RecordAsync(db, round, opens, cancellationToken);

            var fromEnd = quarters.Count - number; // 0 = current quarter
            var participations = new List<Participation>();
            var responses = new List<PulseResponse>();
            var comments = new List<PulseComment>();
            foreach (var person in people)
            {
                var name = unitName[person.OrgUnitId];
                if (isCurrent && person.Email == DemoEmployeeEmail) continue; // she still has to answer
                var chance = isCurrent ? 0.5 : 0.82;
                if (random.NextDouble() > chance) continue;

                var level = BaseLevel.GetValueOrDefault(name, 3.6) + 0.03 * number;
                var dip = name is "Klantenservice" or "Webcare" && fromEnd <= 2;
                if (dip) level -= name == "Klantenservice" ? 0.75 - 0.15 * fromEnd : 0.45;
                // Most people vary around their unit; about one in eight has checked out.
                var personal = Gaussian(random) * 0.7 + (random.NextDouble() < 0.12 ? -1.6 : 0.15);
                var answers = new List<ScaledAnswer>();
                foreach (var question in questions.Where(q => q.Kind is QuestionKind.Engagement or QuestionKind.Strategy))
                {
                    var bias = ItemBias.GetValueOrDefault(question.Code);
                    if (dip && question.Code is "STR-PROMISES" or "ENG-TOOLS") bias -= 0.6;
                    if (question.Code == "STR-STANDARDS") bias += 0.08 * number; // the portal helps people know their standards
                    var value = (int)Math.Round(level + personal + bias + Gaussian(random) * 0.6);
                    answers.Add(new ScaledAnswer(question.Id, question.Kind, Math.Clamp(value, 1, 5)));
                }
                var mean = answers.Where(a => a.Kind == QuestionKind.Engagement).Average(a => a.Value);
                if (byCode.TryGetValue("ENPS", out var enps))
                {
                    var value = (int)Math.Round(3.0 * mean - 4.0 + Gaussian(random) * 1.3);
                    answers.Add(new ScaledAnswer(enps.Id, QuestionKind.Enps, Math.Clamp(value, 0, 10)));
                }
                var answeredOn = opens.AddDays(random.Next(0, Math.Max(1, Math.Min(closes.DayNumber, context.Today.DayNumber) - opens.DayNumber + 1)));
                participations.Add(new Participation(round.Id, person.Id));
                responses.Add(PulseResponse.Create(round.Id, person.OrgUnitId, answeredOn, answers));
                if (byCode.TryGetValue("COMMENT", out var comment) && random.NextDouble() < 0.3)
                {
                    var pool = dip && random.NextDouble() < 0.7 ? ServiceDipComments : GeneralComments;
                    comments.Add(new PulseComment(round.Id, person.OrgUnitId, comment.Id, pool[random.Next(pool.Length)]));
                }
            }
            // Written in unrelated orders: nothing pairs the n-th participation with the n-th response, so these answers count
            // as mixed already.
            db.Participations.AddRange(participations);
            db.PulseResponses.AddRange(responses.OrderBy(r => r.Id));
            db.PulseComments.AddRange(comments.OrderBy(c => c.Id));
            db.AnswerMixes.Add(new AnswerMix(round.Id, responses.Count));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
