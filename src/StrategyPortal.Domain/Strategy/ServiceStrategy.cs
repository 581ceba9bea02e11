using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Strategy;

/// <summary>
/// The company's service strategy read from its history of choices. The discipline in force for a
/// quarter is the entry with the latest effective quarter on or before it; when two entries take
/// effect in the same quarter, the one chosen last wins.
/// </summary>
public sealed class ServiceStrategy
{
    private readonly List<ServiceStrategyChoice> _ordered;

    public ServiceStrategy(IEnumerable<ServiceStrategyChoice> choices)
    {
        _ordered = choices
            .OrderBy(c => c.EffectiveQuarterKey)
            .ThenBy(c => c.ChosenAtUtc)
            .ThenBy(c => c.Id)
            .ToList();
    }

    /// <summary>Every choice, the one that takes effect last first.</summary>
    public IReadOnlyList<ServiceStrategyChoice> History => Enumerable.Reverse(_ordered).ToList();

    public bool HasChoice => _ordered.Count > 0;

    /// <summary>The choice in force in <paramref name="quarter"/>, or null when none had taken effect yet.</summary>
    public ServiceStrategyChoice? ChoiceFor(Quarter quarter) =>
        _ordered.LastOrDefault(c => c.EffectiveQuarterKey <= quarter.Key);

    public ValueDiscipline? DisciplineFor(Quarter quarter) => ChoiceFor(quarter)?.Discipline;

    /// <summary>The choice that takes effect last (possibly in a future quarter).</summary>
    public ServiceStrategyChoice? Latest => _ordered.Count == 0 ? null : _ordered[^1];

    /// <summary>
    /// The discipline that was in force just before the latest choice took effect, when it differs:
    /// the "from" of the most recent change. Null for a first choice or a confirmation of the same discipline.
    /// </summary>
    public ValueDiscipline? PreviousDiscipline
    {
        get
        {
            if (_ordered.Count < 2) return null;
            var latest = _ordered[^1];
            for (var i = _ordered.Count - 2; i >= 0; i--)
                if (_ordered[i].Discipline != latest.Discipline) return _ordered[i].Discipline;
            return null;
        }
    }
}
