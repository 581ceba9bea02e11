using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.CustomerScores;

/// <summary>
/// One day of customer scores for one unit, channel and source (a CX tool, a survey, a contact centre
/// export). The key (date, unit, channel, source) is unique: importing it again replaces the counts.
/// Rows are written in bulk by the importer; this type is their shape and their rules. The counts are
/// flat columns (summable in SQL); <see cref="ToCounts"/> gives them as <see cref="ScoreCounts"/>.
/// </summary>
public class CustomerScoreRecord
{
    public const int SourceMaxLength = 60;

    /// <summary>The count columns in file and table order (after date, unit, channel and source).</summary>
    public static IReadOnlyList<string> CountColumns { get; } = ["Nps0", "Nps1", "Nps2", "Nps3", "Nps4", "Nps5", "Nps6", "Nps7", "Nps8", "Nps9", "Nps10", "Csat1", "Csat2", "Csat3", "Csat4", "Csat5", "Ces1", "Ces2", "Ces3", "Ces4", "Ces5", "Ces6", "Ces7", "Complaints", "ChurnService", "ChurnPrice", "ChurnNeed", "ChurnOther"];

    private CustomerScoreRecord() { Source = string.Empty; }

    public CustomerScoreRecord(DateOnly date, int orgUnitId, ServiceChannel channel, string source, ScoreCounts counts)
    {
        if (channel == ServiceChannel.Any) throw new DomainException("customerscore.channel-any", "Scores are recorded for one concrete channel, not 'Any'.");
        Date = date;
        OrgUnitId = orgUnitId;
        Channel = channel;
        Source = ValidSource(source);
        SetCounts(counts);
    }

    public long Id { get; private set; }
    public DateOnly Date { get; private set; }
    public int OrgUnitId { get; private set; }
    public ServiceChannel Channel { get; private set; }
    public string Source { get; private set; }
    public int Nps0 { get; private set; }
    public int Nps1 { get; private set; }
    public int Nps2 { get; private set; }
    public int Nps3 { get; private set; }
    public int Nps4 { get; private set; }
    public int Nps5 { get; private set; }
    public int Nps6 { get; private set; }
    public int Nps7 { get; private set; }
    public int Nps8 { get; private set; }
    public int Nps9 { get; private set; }
    public int Nps10 { get; private set; }
    public int Csat1 { get; private set; }
    public int Csat2 { get; private set; }
    public int Csat3 { get; private set; }
    public int Csat4 { get; private set; }
    public int Csat5 { get; private set; }
    public int Ces1 { get; private set; }
    public int Ces2 { get; private set; }
    public int Ces3 { get; private set; }
    public int Ces4 { get; private set; }
    public int Ces5 { get; private set; }
    public int Ces6 { get; private set; }
    public int Ces7 { get; private set; }
    public int Complaints { get; private set; }
    public int ChurnService { get; private set; }
    public int ChurnPrice { get; private set; }
    public int ChurnNeed { get; private set; }
    public int ChurnOther { get; private set; }

    public Quarter Quarter => Quarter.Of(Date);

    public ScoreCounts ToCounts() => new(
        [Nps0, Nps1, Nps2, Nps3, Nps4, Nps5, Nps6, Nps7, Nps8, Nps9, Nps10],
        [Csat1, Csat2, Csat3, Csat4, Csat5],
        [Ces1, Ces2, Ces3, Ces4, Ces5, Ces6, Ces7],
        Complaints,
        [ChurnService, ChurnPrice, ChurnNeed, ChurnOther]);

    private void SetCounts(ScoreCounts c)
    {
        Nps0 = checked((int)c.Nps[0]);
        Nps1 = checked((int)c.Nps[1]);
        Nps2 = checked((int)c.Nps[2]);
        Nps3 = checked((int)c.Nps[3]);
        Nps4 = checked((int)c.Nps[4]);
        Nps5 = checked((int)c.Nps[5]);
        Nps6 = checked((int)c.Nps[6]);
        Nps7 = checked((int)c.Nps[7]);
        Nps8 = checked((int)c.Nps[8]);
        Nps9 = checked((int)c.Nps[9]);
        Nps10 = checked((int)c.Nps[10]);
        Csat1 = checked((int)c.Csat[0]);
        Csat2 = checked((int)c.Csat[1]);
        Csat3 = checked((int)c.Csat[2]);
        Csat4 = checked((int)c.Csat[3]);
        Csat5 = checked((int)c.Csat[4]);
        Ces1 = checked((int)c.Ces[0]);
        Ces2 = checked((int)c.Ces[1]);
        Ces3 = checked((int)c.Ces[2]);
        Ces4 = checked((int)c.Ces[3]);
        Ces5 = checked((int)c.Ces[4]);
        Ces6 = checked((int)c.Ces[5]);
        Ces7 = checked((int)c.Ces[6]);
        Complaints = checked((int)c.Complaints);
        ChurnService = checked((int)c.Churn[0]);
        ChurnPrice = checked((int)c.Churn[1]);
        ChurnNeed = checked((int)c.Churn[2]);
        ChurnOther = checked((int)c.Churn[3]);
    }

