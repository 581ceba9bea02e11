using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Domain.Engagement;

public enum PulseCadence
{
    Once = 0,
    Monthly = 1,
    Quarterly = 2,
}

/// <summary>
/// A scheduled pulse: which items, for which units (with their sub-units), how often, and the
/// anonymity thresholds its results are shown under. Rounds are created from it: the first when it
/// is scheduled, the next ones by the round scheduler for a recurring cadence.
/// </summary>
public class PulseSurvey : IVersioned
{
    public const int TitleMaxLength = 120;
    public const int MaxRoundLengthDays = 62;

    private readonly List<PulseSurveyItem> _items = [];
    private readonly List<PulseAudienceUnit> _audience = [];

    private PulseSurvey() { Title = string.Empty; }

    public PulseSurvey(string title, PulseCadence cadence, DateOnly firstOpensOn, DateOnly firstClosesOn, AnonymityThresholds thresholds,
        IReadOnlyList<int> questionIds, IReadOnlyCollection<int> audienceUnitIds, PulseReminderSchedule? reminders = null)
    {
        Title = ValidTitle(title);
        Cadence = ValidCadence(cadence);
        ValidClosesOn(cadence, firstOpensOn, firstClosesOn);
        FirstOpensOn = firstOpensOn;
        RoundLengthDays = firstClosesOn.DayNumber - firstOpensOn.DayNumber;
        MinGroupSize = thresholds.MinGroupSize;
        CommentThreshold = thresholds.CommentThreshold;
        DetailMinGroupSize = thresholds.DetailMinGroupSize;
        ValidItems(questionIds);
        for (var i = 0; i < questionIds.Count; i++) _items.Add(new PulseSurveyItem(questionIds[i], i + 1));
        ValidAudience(audienceUnitIds);
        foreach (var unitId in audienceUnitIds.Distinct()) _audience.Add(new PulseAudienceUnit(unitId));
        IsActive = true;
        ChangeReminders(reminders ?? PulseReminderSchedule.Default);
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public PulseCadence Cadence { get; private set; }
    public DateOnly FirstOpensOn { get; private set; }

    /// <summary>Days from a round's opening to its closing day (0: open for one day).</summary>
    public int RoundLengthDays { get; private set; }

    public int MinGroupSize { get; private set; }
    public int CommentThreshold { get; private set; }

    /// <summary>Fewest answers for a group's per-item figures and eNPS split (at least <see cref="MinGroupSize"/>).</summary>
    public int DetailMinGroupSize { get; private set; }

    /// <summary>False once stopped: no further rounds are created; existing results stay.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Automatic e-mail reminders of this pulse's rounds on (see <see cref="Reminders"/>).</summary>
    public bool RemindersOn { get; private set; }

    public int ReminderFirstAtPercent { get; private set; }
    public int ReminderEveryDays { get; private set; }
    public bool ReminderSkipWeekends { get; private set; }

    /// <summary>When this pulse's rounds remind the invited people who have not taken part yet.</summary>
    public PulseReminderSchedule Reminders => new(RemindersOn, ReminderFirstAtPercent, ReminderEveryDays, ReminderSkipWeekends);

    public int Version { get; set; }

    public IReadOnlyList<PulseSurveyItem> Items => _items;
    public IReadOnlyList<PulseAudienceUnit> Audience => _audience;

    public AnonymityThresholds Thresholds => new(MinGroupSize, CommentThreshold, DetailMinGroupSize);

    /// <summary>Opening and closing day of round <paramref name="number"/> (1-based) under this pulse's cadence.</summary>
    public (DateOnly OpensOn, DateOnly ClosesOn) DatesOfRound(int number)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        if (Cadence == PulseCadence.Once && number > 1) throw new DomainException("pulse.once-has-one-round", "A one-off pulse has one round.");
        var months = Cadence switch { PulseCadence.Monthly => 1, PulseCadence.Quarterly => 3, _ => 0 } * (number - 1);
        var opens = FirstOpensOn.AddMonths(months);
        return (opens, opens.AddDays(RoundLengthDays));
    }

    /// <summary>
    /// The round that should exist next after the last round (number <paramref name="lastNumber"/>, closing on
    /// <paramref name="lastClosesOn"/>), on <paramref name="today"/>; or null. A recurring pulse gets its next round
    /// once the last one has closed; rounds whose whole window passed while no scheduler ran are skipped,
    /// so the returned round closes today or later.
    /// </summary>
    public int? NextRoundNumber(int lastNumber, DateOnly lastClosesOn, DateOnly today)
    {
        if (!IsActive || Cadence == PulseCadence.Once) return null;
        if (lastClosesOn >= today) return null;
        var next = lastNumber + 1;
        while (DatesOfRound(next).ClosesOn < today) next++;
        return next;
    }

    public void Rename(string title) => Title = ValidTitle(title);

    public void Stop() => IsActive = false;

    public void ChangeReminders(PulseReminderSchedule schedule)
    {
        ReminderFirstAtPercent = PulseReminderSchedule.ValidFirstAtPercent(schedule.FirstAtPercent);
        ReminderEveryDays = PulseReminderSchedule.ValidEveryDays(schedule.EveryDays);
        RemindersOn = schedule.Enabled;
        ReminderSkipWeekends = schedule.SkipWeekends;
    }

    public static string ValidTitle(string? title) => TextRules.Required(title, TitleMaxLength, "pulse.title");

    /// <summary>A first round opens today or later: nobody can be invited to answer in the past.</summary>
    public static DateOnly ValidOpensOn(DateOnly opensOn, DateOnly today) =>
        opensOn < today ? throw new DomainException("pulse.opens-in-past", "A pulse cannot open in the past.") : opensOn;

