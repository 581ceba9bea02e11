using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.People;

/// <summary>The parts of a person a record can give. What a record does not give stays as it is.</summary>
[Flags]
public enum PersonField
{
    None = 0,
    EmployeeNumber = 1 << 0,
    FirstName = 1 << 1,
    LastName = 1 << 2,
    DisplayName = 1 << 3,
    Email = 1 << 4,
    Unit = 1 << 5,
    Manager = 1 << 6,
    Role = 1 << 7,
    Language = 1 << 8,
    StartDate = 1 << 9,
    Active = 1 << 10,
    UserName = 1 << 11,
}

/// <summary>A unit as a record names it: by id (the people page), or by a path below the company or a unit code (a file, SCIM).</summary>
public readonly record struct UnitReference(int? Id, string? Text)
{
    public static UnitReference ById(int id) => new(id, null);
    public static UnitReference ByText(string text) => new(null, text);
    public override string ToString() => Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}

/// <summary>A manager as a record names them: by person id (SCIM, the people page) or employee number (a file).</summary>
public readonly record struct ManagerReference(int? PersonId, string? EmployeeNumber)
{
    public override string ToString() => EmployeeNumber ?? PersonId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>
/// One person as a people file row, a SCIM request or the people page gives them: the values of <see cref="Given"/>
/// are set, the rest is kept. <see cref="PeoplePlanner"/> checks the record against the portal and the other records.
/// </summary>
public sealed class PersonData
{
    /// <summary>The file row (the header is row 1); 0 outside a file.</summary>
    public int Row { get; init; }

    /// <summary>The person this record is about, when the caller knows it (SCIM's id, the people page); else it is matched.</summary>
    public int? PersonId { get; set; }

    public PersonField Given { get; set; }

    public string? EmployeeNumber { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>The name shown in the portal; without it, "first last".</summary>
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public UnitReference? Unit { get; set; }

    /// <summary>Null with <see cref="PersonField.Manager"/> given: reports to nobody.</summary>
    public ManagerReference? Manager { get; set; }
    public PortalRole? Role { get; set; }
    public string? Language { get; set; }
    public DateOnly? StartDate { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>SCIM's <c>userName</c>.</summary>
    public string? UserName { get; set; }

    public bool Gives(PersonField field) => (Given & field) != 0;
}