    public static string ValidSource(string? source)
    {
        var trimmed = (source ?? string.Empty).Trim();
        if (trimmed.Length == 0) throw new DomainException("customerscore.source-required", "A source is required (for example the name of the survey tool).");
        if (trimmed.Length > SourceMaxLength) throw new DomainException("customerscore.source-too-long", $"A source has at most {SourceMaxLength} characters.");
        return trimmed;
    }
}

/// <summary>
/// The summed counts of one quarter, unit and channel (all sources). Every import recomputes the rows of
/// the quarters and units it touched, so quarter views read a few hundred rows instead of millions.
/// </summary>
public class CustomerScoreQuarter
{
    private CustomerScoreQuarter() { }

    public CustomerScoreQuarter(Quarter quarter, int orgUnitId, ServiceChannel channel, ScoreCounts counts)
    {
        QuarterKey = quarter.Key;
        OrgUnitId = orgUnitId;
        Channel = channel;
        SetCounts(counts);
    }

    public int QuarterKey { get; private set; }
    public int OrgUnitId { get; private set; }
    public ServiceChannel Channel { get; private set; }
    public long Nps0 { get; private set; }
    public long Nps1 { get; private set; }
    public long Nps2 { get; private set; }
    public long Nps3 { get; private set; }
    public long Nps4 { get; private set; }
    public long Nps5 { get; private set; }
    public long Nps6 { get; private set; }
    public long Nps7 { get; private set; }
    public long Nps8 { get; private set; }
    public long Nps9 { get; private set; }
    public long Nps10 { get; private set; }
    public long Csat1 { get; private set; }
    public long Csat2 { get; private set; }
    public long Csat3 { get; private set; }
    public long Csat4 { get; private set; }
    public long Csat5 { get; private set; }
    public long Ces1 { get; private set; }
    public long Ces2 { get; private set; }
    public long Ces3 { get; private set; }
    public long Ces4 { get; private set; }
    public long Ces5 { get; private set; }
    public long Ces6 { get; private set; }
    public long Ces7 { get; private set; }
    public long Complaints { get; private set; }
    public long ChurnService { get; private set; }
    public long ChurnPrice { get; private set; }
    public long ChurnNeed { get; private set; }
    public long ChurnOther { get; private set; }

    public Quarter Quarter => Quarter.FromKey(QuarterKey);

    public ScoreCounts ToCounts() => new(
        [Nps0, Nps1, Nps2, Nps3, Nps4, Nps5, Nps6, Nps7, Nps8, Nps9, Nps10],
        [Csat1, Csat2, Csat3, Csat4, Csat5],
        [Ces1, Ces2, Ces3, Ces4, Ces5, Ces6, Ces7],
        Complaints,
        [ChurnService, ChurnPrice, ChurnNeed, ChurnOther]);

    private void SetCounts(ScoreCounts c)
    {
        Nps0 = (c.Nps[0]);
        Nps1 = (c.Nps[1]);
        Nps2 = (c.Nps[2]);
        Nps3 = (c.Nps[3]);
        Nps4 = (c.Nps[4]);
        Nps5 = (c.Nps[5]);
        Nps6 = (c.Nps[6]);
        Nps7 = (c.Nps[7]);
        Nps8 = (c.Nps[8]);
        Nps9 = (c.Nps[9]);
        Nps10 = (c.Nps[10]);
        Csat1 = (c.Csat[0]);
        Csat2 = (c.Csat[1]);
        Csat3 = (c.Csat[2]);
        Csat4 = (c.Csat[3]);
        Csat5 = (c.Csat[4]);
        Ces1 = (c.Ces[0]);
        Ces2 = (c.Ces[1]);
        Ces3 = (c.Ces[2]);
        Ces4 = (c.Ces[3]);
        Ces5 = (c.Ces[4]);
        Ces6 = (c.Ces[5]);
        Ces7 = (c.Ces[6]);
        Complaints = (c.Complaints);
        ChurnService = (c.Churn[0]);
        ChurnPrice = (c.Churn[1]);
        ChurnNeed = (c.Churn[2]);
        ChurnOther = (c.Churn[3]);
    }
}