    public static PulseCadence ValidCadence(PulseCadence cadence) =>
        Enum.IsDefined(cadence) ? cadence : throw new DomainException("pulse.cadence-invalid", "Choose how often the pulse runs.");

    /// <summary>The closing day of a round: on or after its opening, at most <see cref="MaxRoundLengthDays"/> later, and for a monthly pulse before the next round opens.</summary>
    public static DateOnly ValidClosesOn(PulseCadence cadence, DateOnly opensOn, DateOnly closesOn)
    {
        if (closesOn < opensOn) throw new DomainException("pulse.dates-order", "The pulse must close on or after the day it opens.");
        if (closesOn.DayNumber - opensOn.DayNumber > MaxRoundLengthDays)
            throw new DomainException("pulse.dates-too-long", $"A round stays open for at most {MaxRoundLengthDays} days.", MaxRoundLengthDays);
        if (cadence == PulseCadence.Monthly && closesOn.DayNumber - opensOn.DayNumber >= 28)
            throw new DomainException("pulse.dates-overlap", "A monthly pulse must close before the next month's round opens.");
        return closesOn;
    }

    /// <summary>At least one item, each once.</summary>
    public static IReadOnlyList<int> ValidItems(IReadOnlyList<int> questionIds)
    {
        if (questionIds.Count == 0) throw new DomainException("pulse.items-required", "Choose at least one item.");
        if (questionIds.Distinct().Count() != questionIds.Count) throw new DomainException("pulse.items-duplicate", "An item can be in a pulse only once.");
        return questionIds;
    }

    public static IReadOnlyCollection<int> ValidAudience(IReadOnlyCollection<int> audienceUnitIds) =>
        audienceUnitIds.Count > 0 ? audienceUnitIds : throw new DomainException("pulse.audience-required", "Choose at least one unit.");
}

/// <summary>An item of a pulse, in the order it is asked.</summary>
public class PulseSurveyItem
{
    private PulseSurveyItem() { }

    public PulseSurveyItem(int questionId, int position)
    {
        QuestionId = questionId;
        Position = position;
    }

    public int SurveyId { get; private set; }
    public int QuestionId { get; private set; }
    public int Position { get; private set; }
}

/// <summary>A unit invited to a pulse; its sub-units are invited with it.</summary>
public class PulseAudienceUnit
{
    private PulseAudienceUnit() { }

    public PulseAudienceUnit(int unitId) => UnitId = unitId;

    public int SurveyId { get; private set; }
    public int UnitId { get; private set; }
}

/// <summary>
/// The anonymity thresholds of a pulse: scores of a group are shown only from <see cref="MinGroupSize"/> answers (never
/// below 3), comments only from <see cref="CommentThreshold"/>, and per-item figures and the eNPS split only from
/// <see cref="DetailMinGroupSize"/> (at least the minimum group size): in a group of five, four colleagues who pool their
/// own answers can subtract them from a per-item figure, so a pulse owner may ask more for the detail than for the headline.
/// </summary>
public readonly record struct AnonymityThresholds
{
    public const int LowestMinGroupSize = 3;
    public const int DefaultMinGroupSize = 5;
    public const int DefaultCommentThreshold = 10;

    /// <summary>Response rates are shown only for groups of at least this many invited people.</summary>
    public const int ResponseRateMinimumInvited = 5;

    /// <summary>Driver analysis (correlations) needs at least this many responses.</summary>
    public const int DriverMinimumResponses = 25;

    /// <param name="detailMinGroupSize">Null: the minimum group size (no larger group for the detail).</param>
    public AnonymityThresholds(int minGroupSize, int commentThreshold, int? detailMinGroupSize = null)
    {
        MinGroupSize = ValidMinGroupSize(minGroupSize);
        CommentThreshold = ValidCommentThreshold(minGroupSize, commentThreshold);
        DetailMinGroupSize = ValidDetailMinGroupSize(minGroupSize, detailMinGroupSize ?? minGroupSize);
    }

    public const int HighestThreshold = 1000;

    public static int ValidMinGroupSize(int minGroupSize) => minGroupSize switch
    {
        < LowestMinGroupSize => throw new DomainException("pulse.threshold-too-low", $"The minimum group size is at least {LowestMinGroupSize}.", LowestMinGroupSize),
        > HighestThreshold => throw new DomainException("pulse.threshold-too-high", $"A threshold is at most {HighestThreshold}.", HighestThreshold),
        _ => minGroupSize,
    };

    /// <summary>Comments need at least as many answers as scores do.</summary>
    public static int ValidCommentThreshold(int minGroupSize, int commentThreshold) => commentThreshold switch
    {
        _ when commentThreshold < minGroupSize =>
            throw new DomainException("pulse.comment-threshold-too-low", "The comment threshold cannot be below the minimum group size."),
        > HighestThreshold => throw new DomainException("pulse.threshold-too-high", $"A threshold is at most {HighestThreshold}.", HighestThreshold),
        _ => commentThreshold,
    };

    /// <summary>Per-item figures and the eNPS split need at least as many answers as scores do.</summary>
    public static int ValidDetailMinGroupSize(int minGroupSize, int detailMinGroupSize) => detailMinGroupSize switch
    {
        _ when detailMinGroupSize < minGroupSize =>
            throw new DomainException("pulse.detail-threshold-too-low", "The group size for detail cannot be below the minimum group size."),
        > HighestThreshold => throw new DomainException("pulse.threshold-too-high", $"A threshold is at most {HighestThreshold}.", HighestThreshold),
        _ => detailMinGroupSize,
    };

    public int MinGroupSize { get; }
    public int CommentThreshold { get; }
    public int DetailMinGroupSize { get; }

    public static AnonymityThresholds Default { get; } = new(DefaultMinGroupSize, DefaultCommentThreshold);
}
