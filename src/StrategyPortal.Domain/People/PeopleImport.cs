namespace StrategyPortal.Domain.People;

/// <summary>Full: people missing from the file are deactivated. Delta: only the rows given change.</summary>
public enum PeopleSyncMode
{
    Delta = 0,
    Full = 1,
}

/// <summary>
/// One applied people import: what file, how, by whom and what it changed. Every change it made is in the audit log
/// under the import's name (<see cref="AuditName"/>), so the log reads as one named import. An import that would
/// change nothing is not recorded at all.
/// </summary>
public class PeopleImport
{
    public const int FileNameMaxLength = 200;

    private PeopleImport() { FileName = string.Empty; FileSha256 = string.Empty; }

    public PeopleImport(string fileName, string fileSha256, PeopleSyncMode mode, DateTime appliedAtUtc, int? appliedByPersonId, int? apiKeyId, PeopleImportCounts counts)
    {
        var name = (fileName ?? string.Empty).Trim();
        FileName = name.Length == 0 ? "people.csv" : name.Length > FileNameMaxLength ? name[..FileNameMaxLength] : name;
        FileSha256 = fileSha256;
        Mode = mode;
        AppliedAtUtc = appliedAtUtc;
        AppliedByPersonId = appliedByPersonId;
        ApiKeyId = apiKeyId;
        Rows = counts.Rows;
        Created = counts.Created;
        Changed = counts.Changed;
        Moved = counts.Moved;
        Deactivated = counts.Deactivated;
        Reactivated = counts.Reactivated;
        UnitsCreated = counts.UnitsCreated;
    }

    public int Id { get; private set; }
    public string FileName { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the file as uploaded.</summary>
    public string FileSha256 { get; private set; }
    public PeopleSyncMode Mode { get; private set; }
    public DateTime AppliedAtUtc { get; private set; }
    public int? AppliedByPersonId { get; private set; }

    /// <summary>Set when a script applied it through the API.</summary>
    public int? ApiKeyId { get; private set; }

    public int Rows { get; private set; }
    public int Created { get; private set; }
    public int Changed { get; private set; }
    public int Moved { get; private set; }
    public int Deactivated { get; private set; }
    public int Reactivated { get; private set; }
    public int UnitsCreated { get; private set; }

    /// <summary>How the audit log names the import (its actor is "who (this)").</summary>
    public string AuditName => AuditNameFor(Id, FileName, Mode);

    public static string AuditNameFor(int id, string fileName, PeopleSyncMode mode)
    {
        var file = fileName.Length > 80 ? fileName[..80] + "…" : fileName;
        return $"people import #{id} {file}, {(mode == PeopleSyncMode.Full ? "full" : "delta")}";
    }
}

/// <summary>What an import changes (or changed).</summary>
public sealed record PeopleImportCounts(int Rows, int Created, int Changed, int Moved, int Deactivated, int Reactivated, int UnitsCreated)
{
    public int Total => Created + Changed + Moved + Deactivated + Reactivated + UnitsCreated;
}
