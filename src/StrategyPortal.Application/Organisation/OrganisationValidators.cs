using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Organisation;

public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator()
    {
        RuleFor(u => u.Name).Satisfies(OrgUnit.ValidName);
        RuleFor(u => u.Kind).IsInEnum();
        RuleFor(u => u.Code).Satisfies(OrgUnit.NormaliseCode);
    }
}

public sealed class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator()
    {
        RuleFor(p => p.Name).Satisfies(Person.ValidName);
        RuleFor(p => p.Email).Satisfies(Person.ValidEmail);
        RuleFor(p => p.OrgUnitId).GreaterThan(0).WithErrorCode("person.unit-required");
        RuleFor(p => p.Role).IsInEnum();
    }
}
