using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Strategy;

public sealed class StrategyChoiceInputValidator : AbstractValidator<StrategyChoiceInput>
{
    public StrategyChoiceInputValidator()
    {
        RuleFor(c => c.Discipline).NotNull().WithErrorCode("strategy.discipline-required");
        RuleFor(c => c.Discipline).Satisfies(d => d is { } discipline ? ServiceStrategyChoice.ValidDiscipline(discipline) : d);
        RuleFor(c => c.Rationale).Satisfies(ServiceStrategyChoice.ValidRationale);
        RuleFor(c => c.EffectiveQuarter).NotNull().WithErrorCode("strategy.quarter-required");
    }
}
