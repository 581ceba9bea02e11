using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>The rows one answer writes: who took part, and — sharing nothing with it but the round — what was answered.</summary>
public sealed record PulseAnswerRows(Participation Participation, PulseResponse Response, IReadOnlyList<PulseComment> Comments);

/// <summary>
/// Stores checked answers: each answer's rows all or none, and on disk before the call returns. Infrastructure commits the
/// answers that arrive together in one transaction (one log flush for many answers instead of one each).
/// </summary>
public interface IPulseAnswerStore
{
    /// <summary>True when stored; false when the person's participation was there already (a second answer raced the first) and nothing was stored.</summary>
    Task<bool> StoreAsync(PulseAnswerRows answer, CancellationToken cancellationToken = default);
}
