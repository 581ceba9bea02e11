using FluentValidation;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Strategy;

public sealed class StrategyChoiceInputValidator : AbstractValidator<StrategyChoiceInput>
{
    public StrategyChoiceInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(c => c.Discipline).NotNull().WithMessage(_ => text["strategy.discipline-required"]);
        RuleFor(c => c.Discipline).IsInEnum().When(c => c.Discipline is not null).WithMessage(_ => text["strategy.discipline-required"]);
        RuleFor(c => c.Rationale).Must(r => (r ?? string.Empty).Trim().Length >= ServiceStrategyChoice.RationaleMinLength)
            .WithMessage(_ => text["strategy.rationale-required"]);
        RuleFor(c => c.Rationale).MaximumLength(ServiceStrategyChoice.RationaleMaxLength).WithMessage(_ => text["strategy.rationale-too-long"]);
        RuleFor(c => c.EffectiveQuarter).NotNull().WithMessage(_ => text["strategy.quarter-required"]);
    }
}
