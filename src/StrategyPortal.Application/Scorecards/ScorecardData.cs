using System.Text.Json.Serialization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Scorecards;

/// <summary>
/// Every number of one scorecard, frozen: an issued scorecard stores this as its snapshot (JSON via
/// <see cref="ScorecardJson"/>, so it must round-trip: records with public constructors, no cycles) and is
/// always drawn from it, never from live data. Texts that depend on the reader's language are stored in
/// both languages (question wording) or as enums the writer words; names are as they were at the time.
/// Groups the anonymity rules hide carry no numbers at all.
/// </summary>
public sealed record ScorecardData(
    string CompanyName,
    Quarter Quarter,
    int? UnitId,
    string? UnitName,
    DateTime GeneratedAtUtc,
    ScorecardStrategy Strategy,
    ScorecardStandards Standards,
    ScorecardPromises Promises,
    ScorecardPromises PromisesEn,
    ScorecardEngagement Engagement,
    ScorecardCustomers Customers,
    ScorecardComparison Comparison,
    IReadOnlyList<ScorecardGap> Gaps,
    ScorecardActions? Actions = null)
{
    /// <summary>The company's scorecard (true) or a unit's.</summary>
    [JsonIgnore]
    public bool IsCompany => UnitId is null;

    /// <summary>The first quarter of every trend: <see cref="TrendQuarters"/> quarters up to the scorecard's.</summary>
    public const int TrendQuarters = 8;

    /// <summary>The promises worded in <paramref name="language"/> ("nl" or "en"): the promise source words reasons per culture.</summary>
    public ScorecardPromises PromisesIn(string language) => language == "nl" ? Promises : PromisesEn;
}

// ---- strategy ----

/// <summary>The value discipline in force in the quarter and how the active standards cover aspects and channels.</summary>
public sealed record ScorecardStrategy(
    ValueDiscipline? Discipline,
    Quarter? EffectiveSince,
    string? Rationale,
    IReadOnlyList<CoverageCell> Coverage)
{
    [JsonIgnore]
    public int ActiveStandards => Coverage.Sum(c => c.Count);
    public int AspectTotal(ServiceAspect aspect) => Coverage.Where(c => c.Aspect == aspect).Sum(c => c.Count);
    public int ChannelTotal(ServiceChannel channel) => Coverage.Where(c => c.Channel == channel).Sum(c => c.Count);
    public int Count(ServiceAspect aspect, ServiceChannel channel) => Coverage.Where(c => c.Aspect == aspect && c.Channel == channel).Sum(c => c.Count);
}

public sealed record CoverageCell(ServiceAspect Aspect, ServiceChannel Channel, int Count);

// ---- standards ----

/// <summary>The standards judged for the quarter (and the one before), the RAG per unit and the RAG trend.</summary>
public sealed record ScorecardStandards(
    IReadOnlyList<ScorecardStandard> Standards,
    IReadOnlyList<UnitRag> Units,
    IReadOnlyList<RagCount> Trend)
{
    public int Count(RagStatus rag) => Standards.Count(s => s.Rag == rag);

    /// <summary>Red now and not red the quarter before.</summary>
    [JsonIgnore]
    public IReadOnlyList<ScorecardStandard> TurnedRed => Standards.Where(s => s.Rag == RagStatus.Red && s.PreviousRag != RagStatus.Red).ToList();

    /// <summary>Share of measured standards (not "no data") that are green, in %; null without measured standards.</summary>
    [JsonIgnore]
    public double? GreenShare => RagCount.GreenShareOf(Count(RagStatus.Green), Count(RagStatus.Amber), Count(RagStatus.Red));
}

public sealed record ScorecardStandard(
    int Id,
    string Title,
    int OwnerUnitId,
    string OwnerUnitName,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    MetricUnit Unit,
    MetricDirection Direction,
    double? Target,
    double? Actual,
    RagStatus Rag,
    double? PreviousActual,
    RagStatus PreviousRag);

public sealed record UnitRag(int UnitId, string UnitName, int Depth, int Green, int Amber, int Red, int NoData)
{
    [JsonIgnore]
    public int Total => Green + Amber + Red + NoData;
}

public sealed record RagCount(Quarter Quarter, int Green, int Amber, int Red, int NoData)
{
    [JsonIgnore]
    public double? GreenShare => GreenShareOf(Green, Amber, Red);

    public static double? GreenShareOf(int green, int amber, int red) =>
        green + amber + red == 0 ? null : 100.0 * green / (green + amber + red);
}

// ---- engagement ----

