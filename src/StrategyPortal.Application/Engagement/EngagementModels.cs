using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>The <c>Engagement</c> configuration section: default anonymity thresholds of new pulses.</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>Fewest answers for a group's scores to be shown. Never below 3 (lower values are raised to 3).</summary>
    public int MinimumGroupSize { get; set; } = AnonymityThresholds.DefaultMinGroupSize;

    /// <summary>Fewest answers for a group's comments to be shown. Never below the minimum group size.</summary>
    public int CommentThreshold { get; set; } = AnonymityThresholds.DefaultCommentThreshold;

    /// <summary>Run the round scheduler (next rounds of recurring pulses) in this instance.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    public int SchedulerIntervalMinutes { get; set; } = 60;

    public AnonymityThresholds Defaults
    {
        get
        {
            var min = Math.Max(AnonymityThresholds.LowestMinGroupSize, MinimumGroupSize);
            return new AnonymityThresholds(min, Math.Max(min, CommentThreshold));
        }
    }
}

// ---- question bank ----

/// <param name="InUse">Asked in a pulse round that has opened (answered or not): saving new wording adds a new version.</param>
public sealed record QuestionRow(int Id, string Code, QuestionKind Kind, string TextNl, string TextEn, int Revision, bool IsActive, bool InUse, int Version)
{
    public string Text(string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? TextEn : TextNl;
}

public sealed class QuestionInput
{
    public int Id { get; set; }
    public string Code { get; set; } = string.Empty;
    public QuestionKind Kind { get; set; } = QuestionKind.Engagement;
    public string TextNl { get; set; } = string.Empty;
    public string TextEn { get; set; } = string.Empty;
    public int Version { get; set; }
}

/// <summary>What saving an item did: edited in place (no round with it has opened) or saved as a new version.</summary>
public enum QuestionSaveOutcome
{
    Created,
    EditedInPlace,
    NewVersion,
}

// ---- scheduling ----

public sealed class PulseInput
{
    public string Title { get; set; } = string.Empty;
    public PulseCadence Cadence { get; set; } = PulseCadence.Quarterly;
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public List<int> QuestionIds { get; set; } = [];
    public List<int> AudienceUnitIds { get; set; } = [];
    public int MinGroupSize { get; set; } = AnonymityThresholds.DefaultMinGroupSize;
    public int CommentThreshold { get; set; } = AnonymityThresholds.DefaultCommentThreshold;

    /// <summary>Fewest answers for per-item figures and the eNPS split; null or the minimum group size: no larger group for the detail.</summary>
    public int? DetailMinGroupSize { get; set; }
}

/// <summary>A pulse's reminder schedule as its owner edits it (<see cref="Domain.Notifications.PulseReminderSchedule"/>).</summary>
public sealed class PulseRemindersInput
{
    public int SurveyId { get; set; }
    public bool Enabled { get; set; } = true;
    public int FirstAtPercent { get; set; } = 50;
    public int EveryDays { get; set; } = 4;
    public bool SkipWeekends { get; set; } = true;

    /// <summary>The pulse's version when the owner opened the form.</summary>
    public int Version { get; set; }

    public Domain.Notifications.PulseReminderSchedule Schedule => new(Enabled, FirstAtPercent, EveryDays, SkipWeekends);

    public static PulseRemindersInput For(PulseSurveyRow pulse) => new()
    {
        SurveyId = pulse.Id, Enabled = pulse.ReminderSchedule.Enabled, FirstAtPercent = pulse.ReminderSchedule.FirstAtPercent,
        EveryDays = pulse.ReminderSchedule.EveryDays, SkipWeekends = pulse.ReminderSchedule.SkipWeekends, Version = pulse.Version,
    };
}

/// <param name="Invited">Invited when the round opened; null before it opens.</param>
/// <param name="Answered">How many took part (an open round: today's count), or null where the rules hide it (fewer than 5 invited) or before it opens.</param>
public sealed record PulseRoundRow(int Id, int Number, DateOnly OpensOn, DateOnly ClosesOn, RoundState State, int? Invited, int? Answered, DateOnly? RemindedOn, int Version)
{
    public int? NotAnswered => Invited is { } invited && Answered is { } answered ? Math.Max(0, invited - answered) : null;

    /// <summary>How many reminders went out by e-mail (automatic and manual): never to whom, nor to how many.</summary>
    public int Reminders { get; init; }

    /// <summary>
    /// The day the next automatic reminder is planned (company-local); null: none (off, or none fits before the close). A day,
    /// not a time: nothing about a pulse hands out a time of day.
    /// </summary>
    public DateOnly? NextReminderOn { get; init; }
}

public sealed record PulseSurveyRow(int Id, string Title, PulseCadence Cadence, bool IsActive, int MinGroupSize, int CommentThreshold,
    IReadOnlyList<string> AudienceUnits, int ItemCount, IReadOnlyList<PulseRoundRow> Rounds, int Version, int DetailMinGroupSize = AnonymityThresholds.DefaultMinGroupSize)
{
    /// <summary>When this pulse's rounds send automatic reminders.</summary>
    public Domain.Notifications.PulseReminderSchedule ReminderSchedule { get; init; } = Domain.Notifications.PulseReminderSchedule.Default;
}

public enum RoundState
{
    NotYetOpen,
    Open,
    Closed,
}

// ---- answering ----

public sealed record OpenPulse(int RoundId, string Title, int Number, DateOnly OpensOn, DateOnly ClosesOn, bool Answered, bool Reminded);

public sealed record PulseFormItem(int QuestionId, QuestionKind Kind, string Text, bool Required);

public enum PulseFormStatus
{
    /// <summary>Open, the person is invited and has not answered: show the form.</summary>
    Ready,
    AlreadyAnswered,
    NotYetOpen,
    Closed,
    NotInAudience,
    NotFound,

