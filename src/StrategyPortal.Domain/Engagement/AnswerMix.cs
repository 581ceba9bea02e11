using StrategyPortal.Domain.Access;

namespace StrategyPortal.Domain.Engagement;

/// <summary>
/// How many of a round's responses had arrived when its answers were last mixed: rewritten so that nothing physical in the
/// database (write order, page positions, transaction ids) pairs a participation with its response. The mixer mixes a round
/// again once at least the pulse's minimum group size has arrived since, and a last time after it closes.
/// </summary>
[NotAudited] // bookkeeping of the mixer; a timestamped audit entry would give away how many had answered by then
public class AnswerMix
{
    private AnswerMix() { }

    public AnswerMix(int roundId, int mixedResponses)
    {
        RoundId = roundId;
        MixedResponses = mixedResponses;
    }

    public int RoundId { get; private set; }
    public int MixedResponses { get; private set; }

    public void Mixed(int responses) => MixedResponses = responses;

    /// <summary>Whether the answers that arrived since the last mix should be mixed now.</summary>
    public static bool IsDue(int responses, int mixedResponses, bool roundClosed, int batch) =>
        responses > mixedResponses && (roundClosed || responses - mixedResponses >= batch);
}
