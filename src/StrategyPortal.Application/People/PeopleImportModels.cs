using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary><c>People</c> settings.</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>An import that would deactivate more than this share of the active people needs the administrator's confirmation.</summary>
    public double MaxDeactivationShare { get; set; } = 0.2;
}

public sealed record PeopleImportRequest(PeopleSyncMode Mode, bool CreateUnits);

/// <summary>One person an import changes, for the preview's list.</summary>
public sealed record PeopleChangeRow(int Row, string Name, string? EmployeeNumber, PersonChange Change, IReadOnlyList<string> Fields);

/// <summary>What an import would do: counts, every error, the changes, and whether a safeguard needs a confirmation.</summary>
public sealed record PeopleImportPreview(
    string FileName,
    PeopleSyncMode Mode,
    bool CreateUnits,
    char? Delimiter,
    int Rows,
    PeopleImportCounts Counts,
    int Unchanged,
    IReadOnlyList<string> NewUnits,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount,
    IReadOnlyList<PeopleChangeRow> Changes,
    int ChangeCount,
    IReadOnlyList<string> Deactivating,
    double DeactivationShare,
    double MaxDeactivationShare,
    IReadOnlyList<EmployeeNumberChange> NumberChanges,
    string? ConfirmationCode,
    bool ActingPersonKept)
{
    public bool HasChanges => Counts.Total > 0;
    public bool CanApply => ErrorCount == 0 && HasChanges;
    public bool NeedsConfirmation => ConfirmationCode is not null;
    public bool DeactivatesTooMany => DeactivationShare > MaxDeactivationShare;
    public int OmittedErrors => ErrorCount - Errors.Count;
}

/// <summary>An applied import: its number, the name the audit log knows it by, and what it changed.</summary>
public sealed record PeopleImportResult(int ImportId, string AuditName, PeopleImportCounts Counts);

public enum PeopleImportRefusal
{
    None,
    HasErrors,
    NothingToChange,

    /// <summary>A safeguard applies and the confirmation given is not the preview's code for exactly this change.</summary>
    NeedsConfirmation,
}

/// <summary>What an apply did: <see cref="Result"/> when it changed the portal, else why not (with the preview made at that moment).</summary>
public sealed record PeopleImportOutcome(PeopleImportPreview Preview, PeopleImportResult? Result, PeopleImportRefusal Refusal);

/// <summary>One applied import as the import page lists it.</summary>
public sealed record PeopleImportRow(int Id, string FileName, PeopleSyncMode Mode, DateTime AppliedAtUtc, string AppliedBy, PeopleImportCounts Counts, string AuditName);