    /// <summary>A personal link that is not this round's (changed, for another round, or its person has left).</summary>
    InvalidLink,
}

public sealed record PulseForm(PulseFormStatus Status, int RoundId, string Title, DateOnly OpensOn, DateOnly ClosesOn,
    int MinGroupSize, int CommentThreshold, IReadOnlyList<PulseFormItem> Items)
{
    public static PulseForm Refused(PulseFormStatus status, int roundId) => new(status, roundId, string.Empty, default, default, 0, 0, []);
}

public enum SubmitStatus
{
    Stored,
    Invalid,
    AlreadyAnswered,
    NotYetOpen,
    Closed,
    NotInAudience,
    NotFound,
    InvalidLink,
}

/// <summary>The outcome of a submitted form. <see cref="Errors"/>: question id → message (in the reader's language).</summary>
public sealed record SubmitResult(SubmitStatus Status, IReadOnlyDictionary<int, string> Errors)
{
    public static SubmitResult Of(SubmitStatus status) => new(status, new Dictionary<int, string>());
}

// ---- results ----

public sealed record ResultsRoundOption(int RoundId, int SurveyId, string SurveyTitle, int Number, DateOnly OpensOn, DateOnly ClosesOn, RoundState State);

/// <summary>
/// One unit (with its sub-units rolled up) in one round, as the round recorded it when it opened. Every figure is null
/// where the anonymity rules hide it: <see cref="Visibility"/> governs the headline (engagement shares, eNPS score),
/// <see cref="DetailVisibility"/> the per-item figures and the eNPS split (<see cref="Enps"/>), and the response rate and
/// invited count have rules of their own (null when hidden).
/// </summary>
public sealed record UnitResult(
    int UnitId, string Name, int? ParentId, int Depth, GroupVisibility Visibility, int? Invited, double? ResponseRate,
    EngagementShares? Shares, EnpsResult? Enps, IReadOnlyDictionary<int, double?> ItemScores,
    double? EnpsScore = null, GroupVisibility DetailVisibility = GroupVisibility.TooFew)
{
    public bool IsShown => Visibility == GroupVisibility.Shown;

    public bool IsDetailShown => DetailVisibility == GroupVisibility.Shown;
}

public sealed record ResultItem(int QuestionId, string Code, QuestionKind Kind, string Text);

public sealed record DriverRow(int QuestionId, string Text, double? Correlation);

/// <summary>
/// One closed round of the trend for the chosen unit, under the name the unit had in that round; scores null where the group
/// was hidden in that round. Open rounds are no point, and neither are rounds the unit was not part of (a merged unit's line ends).
/// </summary>
public sealed record TrendPoint(int RoundId, int Number, DateOnly OpensOn, GroupVisibility Visibility, double? ResponseRate,
    EngagementShares? Shares, double? Enps, string UnitName = "");

public sealed record CommentRow(string Question, string Text);

/// <summary>
/// Everything the results page shows for a round and a chosen unit, already suppressed: nothing in
/// here belongs to a group below the thresholds, and nothing identifies a person.
/// For a round that has not closed (<see cref="ResultsPending"/>) it holds only response rates: every unit is
/// <see cref="GroupVisibility.RoundOpen"/> without scores, and there is no trend, driver or comment.
/// </summary>
public sealed record RoundResults(
    ResultsRoundOption Round, int MinGroupSize, int CommentThreshold, int SelectedUnitId,
    IReadOnlyList<ResultItem> Items, IReadOnlyList<UnitResult> Units, UnitResult Selected,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<DriverRow>? Drivers, DriverAvailability DriverState,
    IReadOnlyList<CommentRow>? Comments, CommentAvailability CommentState)
{
    /// <summary>The round is still open: its results appear the day after <see cref="ResultsRoundOption.ClosesOn"/>.</summary>
    public bool ResultsPending => Round.State != RoundState.Closed;
}

public enum DriverAvailability
{
    Shown,
    GroupHidden,
    TooFewResponses,
    NoEnpsItem,
    RoundOpen,
}

public enum CommentAvailability
{
    Shown,
    BelowThreshold,
    NoCommentItem,
    RoundOpen,
}

/// <param name="Answered">Today's count of those who took part, or null where the rules hide it (see <see cref="PulseRoundRow"/>).</param>
public sealed record ReminderStatus(int RoundId, int? Invited, int? Answered, DateOnly? RemindedOn)
{
    public int? NotAnswered => Invited is { } invited && Answered is { } answered ? Math.Max(0, invited - answered) : null;
}
