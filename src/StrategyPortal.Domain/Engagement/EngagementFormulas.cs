using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Engagement;

public enum EngagementClass
{
    ActivelyDisengaged = 0,
    NotEngaged = 1,
    Engaged = 2,
}

public enum NpsCategory
{
    Detractor = 0,
    Passive = 1,
    Promoter = 2,
}

/// <summary>Shares of engaged / not engaged / actively disengaged respondents, in percent (0–100).</summary>
public sealed record EngagementShares(int Respondents, double Engaged, double NotEngaged, double ActivelyDisengaged)
{
    /// <summary>The three shares as whole percentages that add up to 100 (engaged, not engaged, actively disengaged): as every view shows them.</summary>
    public int[] WholePercentages() => Rounding.WholePercentages(Engaged, NotEngaged, ActivelyDisengaged);
}

/// <summary>eNPS: %promoters − %detractors, from −100 to +100, with the three counts it came from.</summary>
public sealed record EnpsResult(int Promoters, int Passives, int Detractors)
{
    public int Respondents => Promoters + Passives + Detractors;
    public double PromoterPercent => Respondents == 0 ? 0 : 100.0 * Promoters / Respondents;
    public double PassivePercent => Respondents == 0 ? 0 : 100.0 * Passives / Respondents;
    public double DetractorPercent => Respondents == 0 ? 0 : 100.0 * Detractors / Respondents;
    public double? Score => Respondents == 0 ? null : PromoterPercent - DetractorPercent;

    /// <summary>Promoters, passives and detractors as whole percentages that add up to 100: as every view shows them.</summary>
    public int[] WholePercentages() => Rounding.WholePercentages(PromoterPercent, PassivePercent, DetractorPercent);
}

/// <summary>The engagement and eNPS formulas of DOMAIN.md, in one place.</summary>
public static class EngagementFormulas
{
    public const double EngagedFrom = 4.0;
    public const double ActivelyDisengagedUpTo = 2.0;

    /// <summary>Gallup's published shares (seed 001), shown only as a reference beside ours — not Gallup's own classification.</summary>
    public const double GallupEngaged = 27;
    public const double GallupNotEngaged = 60;
    public const double GallupActivelyDisengaged = 13;

    public static EngagementClass ClassifyMean(double mean) =>
        mean >= EngagedFrom ? EngagementClass.Engaged
        : mean <= ActivelyDisengagedUpTo ? EngagementClass.ActivelyDisengaged
        : EngagementClass.NotEngaged;

    /// <summary>Classifies one respondent from their engagement answers (1–5).</summary>
    public static EngagementClass Classify(IReadOnlyCollection<int> engagementAnswers)
    {
        if (engagementAnswers.Count == 0) throw new ArgumentException("A respondent needs at least one engagement answer.", nameof(engagementAnswers));
        return ClassifyMean(engagementAnswers.Average());
    }

    public static EngagementShares Shares(int engaged, int notEngaged, int activelyDisengaged)
    {
        var total = engaged + notEngaged + activelyDisengaged;
        if (total == 0) return new EngagementShares(0, 0, 0, 0);
        return new EngagementShares(total, 100.0 * engaged / total, 100.0 * notEngaged / total, 100.0 * activelyDisengaged / total);
    }

    public static EngagementShares Shares(IEnumerable<EngagementClass> respondents)
    {
        int engaged = 0, not = 0, disengaged = 0;
        foreach (var c in respondents)
        {
            switch (c)
            {
                case EngagementClass.Engaged: engaged++; break;
                case EngagementClass.NotEngaged: not++; break;
                default: disengaged++; break;
            }
        }
        return Shares(engaged, not, disengaged);
    }

    public static NpsCategory Categorise(int answer) => answer switch
    {
        < 0 or > 10 => throw new ArgumentOutOfRangeException(nameof(answer), answer, "An eNPS answer is 0 to 10."),
        >= 9 => NpsCategory.Promoter,
        >= 7 => NpsCategory.Passive,
        _ => NpsCategory.Detractor,
    };

    public static EnpsResult Enps(IEnumerable<int> answers)
    {
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var a in answers)
        {
            switch (Categorise(a))
            {
                case NpsCategory.Promoter: promoters++; break;
                case NpsCategory.Passive: passives++; break;
                default: detractors++; break;
            }
        }
        return new EnpsResult(promoters, passives, detractors);
    }

    public static bool IsFavourable(int answer) => answer >= 4;

    /// <summary>Share of 4–5 answers on a 1–5 item, in percent; null without answers.</summary>
    public static double? FavourablePercent(int favourable, int answered) => answered == 0 ? null : 100.0 * favourable / answered;

    public static double? FavourablePercent(IReadOnlyCollection<int> answers) =>
        FavourablePercent(answers.Count(IsFavourable), answers.Count);

    /// <summary>Responses ÷ invited in percent; null (not shown) for groups of fewer than 5 invited people.</summary>
    public static double? ResponseRate(int responses, int invited) =>
        invited < AnonymityThresholds.ResponseRateMinimumInvited ? null : Math.Min(100.0, 100.0 * responses / invited);

    /// <summary>Driver analysis is shown only from <see cref="AnonymityThresholds.DriverMinimumResponses"/> responses.</summary>
    public static bool CanShowDrivers(int responses) => responses >= AnonymityThresholds.DriverMinimumResponses;
}
