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

    public void Deactivate() => IsActive = false;
    public void Reactivate()
    {
        if (IsErased) throw new DomainException("person.erased", "An erased person cannot be changed.");
        IsActive = true;
    }

    public static string NormaliseEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public static string ValidName(string? name) => TextRules.Required(name, NameMaxLength, "person.name");

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
