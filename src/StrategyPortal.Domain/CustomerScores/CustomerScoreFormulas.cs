namespace StrategyPortal.Domain.CustomerScores;

/// <summary>The standard definitions of DOMAIN.md, computed from answer counts. Null means "no answers".</summary>
public static class CustomerScoreFormulas
{
    /// <summary>z for a two-sided 95% confidence interval.</summary>
    public const double Z95 = 1.96;

    /// <summary>NPS = %promoters (9–10) − %detractors (0–6), from −100 to +100.</summary>
    public static double? Nps(ScoreCounts counts)
    {
        var n = counts.NpsResponses;
        if (n == 0) return null;
        return 100.0 * (counts.Promoters - counts.Detractors) / n;
    }

    /// <summary>
    /// The 95% margin of error of the NPS, in NPS points. Each answer scores +1 (promoter), 0 (passive)
    /// or −1 (detractor); the NPS is 100 × their mean. With p = promoters/n and d = detractors/n the
    /// variance of one answer is p + d − (p − d)², so the variance of the mean is (p + d − (p − d)²)/n and
    /// the margin is 1.96 · √that · 100 (the usual normal approximation for the difference of two
    /// multinomial proportions; see e.g. Rocks, "Confidence intervals for the Net Promoter Score", 2016).
    /// </summary>
    public static double? NpsMargin(ScoreCounts counts)
    {
        var n = counts.NpsResponses;
        if (n == 0) return null;
        var p = (double)counts.Promoters / n;
        var d = (double)counts.Detractors / n;
        var variance = (p + d - (p - d) * (p - d)) / n;
        return Z95 * Math.Sqrt(Math.Max(0, variance)) * 100.0;
    }

    /// <summary>CSAT = share of 4–5 answers on the 1–5 scale (top-2-box), in %.</summary>
    public static double? Csat(ScoreCounts counts)
    {
        var n = counts.CsatResponses;
        if (n == 0) return null;
        return 100.0 * (counts.Csat[3] + counts.Csat[4]) / n;
    }

    /// <summary>CES = mean of the 1–7 answers.</summary>
    public static double? Ces(ScoreCounts counts)
    {
        var n = counts.CesResponses;
        if (n == 0) return null;
        double weighted = 0;
        for (var i = 0; i < ScoreCounts.CesValues; i++) weighted += (i + 1) * (double)counts.Ces[i];
        return weighted / n;
    }

    /// <summary>Share (%) of one group of NPS answers; null without answers.</summary>
    public static double? Share(long part, long total) => total == 0 ? null : 100.0 * part / total;

    /// <summary>How to read r in plain words (|r| &lt; 0.1 none, &lt; 0.3 weak, &lt; 0.5 moderate, otherwise strong).</summary>
    public static CorrelationStrength StrengthOf(double r) => Math.Abs(r) switch
    {
        < 0.1 => CorrelationStrength.None,
        < 0.3 => CorrelationStrength.Weak,
        < 0.5 => CorrelationStrength.Moderate,
        _ => CorrelationStrength.Strong,
    };
}

public enum CorrelationStrength
{
    None,
    Weak,
    Moderate,
    Strong,
}
