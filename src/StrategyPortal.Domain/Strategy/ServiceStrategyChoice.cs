using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Strategy;

/// <summary>
/// One entry in the append-only history of the company's service strategy: which value discipline
/// was chosen, why, from which quarter, and by whom. Entries are never changed or removed.
/// </summary>
public class ServiceStrategyChoice
{
    public const int RationaleMaxLength = 2000;
    public const int RationaleMinLength = 10;

    private ServiceStrategyChoice() { Rationale = string.Empty; ChosenByName = string.Empty; }

    public ServiceStrategyChoice(ValueDiscipline discipline, string rationale, Quarter effectiveQuarter, int chosenById, string chosenByName, DateTime chosenAtUtc)
    {
        Discipline = ValidDiscipline(discipline);
        Rationale = ValidRationale(rationale);
        EffectiveQuarterKey = effectiveQuarter.Key;
        ChosenById = chosenById;
        ChosenByName = (chosenByName ?? string.Empty).Trim();
        ChosenAtUtc = DateTime.SpecifyKind(chosenAtUtc, DateTimeKind.Utc);
    }

    public static ValueDiscipline ValidDiscipline(ValueDiscipline discipline) =>
        Enum.IsDefined(discipline) ? discipline : throw new DomainException("strategy.discipline-invalid", "Choose one of the three value disciplines.");

    /// <summary>Why: at least <see cref="RationaleMinLength"/> characters, so everyone can read the reason.</summary>
    public static string ValidRationale(string? rationale)
    {
        var trimmed = TextRules.Optional(rationale, RationaleMaxLength, "strategy.rationale");
        return trimmed.Length >= RationaleMinLength ? trimmed
            : throw new DomainException("strategy.rationale-required", $"Explain the choice in at least {RationaleMinLength} characters: everyone should know why.", RationaleMinLength);
    }

    public int Id { get; private set; }
    public ValueDiscipline Discipline { get; private set; }
    public string Rationale { get; private set; }
    public int EffectiveQuarterKey { get; private set; }
    public Quarter EffectiveQuarter => Quarter.FromKey(EffectiveQuarterKey);
    public int ChosenById { get; private set; }
    public string ChosenByName { get; private set; }
    public DateTime ChosenAtUtc { get; private set; }
}
