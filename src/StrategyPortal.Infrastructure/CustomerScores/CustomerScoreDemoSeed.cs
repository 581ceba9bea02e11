using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Infrastructure.CustomerScores;

/// <summary>
/// Eight quarters of daily customer scores for the demo retailer, written with the import's own writer.
/// Two sources per unit and channel: the post-contact survey (NPS, CSAT, CES) and the complaint register
/// (complaints and churn reasons, which lean towards service as customers say in seed 001). The story:
/// Klantenservice's engagement dips in the last quarters (pulses), and a quarter later its complaints rise
/// and its NPS and CSAT fall.
/// </summary>
public sealed class CustomerScoreDemoSeed(ICustomerScoreWriter writer) : IDemoSeedStep
{
    public const string SurveySource = "Klantonderzoek";
    public const string ComplaintSource = "Klachtenregistratie";

    public int Order => 40;

    /// <summary>Unit, channel, survey answers per day, complaints per day and the unit's service quality (0–1).</summary>
    private static readonly (string Unit, ServiceChannel Channel, int Answers, double Complaints, double Quality)[] Streams =
    [
        ("Klantenservice", ServiceChannel.Phone, 22, 3.0, 0.64),
        ("Klantenservice", ServiceChannel.Email, 12, 1.8, 0.58),
        ("Webcare", ServiceChannel.Chat, 15, 1.2, 0.60),
        ("Webcare", ServiceChannel.SocialMedia, 6, 1.0, 0.52),
        ("Winkels Noord", ServiceChannel.Store, 18, 0.8, 0.68),
        ("Winkels Zuid", ServiceChannel.Store, 16, 1.0, 0.61),
        (OrganisationDemoSeed.CompanyName, ServiceChannel.SelfService, 25, 1.5, 0.50),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var units = await context.Db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var rows = Generate(context, units).ToList();
        await writer.WriteAsync(rows.ToAsyncEnumerable(), cancellationToken);
    }

    private static IEnumerable<ScoreRow> Generate(DemoSeedContext context, IReadOnlyDictionary<string, int> units)
    {
        var random = context.Random;
        var quarters = context.HistoryQuarters;
        var row = 0;
        for (var qi = 0; qi < quarters.Count; qi++)
        {
            var quarter = quarters[qi];
            for (var day = quarter.Start; day <= quarter.End && day <= context.Today; day = day.AddDays(1))
            {
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                foreach (var (unit, channel, answers, complaints, quality) in Streams)
                {
                    if (!units.TryGetValue(unit, out var unitId)) continue;
                    var (q, complaintFactor) = Story(unit, qi, quarters.Count, quality);
                    q = Math.Clamp(q + (random.NextDouble() - 0.5) * 0.06, 0.05, 0.95);
                    var volume = weekend && channel is ServiceChannel.Phone or ServiceChannel.Email ? 0.4 : 1.0;

                    var survey = new int[28];
                    var n = Poisson(random, answers * volume);
                    var promoter = 0.15 + 0.5 * q;
                    var detractor = 0.45 - 0.45 * q;
                    for (var i = 0; i < n; i++)
                    {
                        var u = random.NextDouble();
                        var nps = u < promoter ? (random.NextDouble() < 0.55 ? 9 : 10)
                            : u < 1 - detractor ? (random.NextDouble() < 0.5 ? 7 : 8)
                            : 6 - (int)Math.Floor(Math.Pow(random.NextDouble(), 1.8) * 7);
                        survey[nps]++;
                        var satisfied = random.NextDouble() < 0.35 + 0.6 * q;
                        survey[11 + (satisfied ? (random.NextDouble() < 0.55 ? 3 : 4) : random.Next(0, 3))]++;
                        var ease = Math.Clamp((int)Math.Round(2.2 + 4.2 * q + (random.NextDouble() - 0.5) * 3), 1, 7);
                        survey[16 + ease - 1]++;
                    }
                    if (n > 0) yield return new ScoreRow(++row, day, unitId, channel, SurveySource, survey);

                    var register = new int[28];
                    register[23] = Poisson(random, complaints * complaintFactor * volume * (1.5 - q));
                    var churners = Poisson(random, register[23] * 0.4);
                    for (var i = 0; i < churners; i++)
                    {
                        var u = random.NextDouble();
                        register[24 + (u < 0.62 ? 0 : u < 0.84 ? 1 : u < 0.93 ? 2 : 3)]++;
                    }
                    if (register[23] > 0 || churners > 0) yield return new ScoreRow(++row, day, unitId, channel, ComplaintSource, register);
                }
            }
        }
    }

    /// <summary>Klantenservice (with Webcare) slips a quarter after its engagement dips: the last two quarters.</summary>
    private static (double Quality, double ComplaintFactor) Story(string unit, int quarterIndex, int quarterCount, double quality)
    {
        var drift = 0.01 * quarterIndex;
        if (unit is not ("Klantenservice" or "Webcare")) return (quality + drift, 1.0);
        var fromEnd = quarterCount - 1 - quarterIndex;
        return fromEnd switch
        {
            0 => (quality - 0.20, 1.9),
            1 => (quality - 0.11, 1.5),
            _ => (quality + drift, 1.0),
        };
    }

    private static int Poisson(Random random, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Normal(random)));
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
