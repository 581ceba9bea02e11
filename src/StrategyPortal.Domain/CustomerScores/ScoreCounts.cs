namespace StrategyPortal.Domain.CustomerScores;

/// <summary>
/// Answer counts for one unit, channel and period: NPS answers per 0–10 value, CSAT answers per 1–5,
/// CES answers per 1–7, complaints and churn reasons. Every score is computed from the counts, so
/// periods roll up by adding counts (days → months → quarters), never by averaging percentages.
/// </summary>
public sealed class ScoreCounts
{
    public const int NpsValues = 11;
    public const int CsatValues = 5;
    public const int CesValues = 7;
    public const int ChurnReasons = 4;

    public ScoreCounts()
    {
        Nps = new long[NpsValues];
        Csat = new long[CsatValues];
        Ces = new long[CesValues];
        Churn = new long[ChurnReasons];
    }

    public ScoreCounts(IReadOnlyList<long> nps, IReadOnlyList<long> csat, IReadOnlyList<long> ces, long complaints, IReadOnlyList<long> churn) : this()
    {
        CopyChecked(nps, Nps, nameof(nps));
        CopyChecked(csat, Csat, nameof(csat));
        CopyChecked(ces, Ces, nameof(ces));
        CopyChecked(churn, Churn, nameof(churn));
        if (complaints < 0) throw new ArgumentOutOfRangeException(nameof(complaints), complaints, "A count cannot be negative.");
        Complaints = complaints;
    }

    /// <summary>Nps[v] = how many answered v (0–10).</summary>
    public long[] Nps { get; }

    /// <summary>Csat[v - 1] = how many answered v (1–5).</summary>
    public long[] Csat { get; }

    /// <summary>Ces[v - 1] = how many answered v (1–7).</summary>
    public long[] Ces { get; }

    public long Complaints { get; set; }

    /// <summary>Churn reasons in the order of <see cref="ChurnReason"/>.</summary>
    public long[] Churn { get; }

    public long ChurnFor(ChurnReason reason) => Churn[(int)reason];

    public long NpsResponses => Sum(Nps);
    public long Promoters => Nps[9] + Nps[10];
    public long Passives => Nps[7] + Nps[8];
    public long Detractors => NpsResponses - Promoters - Passives;
    public long CsatResponses => Sum(Csat);
    public long CesResponses => Sum(Ces);
    public long ChurnTotal => Sum(Churn);

    public bool IsEmpty => NpsResponses == 0 && CsatResponses == 0 && CesResponses == 0 && Complaints == 0 && ChurnTotal == 0;

    /// <summary>Adds another period's or unit's counts to these (the only correct way to roll up).</summary>
    public ScoreCounts Add(ScoreCounts other)
    {
        for (var i = 0; i < NpsValues; i++) Nps[i] += other.Nps[i];
        for (var i = 0; i < CsatValues; i++) Csat[i] += other.Csat[i];
        for (var i = 0; i < CesValues; i++) Ces[i] += other.Ces[i];
        for (var i = 0; i < ChurnReasons; i++) Churn[i] += other.Churn[i];
        Complaints += other.Complaints;
        return this;
    }

    public static ScoreCounts Sum(IEnumerable<ScoreCounts> parts)
    {
        var total = new ScoreCounts();
        foreach (var part in parts) total.Add(part);
        return total;
    }

    private static long Sum(long[] values)
    {
        long total = 0;
        foreach (var v in values) total += v;
        return total;
    }

    private static void CopyChecked(IReadOnlyList<long> source, long[] target, string name)
    {
        if (source.Count != target.Length) throw new ArgumentException($"Expected {target.Length} counts, got {source.Count}.", name);
        for (var i = 0; i < target.Length; i++)
        {
            if (source[i] < 0) throw new ArgumentOutOfRangeException(name, source[i], "A count cannot be negative.");
            target[i] = source[i];
        }
    }
}

/// <summary>Why a customer left (seed 001: customers say service 70%, price 25%, need 10%; companies believe 20/50/35).</summary>
public enum ChurnReason
{
    Service = 0,
    Price = 1,
    Need = 2,
    Other = 3,
}
