using System.Net.Mail;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Organisation;

/// <summary>
/// Someone who works at the company. People with history are deactivated, never deleted.
/// The sign-in account is separate (Infrastructure); a person may have none yet.
/// </summary>
public class Person : IVersioned
{
    public const int NameMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int EmployeeNumberMaxLength = 40;
    public const int PartNameMaxLength = 60;

    /// <summary>The languages a person can be given (the portal's languages).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["nl", "en"];

    private Person() { Name = string.Empty; Email = string.Empty; }

    public Person(string name, string email, int orgUnitId, PortalRole role)
    {
        Name = ValidName(name);
        Email = ValidEmail(email);
        OrgUnitId = orgUnitId;
        Role = role;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Email { get; private set; }
    public int OrgUnitId { get; private set; }
    public PortalRole Role { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>The number HR knows the person by (unique when given): what a people file matches on.</summary>
    public string? EmployeeNumber { get; private set; }

    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }

    /// <summary>Who the person reports to. Decides what a manager may see (see <see cref="ReportingLines"/>).</summary>
    public int? ManagerId { get; private set; }

    /// <summary>The manager when loaded (or new in the same save); <see cref="ManagerId"/> is what counts.</summary>
    public Person? Manager { get; private set; }

    /// <summary>"nl" or "en" as HR gave it; the person's own choice in the portal wins once they make one.</summary>
    public string? Language { get; private set; }

    public DateOnly? StartDate { get; private set; }

    /// <summary>The name the company's directory knows the person by (SCIM <c>userName</c>, usually the UPN), lower case; null when not provisioned.</summary>
    public string? DirectoryUserName { get; private set; }

    /// <summary>Erased on request (privacy): name and e-mail are a pseudonym, the person cannot come back.</summary>
    public bool IsErased { get; private set; }
    public int Version { get; set; }

    /// <summary>The name an erased person keeps in history (standards changes, results, the audit log).</summary>
    public static string Pseudonym(int personId) => $"Erased person #{personId}";

    /// <summary>The e-mail an erased person keeps: unique, and never deliverable (.invalid is reserved).</summary>
    public static string PseudonymEmail(int personId) => $"erased-{personId}@erased.invalid";

    /// <summary>Replaces name and e-mail by a pseudonym and deactivates the person for good.</summary>
    public void Erase()
    {
        if (IsErased) throw new DomainException("person.already-erased", "This person has already been erased.");
        Name = Pseudonym(Id);
        Email = PseudonymEmail(Id);
        FirstName = LastName = EmployeeNumber = DirectoryUserName = null;
        StartDate = null;
        IsActive = false;
        IsErased = true;
    }

    public void Update(string name, string email, int orgUnitId, PortalRole role)
    {
        if (IsErased) throw new DomainException("person.erased", "An erased person cannot be changed.");
        Name = ValidName(name);
        Email = ValidEmail(email);
        OrgUnitId = orgUnitId;
        Role = role;
    }

    /// <summary>Given and family name as HR keeps them; the display name is <see cref="Name"/> (see <see cref="Rename"/>).</summary>
    public void SetNameParts(string? firstName, string? lastName)
    {
        if (IsErased) throw new DomainException("person.erased", "An erased person cannot be changed.");
        FirstName = Part(firstName);
        LastName = Part(lastName);
    }

    public void Rename(string name)
    {
        if (IsErased) throw new DomainException("person.erased", "An erased person cannot be changed.");
        Name = ValidName(name);
    }

    /// <summary>"first last" trimmed; null when both are empty.</summary>
    public static string? FullName(string? firstName, string? lastName)
    {
        var full = $"{firstName?.Trim()} {lastName?.Trim()}".Trim();
        return full.Length == 0 ? null : full;
    }

    public void SetEmployeeNumber(string? employeeNumber) => EmployeeNumber = NormaliseEmployeeNumber(employeeNumber);

    /// <summary>Trimmed; null when empty. Too long or with control characters: refused.</summary>
    public static string? NormaliseEmployeeNumber(string? employeeNumber)
    {
        var trimmed = (employeeNumber ?? string.Empty).Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed.Length > EmployeeNumberMaxLength) throw new DomainException("person.employee-number-too-long", $"An employee number has at most {EmployeeNumberMaxLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new DomainException("person.employee-number-invalid", "An employee number cannot hold control characters.");
        return trimmed;
    }

    public void MoveTo(int orgUnitId) => OrgUnitId = orgUnitId;

    public void ChangeRole(PortalRole role) => Role = role;

    public void ChangeEmail(string email) => Email = ValidEmail(email);

    /// <summary>
    /// Reports to <paramref name="manager"/> (null: to nobody). The manager may be new in the same save: EF writes them
    /// first and fills <see cref="ManagerId"/>. The reporting line's cycle check is <see cref="ReportingLines"/>'.
    /// </summary>
    public void ReportTo(Person? manager)
    {
        if (ReferenceEquals(manager, this) || (manager is not null && manager.Id != 0 && manager.Id == Id))
            throw new DomainException("person.manager-self", "A person cannot be their own manager.");
        Manager = manager;
        // A new manager has no id yet: EF sets the key from the navigation when it saves (touching it here as well
        // would make EF's fix-up undo the navigation).
        if (manager is not { Id: 0 }) ManagerId = manager?.Id;
    }

    public void SetLanguage(string? language) => Language = NormaliseLanguage(language);

    /// <summary>"nl", "en", a culture of either ("nl-BE", "en-GB") or empty (null); anything else is refused.</summary>
    public static string? NormaliseLanguage(string? language)
    {
        var trimmed = (language ?? string.Empty).Trim();
        if (trimmed.Length == 0) return null;
        var primary = trimmed.Split('-', '_')[0].ToLowerInvariant();
        return Languages.Contains(primary) ? primary : throw new DomainException("person.language-unknown", $"Unknown language '{trimmed}': use nl or en.");
    }

    public void SetStartDate(DateOnly? startDate) => StartDate = startDate;

    public void SetDirectoryUserName(string? userName)
    {
        var normalised = (userName ?? string.Empty).Trim().ToLowerInvariant();
        if (normalised.Length > EmailMaxLength) throw new DomainException("person.username-too-long", $"A user name has at most {EmailMaxLength} characters.");
        DirectoryUserName = normalised.Length == 0 ? null : normalised;
    }

    public void Deactivate() => IsActive = false;
    public void Reactivate()
    {
        if (IsErased) throw new DomainException("person.erased", "An erased person cannot be changed.");
        IsActive = true;
    }

    public static string NormaliseEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public static string ValidName(string? name) => TextRules.Required(name, NameMaxLength, "person.name");

    private static string? Part(string? part)
    {
        var trimmed = (part ?? string.Empty).Trim();
        if (trimmed.Length > PartNameMaxLength) throw new DomainException("person.name-part-too-long", $"A first or last name has at most {PartNameMaxLength} characters.");
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>The normalised (trimmed, lower-case) address, when it is one.</summary>
    public static string ValidEmail(string? email)
    {
        var normalised = NormaliseEmail(email);
        if (normalised.Length == 0) throw new DomainException("person.email-required", "An e-mail address is required.");
        if (normalised.Length > EmailMaxLength || !MailAddress.TryCreate(normalised, out var parsed) || parsed.Address != normalised)
            throw new DomainException("person.email-invalid", "That is not a valid e-mail address.");
        return normalised;
    }
}
