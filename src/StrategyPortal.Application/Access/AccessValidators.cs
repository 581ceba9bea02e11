using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Access;

public sealed class ApiKeyInputValidator : AbstractValidator<ApiKeyInput>
{
    public ApiKeyInputValidator()
    {
        RuleFor(k => k.Name).Satisfies(ApiKey.ValidName);
        RuleFor(k => k.Scopes).Satisfies(ApiKey.ValidScopes);
    }
}

public sealed class SetupInputValidator : AbstractValidator<SetupInput>
{
    public SetupInputValidator()
    {
        RuleFor(s => s.CompanyName).Cascade(CascadeMode.Stop).NotEmpty().WithErrorCode("setup.company-required").Satisfies(OrgUnit.ValidName);
        RuleFor(s => s.Name).Satisfies(Person.ValidName);
        RuleFor(s => s.Email).Satisfies(Person.ValidEmail);
        RuleFor(s => s.ConfirmPassword).Equal(s => s.Password).WithErrorCode("setup.passwords-differ");
    }
}

public sealed class SetPasswordInputValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordInputValidator() => RuleFor(s => s.ConfirmPassword).Equal(s => s.Password).WithErrorCode("setup.passwords-differ");
}
