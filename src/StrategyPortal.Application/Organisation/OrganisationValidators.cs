using FluentValidation;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Organisation;

public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(u => u.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["orgunit.name-required"]);
        RuleFor(u => u.Name).MaximumLength(OrgUnit.NameMaxLength).WithMessage(_ => text["orgunit.name-too-long"]);
        RuleFor(u => u.Kind).IsInEnum();
    }
}

public sealed class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator(IStringLocalizer<Messages> text)
    {
        RuleFor(p => p.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["person.name-required"]);
        RuleFor(p => p.Name).MaximumLength(Person.NameMaxLength).WithMessage(_ => text["person.name-too-long"]);
        RuleFor(p => p.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => text["person.email-required"]);
        // One message per rule: WithMessage only applies to the rule just before it, so EmailAddress() needs its own.
        RuleFor(p => p.Email).EmailAddress().WithMessage(_ => text["person.email-invalid"]).When(p => !string.IsNullOrWhiteSpace(p.Email));
        RuleFor(p => p.Email).MaximumLength(Person.EmailMaxLength).WithMessage(_ => text["person.email-invalid"]);
        RuleFor(p => p.OrgUnitId).GreaterThan(0).WithMessage(_ => text["person.unit-required"]);
        RuleFor(p => p.Role).IsInEnum();
    }
}
