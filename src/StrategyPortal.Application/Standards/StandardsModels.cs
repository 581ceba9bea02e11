using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Application.Standards;

public sealed class StandardsQuery
{
    /// <summary>Only standards owned by this unit or its sub-units.</summary>
    public int? UnitId { get; set; }
    public ServiceAspect? Aspect { get; set; }
    public ServiceChannel? Channel { get; set; }
    public StandardStatus? Status { get; set; }
    public RagStatus? Rag { get; set; }

    /// <summary>The quarter whose targets and results are shown; null: the current quarter.</summary>
    public Quarter? Quarter { get; set; }
    public string? Search { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = Common.Paging.DefaultPageSize;
}

/// <summary>A standard in a list, judged for one quarter (target of the version in force, the result, the RAG).</summary>
public sealed record StandardRow(
    int Id,
    string Title,
    int OwnerUnitId,
    string OwnerUnitName,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    RaterDimension Rater,
    string Metric,
    MetricUnit Unit,
    MetricDirection Direction,
    double? Target,
    double? AmberThreshold,
    StandardStatus Status,
    double? Actual,
    RagStatus Rag,
    string? TemplateCode)
{
    /// <summary>Whether the standard was active in the quarter it was judged for (a standard adopted from a later quarter, or retired, was not).</summary>
    public bool InForce { get; init; }
}

public sealed record StandardVersionRow(
    int Number,
    Quarter EffectiveQuarter,
    StandardStatus Status,
    string OwnerUnitName,
    StandardDefinition Definition,
    string ChangedByName,
    DateTime ChangedAtUtc,
    IReadOnlyList<string> ChangedFields);

/// <summary>A quarter on the standard's timeline: what was asked then, what was reached, how it is judged.</summary>
public sealed record StandardResultRow(
    Quarter Quarter,
    double? Target,
    double? AmberThreshold,
    StandardStatus? StatusInForce,
    double? Actual,
    RagStatus Rag,
    string? RecordedByName,
    DateTime? RecordedAtUtc,
    int ResultVersion);

public sealed record StandardDetail(
    int Id,
    int OwnerUnitId,
    string OwnerUnitName,
    string? TemplateCode,
    StandardStatus Status,
    StandardDefinition Definition,
    int Version,
    Quarter LatestEffectiveQuarter,
    Quarter NextChangeQuarter,
    IReadOnlyList<StandardVersionRow> Versions,
    IReadOnlyList<StandardResultRow> Results,
    bool CanEdit,
    bool CanRecord);

/// <summary>Create (Id 0, from a template or from scratch) or change a standard. Targets are nullable so an empty field says "required".</summary>
public sealed class StandardInput
{
    public int Id { get; set; }
    public int OwnerUnitId { get; set; }
    public string? TemplateCode { get; set; }
    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public ServiceAspect Aspect { get; set; } = ServiceAspect.Behaviour;
    public ServiceChannel Channel { get; set; } = ServiceChannel.Any;
    public RaterDimension Rater { get; set; } = RaterDimension.Reliability;
    public string Metric { get; set; } = string.Empty;
    public MetricUnit Unit { get; set; } = MetricUnit.Percent;
    public MetricDirection Direction { get; set; } = MetricDirection.HigherIsBetter;
    public double? Target { get; set; }
    public double? AmberThreshold { get; set; }

    /// <summary>Only when creating: Draft or Active.</summary>
    public StandardStatus Status { get; set; } = StandardStatus.Active;
    public Quarter? EffectiveQuarter { get; set; }
    public int Version { get; set; }

    public StandardDefinition ToDefinition() =>
        new(Title, Description, Aspect, Channel, Rater, Metric, Unit, Direction, Target ?? double.NaN, AmberThreshold);
}

public sealed class ResultInput
{
    public int StandardId { get; set; }
    public Quarter? Quarter { get; set; }
    public double? Value { get; set; }

    /// <summary>The version of the existing result being corrected; 0 for a new result.</summary>
    public int Version { get; set; }
}

public sealed record CatalogueEntry(
    string Code,
    ValueDiscipline Discipline,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    RaterDimension Rater,
    MetricUnit Unit,
    MetricDirection Direction,
    TemplateText Text,
    double SuggestedTarget,
    bool Ambitious,
    bool LeadOnly,
    IReadOnlyList<string> AdoptedBy);

public sealed record StandardCatalogueView(ValueDiscipline? Lead, IReadOnlyList<CatalogueEntry> Templates);

/// <summary>"My unit's standards": the active standards of the reader's own unit, for everyone.</summary>
public sealed record MyUnitStandards(string UnitName, ValueDiscipline? Lead, Quarter CurrentQuarter, IReadOnlyList<MyStandardRow> Standards);

/// <summary>One standard as an employee reads it: the goal now, and the latest result.</summary>
public sealed record MyStandardRow(
    int Id,
    string Title,
    string Description,
    string Metric,
    ServiceAspect Aspect,
    ServiceChannel Channel,
    MetricUnit Unit,
    MetricDirection Direction,
    double Target,
    Quarter? LatestQuarter,
    double? LatestActual,
    RagStatus LatestRag);

public sealed record UnitOption(int Id, string Path);

public sealed record ImportErrorRow(int RowNumber, ResultColumn Column, string Message);

/// <summary>The outcome of a results import: counts when everything was imported, or every problem and nothing imported.</summary>
public sealed record ImportReport(int Added, int Updated, IReadOnlyList<ImportErrorRow> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a results file (CSV) into raw rows. Problems of the file (no header, missing columns) come back as
/// errors of row 0 or 1 with no rows; a malformed row is an error of its own row while the other rows still come back.
/// </summary>
public interface IResultsFileReader
{
    Task<(IReadOnlyList<RawResultRow> Rows, IReadOnlyList<ImportError> Errors)> ReadAsync(Stream content, CancellationToken cancellationToken = default);
}
