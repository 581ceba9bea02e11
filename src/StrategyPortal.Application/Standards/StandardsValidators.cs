using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Standards;

public sealed class StandardInputValidator : AbstractValidator<StandardInput>
{
    public StandardInputValidator()
    {
        RuleFor(s => s.Title).Satisfies(StandardDefinition.ValidTitle);
        RuleFor(s => s.Description).Satisfies(StandardDefinition.ValidDescription);
        RuleFor(s => s.Metric).Satisfies(StandardDefinition.ValidMetric);
        RuleFor(s => s.OwnerUnitId).GreaterThan(0).WithErrorCode("standard.unit-required");
        RuleFor(s => s.Aspect).IsInEnum().WithErrorCode("standard.choice-invalid");
        RuleFor(s => s.Channel).IsInEnum().WithErrorCode("standard.choice-invalid");
        RuleFor(s => s.Rater).IsInEnum().WithErrorCode("standard.choice-invalid");
        RuleFor(s => s.Unit).IsInEnum().WithErrorCode("standard.choice-invalid");
        RuleFor(s => s.Direction).IsInEnum().WithErrorCode("standard.choice-invalid");
        RuleFor(s => s.EffectiveQuarter).NotNull().WithErrorCode("standard.quarter-required");
        RuleFor(s => s.Status).NotEqual(StandardStatus.Retired).When(s => s.Id == 0).WithErrorCode("standard.create-retired");
        RuleFor(s => s.Target).NotNull().WithErrorCode("standard.target-required");
        When(s => Enum.IsDefined(s.Unit) && Enum.IsDefined(s.Direction), () =>
        {
            RuleFor(s => s.Target).Satisfies((s, target) => target is { } t ? StandardDefinition.ValidTarget(s.Unit, t) : 0);
            RuleFor(s => s.AmberThreshold).Satisfies((s, threshold) => s.Target is { } target && MetricUnits.InRange(s.Unit, target)
                ? StandardDefinition.ValidAmberThreshold(s.Unit, s.Direction, target, threshold)
                : null);
        });
    }
}

public sealed class ResultInputValidator : AbstractValidator<ResultInput>
{
    public ResultInputValidator()
    {
        RuleFor(r => r.StandardId).GreaterThan(0);
        RuleFor(r => r.Quarter).NotNull().WithErrorCode("result.quarter-required");
        RuleFor(r => r.Value).Must(v => v is { } value && double.IsFinite(value)).WithErrorCode("result.value-required");
    }
}
