using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.CustomerScores;

public enum ImportFormat
{
    Csv,
    Json,
}

/// <summary>What is wrong with one cell, one row or the whole file. <see cref="Row"/> is the line in a CSV file (the header is row 1) or the record number (from 1) in a JSON array; 0 means the file as a whole.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>Collects errors row by row and keeps the report readable: after <see cref="Cap"/> errors only the count goes on.</summary>
public sealed class ImportErrors
{
    public const int DefaultCap = 1000;
    private readonly List<ImportError> _items = [];

    public ImportErrors(int cap = DefaultCap) => Cap = cap;

    public int Cap { get; }
    public int Total { get; private set; }
    public int Omitted => Total - _items.Count;
    public bool Any => Total > 0;
    public IReadOnlyList<ImportError> Items => _items;

    public void Add(int row, string column, string message)
    {
        Total++;
        if (_items.Count < Cap) _items.Add(new ImportError(row, column, message));
    }
}

/// <summary>A row as read from the file, before units, channels and dates are checked against the portal.</summary>
public sealed class RawScoreRow
{
    public int Row { get; init; }
    public string Date { get; init; } = string.Empty;
    public string Unit { get; init; } = string.Empty;
    public string Channel { get; init; } = string.Empty;
    public string Source { get; init; } = string.Empty;

    /// <summary>The counts in <see cref="Domain.CustomerScores.CustomerScoreRecord.CountColumns"/> order.</summary>
    public int[] Counts { get; init; } = [];

    /// <summary>True when a cell of this row could not be read; the row's errors are already reported.</summary>
    public bool HasErrors { get; init; }

    /// <summary>Text fields (date, unit, channel, source) the reader already reported, so they are not reported twice.</summary>
    public IReadOnlySet<string> ReportedFields { get; init; } = NoFields;

    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();
}

/// <summary>A checked row, ready to be written.</summary>
public sealed record ScoreRow(int Row, DateOnly Date, int UnitId, ServiceChannel Channel, string Source, int[] Counts)
{
    public int Count(int column) => Counts[column];
}

public sealed record ScoreRowPreview(int Row, DateOnly Date, string Unit, ServiceChannel Channel, string Source, long NpsAnswers, double? Nps, long CsatAnswers, double? Csat, long Complaints);

/// <summary>The result of the first (checking) pass over a file: how many rows, the first few, and every problem.</summary>
public sealed record ImportPreview(
    string FileName,
    ImportFormat Format,
    char? Delimiter,
    int Rows,
    IReadOnlyList<ScoreRowPreview> FirstRows,
    IReadOnlyList<ImportError> Errors,
    int ErrorCount,
    Quarter? FirstQuarter,
    Quarter? LastQuarter)
{
    public bool CanImport => ErrorCount == 0 && Rows > 0;
    public int OmittedErrors => ErrorCount - Errors.Count;
}

public sealed record ImportResult(int Rows, IReadOnlyList<Quarter> Quarters, IReadOnlyList<int> UnitIds);

/// <summary>An uploaded file kept on the server between preview and import (a temporary file, deleted after import or on dispose).</summary>
public sealed class StagedImport : IDisposable
{
    internal StagedImport(string path, string fileName, ImportFormat format, long bytes)
    {
        Path = path;
        FileName = fileName;
        Format = format;
        Bytes = bytes;
    }

    internal string Path { get; }
    public string FileName { get; }
    public ImportFormat Format { get; }
    public long Bytes { get; }
    public ImportPreview? Preview { get; internal set; }

    public void Dispose()
    {
        try { if (File.Exists(Path)) File.Delete(Path); }
        catch (IOException) { /* a temp file that cannot be deleted now is left to the OS's temp cleanup */ }
    }
}

/// <summary>The writer behind the import (Infrastructure): one transaction, a prepared upsert or the provider's bulk path, and the quarter summaries of the touched quarters and units recomputed.</summary>
public interface ICustomerScoreWriter
{
    Task<ImportResult> WriteAsync(IAsyncEnumerable<ScoreRow> rows, CancellationToken cancellationToken = default);
}
