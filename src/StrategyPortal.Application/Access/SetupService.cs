using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Access;

public sealed class SetupInput
{
    public string CompanyName { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>
/// The one-time first start: with no administrator in the database, whoever opens /setup
/// creates the company and the first administrator. After that the page is gone for good.
/// </summary>
public sealed class SetupService(IPortalDbFactory dbFactory, IAccountService accounts, IValidator<SetupInput> validator, MessageText text)
{
    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken = default) =>
        !await accounts.AnyAdministratorAsync(cancellationToken);

    public async Task<int> CreateFirstAdministratorAsync(SetupInput input, CancellationToken cancellationToken = default)
    {
        if (!await IsNeededAsync(cancellationToken)) throw new ForbiddenException("The portal is already set up.");
        await text.EnsureValidAsync(validator, input, cancellationToken);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var company = await db.OrgUnits.FirstOrDefaultAsync(u => u.ParentId == null, cancellationToken);
        var createdCompany = company is null;
        Person person;
        try
        {
            company ??= new OrgUnit(input.CompanyName, OrgUnitKind.Other, null);
            if (createdCompany) db.OrgUnits.Add(company);
            await db.SaveChangesAsync(cancellationToken);
            person = new Person(input.Name, input.Email, company.Id, PortalRole.Administrator);
        }
        catch (DomainException e) { throw text.Invalid(e); }

        var existing = await db.People.FirstOrDefaultAsync(p => p.Email == person.Email, cancellationToken);
        if (existing is not null) throw text.Invalid<SetupInput>(s => s.Email, "person.email-taken");
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await accounts.CreateLoginAsync(person.Id, person.Email, input.Password, cancellationToken);
        }
        catch (ValidationFailedException e)
        {
            db.People.Remove(person);
            if (createdCompany) db.OrgUnits.Remove(company);
            await db.SaveChangesAsync(cancellationToken);
            throw ValidationFailedException.For<SetupInput>(s => s.Password, e.Message);
        }
        return person.Id;
    }
}
