using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Engagement;

/// <summary>One run of a pulse: open from <see cref="OpensOn"/> to <see cref="ClosesOn"/>, both days included. Unique per (survey, number).</summary>
public class PulseRound : IVersioned
{
    private PulseRound() { }

    public PulseRound(int surveyId, int number, DateOnly opensOn, DateOnly closesOn)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        if (closesOn < opensOn) throw new DomainException("pulse.dates-order", "The pulse must close on or after the day it opens.");
        SurveyId = surveyId;
        Number = number;
        OpensOn = opensOn;
        ClosesOn = closesOn;
    }

    public int Id { get; private set; }
    public int SurveyId { get; private set; }
    public int Number { get; private set; }
    public DateOnly OpensOn { get; private set; }
    public DateOnly ClosesOn { get; private set; }

    /// <summary>The day a reminder was last asked for: everyone invited without a participation sees a banner. No per-person record.</summary>
    public DateOnly? RemindedOn { get; private set; }

    /// <summary>
    /// The day the round recorded its audience (<see cref="RoundAudience"/>): its units, their parents within the audience,
    /// their names and who was invited where. Null until the round opens; every figure of the round is computed from that record.
    /// </summary>
    public DateOnly? AudienceRecordedOn { get; private set; }

    public int Version { get; set; }

    public bool HasRecordedAudience => AudienceRecordedOn is not null;

    /// <summary>Marks the audience as recorded; once only, and not before the round opens.</summary>
    public void RecordAudience(DateOnly today)
    {
        if (AudienceRecordedOn is not null) throw new DomainException("pulse.audience-already-recorded", "This round has already recorded its audience.");
        if (IsNotYetOpenOn(today)) throw new DomainException("pulse.round-not-open", "This round is not open.");
        AudienceRecordedOn = today;
    }

    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;
    public bool HasClosedBy(DateOnly day) => day > ClosesOn;
    public bool IsNotYetOpenOn(DateOnly day) => day < OpensOn;

    public void Remind(DateOnly today)
    {
        if (!IsOpenOn(today)) throw new DomainException("pulse.round-not-open", "This round is not open.");
        RemindedOn = today;
    }
}

/// <summary>
/// That a person took part in a round — and nothing else. Kept apart from <see cref="PulseResponse"/>:
/// no key, time or order links the two. Reminders and "you already answered" read only this.
/// </summary>
[NotAudited] // anonymous: an audit entry (who, when) would tie it to a person
public class Participation
{
    private Participation() { }

    public Participation(int roundId, int personId)
    {
        RoundId = roundId;
        PersonId = personId;
    }

    public int RoundId { get; private set; }
    public int PersonId { get; private set; }
}
