using StrategyPortal.Domain.Common;
using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Actions;

namespace StrategyPortal.Application.Actions;

/// <summary>
/// A new action's or a change's fields, by the entity's own rules. A new due date may not lie in the past; a change may keep
/// an overdue one, which only the stored action knows (the service checks it).
/// </summary>
public sealed class ActionInputValidator : AbstractValidator<ActionInput>
{
    public ActionInputValidator(TimeProvider clock)
    {
        RuleFor(a => a.Title).Satisfies(ImprovementAction.ValidTitle);
        RuleFor(a => a.Description).Satisfies(ImprovementAction.ValidDescription);
        RuleFor(a => a.UnitId).GreaterThan(0).WithErrorCode("action.unit-required");
        RuleFor(a => a.OwnerPersonId).Satisfies(ImprovementAction.ValidOwner);
        RuleFor(a => a.DueOn).Satisfies((a, due) => a.Id == 0
            ? ImprovementAction.ValidDueOn(due, clock.Today())
            : ImprovementAction.ValidDueOn(due));
        RuleFor(a => a.Cause).NotNull().When(a => a.Id == 0).WithErrorCode("action.cause-required");
    }
}

/// <summary>A check-in's fields; its day and status move depend on the stored action (the service checks them).</summary>
public sealed class CheckInInputValidator : AbstractValidator<CheckInInput>
{
    public CheckInInputValidator()
    {
        RuleFor(c => c.ActionId).GreaterThan(0);
        RuleFor(c => c.On).NotNull().WithErrorCode("action.checkin-date-required");
        RuleFor(c => c.Note).Satisfies(ActionCheckIn.ValidNote);
        RuleFor(c => c.NewStatus).IsInEnum().WithErrorCode("action.status-move");
        RuleFor(c => c.DropReason).Satisfies((c, reason) => ImprovementAction.ValidDropReason(c.NewStatus, reason));
    }
}
