using FluentValidation;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Actions;

namespace StrategyPortal.Application.Actions;

public sealed class ActionInputValidator : AbstractValidator<ActionInput>
{
    public ActionInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(a => a.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["action.title-required"]);
        RuleFor(a => a.Title).MaximumLength(ImprovementAction.TitleMaxLength).WithMessage(_ => text["action.title-too-long"]);
        RuleFor(a => a.Description).MaximumLength(ImprovementAction.DescriptionMaxLength).WithMessage(_ => text["action.description-too-long"]);
        RuleFor(a => a.UnitId).GreaterThan(0).WithMessage(_ => text["action.unit-required"]);
        RuleFor(a => a.OwnerPersonId).NotNull().GreaterThan(0).WithMessage(_ => text["action.owner-required"]);
        RuleFor(a => a.DueOn).NotNull().WithMessage(_ => text["action.due-required"]);
        RuleFor(a => a.Cause).NotNull().When(a => a.Id == 0).WithMessage(_ => text["action.cause-required"]);
    }
}

public sealed class CheckInInputValidator : AbstractValidator<CheckInInput>
{
    public CheckInInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(c => c.ActionId).GreaterThan(0);
        RuleFor(c => c.On).NotNull().WithMessage(_ => text["action.checkin-date-required"]);
        RuleFor(c => c.Note).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["action.note-required"]);
        RuleFor(c => c.Note).MaximumLength(ActionCheckIn.NoteMaxLength).WithMessage(_ => text["action.note-too-long"]);
        RuleFor(c => c.NewStatus).IsInEnum().When(c => c.NewStatus is not null).WithMessage(_ => text["action.status-move"]);
        RuleFor(c => c.DropReason).Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.NewStatus == ActionStatus.Dropped)
            .WithMessage(_ => text["action.drop-reason-required"]);
        RuleFor(c => c.DropReason).MaximumLength(ImprovementAction.DropReasonMaxLength).WithMessage(_ => text["action.drop-reason-too-long"]);
    }
}
