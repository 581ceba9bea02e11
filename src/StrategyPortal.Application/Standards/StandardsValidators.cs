using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Standards;

public sealed class StandardInputValidator : AbstractValidator<StandardInput>
{
    public StandardInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(s => s.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["standard.title-required"]);
        RuleFor(s => s.Title).MaximumLength(StandardDefinition.TitleMaxLength).WithMessage(_ => text["standard.title-too-long"]);
        RuleFor(s => s.Description).MaximumLength(StandardDefinition.DescriptionMaxLength).WithMessage(_ => text["standard.description-too-long"]);
        RuleFor(s => s.Metric).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["standard.metric-required"]);
        RuleFor(s => s.Metric).MaximumLength(StandardDefinition.MetricMaxLength).WithMessage(_ => text["standard.metric-too-long"]);
        RuleFor(s => s.OwnerUnitId).GreaterThan(0).WithMessage(_ => text["standard.unit-required"]);
        RuleFor(s => s.Aspect).IsInEnum().WithMessage(_ => text["standard.choice-invalid"]);
        RuleFor(s => s.Channel).IsInEnum().WithMessage(_ => text["standard.choice-invalid"]);
        RuleFor(s => s.Rater).IsInEnum().WithMessage(_ => text["standard.choice-invalid"]);
        RuleFor(s => s.Unit).IsInEnum().WithMessage(_ => text["standard.choice-invalid"]);
        RuleFor(s => s.Direction).IsInEnum().WithMessage(_ => text["standard.choice-invalid"]);
        RuleFor(s => s.EffectiveQuarter).NotNull().WithMessage(_ => text["standard.quarter-required"]);
        RuleFor(s => s.Status).Must(s => s != StandardStatus.Retired).When(s => s.Id == 0).WithMessage(_ => text["standard.create-retired"]);

        RuleFor(s => s.Target).NotNull().WithMessage(_ => text["standard.target-required"]);
        RuleFor(s => s.Target!.Value)
            .Must((s, target) => MetricUnits.InRange(s.Unit, target))
            .When(s => s.Target is not null && Enum.IsDefined(s.Unit))
            .OverridePropertyName(nameof(StandardInput.Target))
            .WithMessage(s => RangeMessage(text, "standard.target-range", s.Unit));
        RuleFor(s => s.AmberThreshold!.Value)
            .Must((s, threshold) => MetricUnits.InRange(s.Unit, threshold))
            .When(s => s.AmberThreshold is not null && Enum.IsDefined(s.Unit))
            .OverridePropertyName(nameof(StandardInput.AmberThreshold))
            .WithMessage(s => RangeMessage(text, "standard.amber-range", s.Unit));
        RuleFor(s => s.AmberThreshold!.Value)
            .Must((s, threshold) => RagJudgement.IsOnWorseSide(s.Target!.Value, threshold, s.Direction))
            .When(s => s.AmberThreshold is not null && s.Target is not null && Enum.IsDefined(s.Direction))
            .OverridePropertyName(nameof(StandardInput.AmberThreshold))
            .WithMessage(s => s.Direction == MetricDirection.HigherIsBetter
                ? text["standard.amber-below-target"]
                : text["standard.amber-above-target"]);
    }

    private static string RangeMessage(IStringLocalizer<Messages> text, string key, MetricUnit unit)
    {
        var (min, max) = MetricUnits.RangeOf(unit);
        return text[key, min.ToString("0.##", CultureInfo.CurrentCulture), max.ToString("#,0.##", CultureInfo.CurrentCulture)];
    }
}

public sealed class ResultInputValidator : AbstractValidator<ResultInput>
{
    public ResultInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(r => r.StandardId).GreaterThan(0);
        RuleFor(r => r.Quarter).NotNull().WithMessage(_ => text["result.quarter-required"]);
        RuleFor(r => r.Value).NotNull().WithMessage(_ => text["result.value-required"]);
        RuleFor(r => r.Value!.Value).Must(v => !double.IsNaN(v) && !double.IsInfinity(v))
            .When(r => r.Value is not null).OverridePropertyName(nameof(ResultInput.Value)).WithMessage(_ => text["result.value-required"]);
    }
}