/// <summary>
/// The pulse of the quarter for the scope (the company or the unit with its sub-units). When the scope's
/// group is hidden by the anonymity rules, <see cref="Shares"/>, <see cref="Enps"/> and the response count
/// are null; hidden heat-map rows have no scores.
/// </summary>
public sealed record ScorecardEngagement(
    bool HasPulse,
    string? PulseTitle,
    int MinGroupSize,
    GroupVisibility Visibility,
    double? ResponseRate,
    EngagementShares? Shares,
    double? Enps,
    IReadOnlyList<HeatMapItem> Items,
    IReadOnlyList<HeatMapRow> HeatMap,
    IReadOnlyList<EngagementTrendPoint> Trend)
{
    [JsonIgnore]
    public bool IsShown => Visibility == GroupVisibility.Shown && Shares is not null;

    public static ScorecardEngagement None { get; } = new(false, null, AnonymityThresholds.DefaultMinGroupSize, GroupVisibility.TooFew, null, null, null, [], [], []);
}

/// <summary>A scaled pulse item (a heat-map column), worded in both languages.</summary>
public sealed record HeatMapItem(int QuestionId, string Code, QuestionKind Kind, string TextNl, string TextEn)
{
    public string Text(string language) => language == "nl" ? TextNl : TextEn;
}

/// <summary>
/// One unit in the heat map; <see cref="Scores"/> (one per item, favourable % or eNPS) is empty when hidden. <see cref="Shares"/>
/// lets the engaged share be written as one of three that add up to 100, as on the results page (absent in older snapshots).
/// </summary>
public sealed record HeatMapRow(int UnitId, string UnitName, int Depth, GroupVisibility Visibility, double? EngagedShare, IReadOnlyList<double?> Scores,
    EngagementShares? Shares = null)
{
    [JsonIgnore]
    public bool IsShown => Visibility == GroupVisibility.Shown;
}

public sealed record EngagementTrendPoint(Quarter Quarter, GroupVisibility Visibility, double? Engaged, double? NotEngaged, double? ActivelyDisengaged, double? Enps);

// ---- customers ----

/// <summary>Customer scores of the scope: eight quarters up to the scorecard's, and the quarter per channel.</summary>
public sealed record ScorecardCustomers(IReadOnlyList<CustomerQuarter> Trend, IReadOnlyList<CustomerChannel> Channels)
{
    [JsonIgnore]
    public CustomerQuarter? Current => Trend.Count > 0 ? Trend[^1] : null;
    [JsonIgnore]
    public CustomerQuarter? Previous => Trend.Count > 1 ? Trend[^2] : null;
    [JsonIgnore]
    public bool HasData => Trend.Any(t => t.HasData);
}

public sealed record CustomerQuarter(
    Quarter Quarter,
    double? Nps,
    double? NpsMargin,
    long NpsResponses,
    double? Csat,
    double? Ces,
    long Complaints,
    long ChurnTotal,
    double? ChurnService,
    double? ChurnPrice,
    double? ChurnNeed,
    double? ChurnOther)
{
    [JsonIgnore]
    public bool HasData => NpsResponses > 0 || Csat is not null || Ces is not null || Complaints > 0 || ChurnTotal > 0;

    public double? ChurnShare(ChurnReason reason) => reason switch
    {
        ChurnReason.Service => ChurnService,
        ChurnReason.Price => ChurnPrice,
        ChurnReason.Need => ChurnNeed,
        _ => ChurnOther,
    };
}

public sealed record CustomerChannel(ServiceChannel Channel, double? Nps, long NpsResponses, double? Csat, double? Ces, long Complaints);

// ---- engagement × customers ----

/// <summary>The engagement × customer scatter over the trend quarters: shown units only; hidden ones only counted.</summary>
public sealed record ScorecardComparison(
    bool EngagementAvailable,
    IReadOnlyList<ComparisonDot> Points,
    int SuppressedCount,
    double? R,
    CorrelationStrength? Strength)
{
    public static ScorecardComparison None { get; } = new(false, [], 0, null, null);
}

public sealed record ComparisonDot(int UnitId, string UnitName, Quarter Quarter, double EngagedShare, double Nps);

// ---- closing page ----

public enum GapKind
{
    /// <summary>A standard that is red in the quarter (Subject: title, Actual/Target in the standard's unit).</summary>
    RedStandard,
    /// <summary>A promise service cannot back (Subject: the claim, Actual: linked complaints).</summary>
    UnbackedPromise,
    /// <summary>A shown unit whose engaged share is below Gallup's 27% (Actual: engaged %, Target 27).</summary>
    LowEngagement,
    /// <summary>A channel without any active standard (Subject: channel name as the enum).</summary>
    UncoveredChannel,
    /// <summary>NPS fell against the quarter before (Actual: NPS now, Target: NPS before).</summary>
    NpsDrop,
}

/// <summary>
/// One of the biggest gaps of the quarter and who owns it (a unit and its manager, or a promise owner).
/// <see cref="SubjectId"/>: the standard, promise or unit the gap is about; <see cref="ActionId"/>: its action among the
/// scorecard's actions (null: no action). Snapshots from before actions existed have neither.
/// </summary>
public sealed record ScorecardGap(GapKind Kind, string Subject, string Owner, double? Actual, double? Target, MetricUnit? Unit, double Severity,
    int? SubjectId = null, int? ActionId = null);
