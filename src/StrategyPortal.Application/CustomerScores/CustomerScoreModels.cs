using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>The scores of one set of counts, computed with the standard formulas.</summary>
public sealed record ScoreSummary(ScoreCounts Counts)
{
    public double? Nps { get; } = CustomerScoreFormulas.Nps(Counts);
    public double? NpsMargin { get; } = CustomerScoreFormulas.NpsMargin(Counts);
    public double? Csat { get; } = CustomerScoreFormulas.Csat(Counts);
    public double? Ces { get; } = CustomerScoreFormulas.Ces(Counts);
    public double? PromoterShare => CustomerScoreFormulas.Share(Counts.Promoters, Counts.NpsResponses);
    public double? PassiveShare => CustomerScoreFormulas.Share(Counts.Passives, Counts.NpsResponses);
    public double? DetractorShare => CustomerScoreFormulas.Share(Counts.Detractors, Counts.NpsResponses);
    public double? ChurnShare(ChurnReason reason) => CustomerScoreFormulas.Share(Counts.ChurnFor(reason), Counts.ChurnTotal);
    public bool HasData => !Counts.IsEmpty;
}

public sealed record QuarterScores(Quarter Quarter, ScoreSummary Scores);

public sealed record MonthScores(int Year, int Month, ScoreSummary Scores);

/// <summary>A unit the reader may pick, in tree order; the company is the root.</summary>
public sealed record ScoreUnitOption(int Id, string Name, string Path, int Depth, bool IsCompany);

public sealed record CustomerScoreView(
    int UnitId,
    string UnitName,
    bool IsCompany,
    Quarter Quarter,
    ServiceChannel? Channel,
    ScoreSummary Current,
    IReadOnlyList<QuarterScores> Trend,
    IReadOnlyList<ServiceChannel> Channels);

/// <summary>What the seeds quote about why customers leave (Purdue, "The loyalty connection", seed 001).</summary>
public static class ChurnReference
{
    /// <summary>Customers say: service 70%, price 25%, need 10% (as quoted; the figures add up to more than 100).</summary>
    public static IReadOnlyDictionary<ChurnReason, double> CustomersSay { get; } = new Dictionary<ChurnReason, double>
    {
        [ChurnReason.Service] = 70, [ChurnReason.Price] = 25, [ChurnReason.Need] = 10,
    };

    /// <summary>What the company believes: service 20%, price 50%, need 35%.</summary>
    public static IReadOnlyDictionary<ChurnReason, double> CompanyBelieves { get; } = new Dictionary<ChurnReason, double>
    {
        [ChurnReason.Service] = 20, [ChurnReason.Price] = 50, [ChurnReason.Need] = 35,
    };
}

public enum EngagementAxis
{
    EngagedShare,
    Enps,
}

public enum CustomerAxis
{
    Nps,
    Csat,
}

/// <summary>One unit in one quarter: its engagement beside its customers' scores (the customer quarter may lag).</summary>
public sealed record ComparisonPoint(int UnitId, string UnitName, Quarter EngagementQuarter, Quarter CustomerQuarter,
    double? EngagedShare, double? Enps, double? Nps, double? Csat, long NpsAnswers, long CsatAnswers)
{
    public double? X(EngagementAxis axis) => axis == EngagementAxis.EngagedShare ? EngagedShare : Enps;
    public double? Y(CustomerAxis axis) => axis == CustomerAxis.Nps ? Nps : Csat;
}

public sealed record Correlation(IReadOnlyList<ComparisonPoint> Points, double? R, CorrelationStrength? Strength)
{
    public int N => Points.Count;
}

public sealed record EngagementComparison(
    bool EngagementAvailable,
    IReadOnlyList<ComparisonPoint> Points,
    int SuppressedCount,
    Quarter From,
    Quarter To,
    int LagQuarters)
{
    /// <summary>The points that have both chosen values, and Pearson's r over them.</summary>
    public Correlation Correlate(EngagementAxis x, CustomerAxis y)
    {
        var usable = Points.Where(p => p.X(x) is not null && p.Y(y) is not null).ToList();
        var r = Statistics.Pearson(usable.Select(p => (p.X(x)!.Value, p.Y(y)!.Value)).ToList());
        return new Correlation(usable, r, r is { } value ? CustomerScoreFormulas.StrengthOf(value) : null);
    }
}
