using StrategyPortal.Domain.Common;
using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Engagement;

public sealed class PulseInputValidator : AbstractValidator<PulseInput>
{
    public PulseInputValidator(TimeProvider clock)
    {
        RuleFor(p => p.Title).Satisfies(PulseSurvey.ValidTitle);
        RuleFor(p => p.Cadence).Satisfies(PulseSurvey.ValidCadence);
        RuleFor(p => p.OpensOn).NotNull().WithErrorCode("pulse.opens-required");
        RuleFor(p => p.OpensOn).Satisfies(opensOn => opensOn is { } day ? PulseSurvey.ValidOpensOn(day, clock.Today()) : opensOn);
        RuleFor(p => p.ClosesOn).NotNull().WithErrorCode("pulse.closes-required");
        RuleFor(p => p.ClosesOn).Satisfies((p, closesOn) => p is { OpensOn: { } opens, ClosesOn: { } closes } ? PulseSurvey.ValidClosesOn(p.Cadence, opens, closes) : closesOn);
        RuleFor(p => p.QuestionIds).Satisfies(PulseSurvey.ValidItems);
        RuleFor(p => p.AudienceUnitIds).Satisfies(PulseSurvey.ValidAudience);
        RuleFor(p => p.MinGroupSize).Satisfies(AnonymityThresholds.ValidMinGroupSize);
        RuleFor(p => p.CommentThreshold).Satisfies((p, threshold) => AnonymityThresholds.ValidCommentThreshold(p.MinGroupSize, threshold));
        RuleFor(p => p.DetailMinGroupSize).Satisfies((p, detail) => detail is { } size ? AnonymityThresholds.ValidDetailMinGroupSize(p.MinGroupSize, size) : detail);
    }
}

public sealed class PulseRemindersInputValidator : AbstractValidator<PulseRemindersInput>
{
    public PulseRemindersInputValidator()
    {
        RuleFor(p => p.FirstAtPercent).Satisfies(PulseReminderSchedule.ValidFirstAtPercent);
        RuleFor(p => p.EveryDays).Satisfies(PulseReminderSchedule.ValidEveryDays);
    }
}

public sealed class QuestionInputValidator : AbstractValidator<QuestionInput>
{
    public QuestionInputValidator()
    {
        RuleFor(q => q.Code).Satisfies(PulseQuestion.ValidCode);
        RuleFor(q => q.Kind).Satisfies(PulseQuestion.ValidKind);
        RuleFor(q => q.TextNl).Satisfies(PulseQuestion.ValidText);
        RuleFor(q => q.TextEn).Satisfies(PulseQuestion.ValidText);
    }
}
