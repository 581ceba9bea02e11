using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary>How records find the person they are about.</summary>
public enum PersonMatch
{
    /// <summary>Only <see cref="PersonData.PersonId"/>: a record without it makes a new person (SCIM, the people page).</summary>
    ById,

    /// <summary>By employee number, else by e-mail (a people file).</summary>
    ByEmployeeNumberThenEmail,
}

public sealed record PlanOptions
{
    public PeopleSyncMode Mode { get; init; } = PeopleSyncMode.Delta;
    public PersonMatch Match { get; init; } = PersonMatch.ById;

    /// <summary>Units named by a path that does not exist are created (else: an error).</summary>
    public bool CreateUnits { get; init; }

    /// <summary>Who applies the plan: never deactivated by it (a full sync keeps them; a row deactivating them is an error).</summary>
    public int? ActingPersonId { get; init; }

    /// <summary>A plan deactivating more than this share of the active people needs a confirmation.</summary>
    public double MaxDeactivationShare { get; init; } = 0.2;
}

/// <summary>What is wrong with a record. <see cref="Row"/> 0: the whole file or request.</summary>
public sealed record PlanError(int Row, PersonField Field, string Message, PlanErrorKind Kind = PlanErrorKind.Invalid);

public enum PlanErrorKind
{
    Invalid,

    /// <summary>Another person already has this e-mail, employee number or user name (SCIM: 409 uniqueness).</summary>
    Uniqueness,

    /// <summary>The person the record is about does not exist (SCIM: 404).</summary>
    NotFound,
}

/// <summary>A person in the final state: an existing one by id, or a new one by the index of its record.</summary>
public readonly record struct PersonKey(int? Id, int? NewRecord);

/// <summary>A unit in the final state: an existing one by id, or a new one by its index in <see cref="PeoplePlan.NewUnits"/>.</summary>
public readonly record struct UnitKey(int? Id, int? NewUnit);

public sealed record PlannedUnit(string Path, string Name, UnitKey Parent, OrgUnitKind Kind);

[Flags]
public enum PersonChange
{
    None = 0,
    Created = 1,
    Changed = 2,
    Moved = 4,
    Deactivated = 8,
    Reactivated = 16,
}

/// <summary>A person as the plan leaves them.</summary>
public sealed class PersonState
{
    public string? EmployeeNumber { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public UnitKey Unit { get; set; }
    public PersonKey? Manager { get; set; }
    public PortalRole Role { get; set; }
    public string? Language { get; set; }
    public DateOnly? StartDate { get; set; }
    public bool Active { get; set; }
    public string? UserName { get; set; }
}

/// <summary>One record's outcome: the person it matched (or none: created), how they end up, and what changes.</summary>
public sealed class PlannedPerson
{
    public required PersonData Record { get; init; }
    public required int RecordIndex { get; init; }
    public Person? Existing { get; init; }
    public required PersonState State { get; init; }
    public PersonChange Change { get; set; }
    public PersonField ChangedFields { get; set; }

    /// <summary>Matched by e-mail while the file gives another employee number: the old one (a safeguard).</summary>
    public string? ReplacedEmployeeNumber { get; set; }

    public PersonKey Key => Existing is { } p ? new PersonKey(p.Id, null) : new PersonKey(null, RecordIndex);
    public bool HasErrors { get; set; }
}

/// <summary>An employee number an import would replace on a person it matched by e-mail.</summary>
public sealed record EmployeeNumberChange(int PersonId, string Name, string OldNumber, string NewNumber);

/// <summary>What applying the records would do, and everything wrong with them. Nothing is changed by making a plan.</summary>
public sealed class PeoplePlan
{
    public List<PlannedPerson> People { get; } = [];
    public List<PlannedUnit> NewUnits { get; } = [];

    /// <summary>Active people a full sync deactivates because the file leaves them out.</summary>
    public List<Person> Missing { get; } = [];
    public List<PlanError> Errors { get; } = [];

    /// <summary>The person applying a full sync is not in the file; they stay active.</summary>
    public bool ActingPersonKept { get; set; }

    public int ActiveBefore { get; set; }
    public double MaxDeactivationShare { get; set; }

    public int Created => People.Count(p => p.Change.HasFlag(PersonChange.Created));
    public int Changed => People.Count(p => p.Change.HasFlag(PersonChange.Changed));
    public int Moved => People.Count(p => p.Change.HasFlag(PersonChange.Moved));
    public int Deactivated => People.Count(p => p.Change.HasFlag(PersonChange.Deactivated)) + Missing.Count;
    public int Reactivated => People.Count(p => p.Change.HasFlag(PersonChange.Reactivated));
    public int Unchanged => People.Count(p => p.Change == PersonChange.None);

    public PeopleImportCounts Counts(int rows) => new(rows, Created, Changed, Moved, Deactivated, Reactivated, NewUnits.Count);

    public bool HasChanges => NewUnits.Count > 0 || Missing.Count > 0 || People.Any(p => p.Change != PersonChange.None);

    public double DeactivationShare => ActiveBefore == 0 ? 0 : (double)Deactivated / ActiveBefore;

    public bool DeactivatesTooMany => DeactivationShare > MaxDeactivationShare;

    public IReadOnlyList<EmployeeNumberChange> EmployeeNumberChanges =>
        People.Where(p => p.ReplacedEmployeeNumber is not null && p.Existing is not null)
            .Select(p => new EmployeeNumberChange(p.Existing!.Id, p.State.Name, p.ReplacedEmployeeNumber!, p.State.EmployeeNumber ?? string.Empty)).ToList();

    /// <summary>Deactivates more than the allowed share, or replaces employee numbers: applied only with <see cref="ConfirmationCode"/>.</summary>
    public bool NeedsConfirmation => DeactivatesTooMany || EmployeeNumberChanges.Count > 0;

    /// <summary>
    /// Names exactly the guarded changes (who is deactivated, whose employee number changes to what): a confirmation
    /// given for one preview does not cover a different change.
    /// </summary>
    public string? ConfirmationCode
    {
        get
        {
            if (!NeedsConfirmation) return null;
            var deactivated = Missing.Select(p => p.Id)
                .Concat(People.Where(p => p.Change.HasFlag(PersonChange.Deactivated) && p.Existing is not null).Select(p => p.Existing!.Id))
                .Order();
            var text = "deactivate:" + string.Join(',', deactivated) + ";numbers:" +
                       string.Join(',', EmployeeNumberChanges.OrderBy(c => c.PersonId).Select(c => $"{c.PersonId}={c.OldNumber}>{c.NewNumber}"));
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
            return Convert.ToHexStringLower(hash)[..12];
        }
    }
}
