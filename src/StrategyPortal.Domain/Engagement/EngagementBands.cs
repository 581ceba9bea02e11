using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Engagement;

/// <summary>The engagement figures that are coloured by band.</summary>
public enum EngagementMeasure
{
    Favourable = 0,
    EngagedShare = 1,
    Enps = 2,
}

/// <summary>
/// The colour bands of the engagement figures, once for the results page, its export, the scorecard and their legends.
/// Favourable: 70 % and more is what engagement tools call strong, below 50 % weak. Engaged share: around Gallup's 27 % (seed
/// 001) is middling; from 35 % good, below 25 % poor. eNPS: from +10 good, below −10 poor (−10 to +10 is the usual middle).
/// </summary>
public static class EngagementBands
{
    public static BandScale Favourable { get; } = new(70, 50);

    public static BandScale EngagedShare { get; } = new(35, 25);

    public static BandScale Enps { get; } = new(10, -10);

    public static BandScale For(EngagementMeasure measure) => measure switch
    {
        EngagementMeasure.Favourable => Favourable,
        EngagementMeasure.EngagedShare => EngagedShare,
        EngagementMeasure.Enps => Enps,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };
}
