using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>One row of a standard's append-only history: the full definition and status from a quarter on, who changed it and what.</summary>
public class ServiceStandardVersion
{
    public const string Created = "Created";
    public const string OwnerChanged = "OwnerUnit";
    public const int ChangesMaxLength = 400;

    private ServiceStandardVersion()
    {
        Title = string.Empty;
        Description = string.Empty;
        Metric = string.Empty;
        ChangedByName = string.Empty;
        Changes = string.Empty;
    }

    internal static ServiceStandardVersion Of(ServiceStandard standard, int number, Quarter effectiveQuarter, Editor editor, IReadOnlyList<string> changes) => new()
    {
        Number = number,
        EffectiveQuarterKey = effectiveQuarter.Key,
        Status = standard.Status,
        OwnerUnitId = standard.OwnerUnitId,
        Title = standard.Title,
        Description = standard.Description,
        Aspect = standard.Aspect,
        Channel = standard.Channel,
        Rater = standard.Rater,
        Metric = standard.Metric,
        Unit = standard.Unit,
        Direction = standard.Direction,
        Target = standard.Target,
        AmberThreshold = standard.AmberThreshold,
        ChangedById = editor.PersonId,
        ChangedByName = editor.Name,
        ChangedAtUtc = DateTime.SpecifyKind(editor.AtUtc, DateTimeKind.Utc),
        Changes = string.Join(',', changes),
    };

    public int Id { get; private set; }
    public int StandardId { get; private set; }
    public int Number { get; private set; }
    public int EffectiveQuarterKey { get; private set; }
    public Quarter EffectiveQuarter => Quarter.FromKey(EffectiveQuarterKey);
    public StandardStatus Status { get; private set; }
    public int OwnerUnitId { get; private set; }
    public string Title { get; private set; }
    public string Description { get; private set; }
    public ServiceAspect Aspect { get; private set; }
    public ServiceChannel Channel { get; private set; }
    public RaterDimension Rater { get; private set; }
    public string Metric { get; private set; }
    public MetricUnit Unit { get; private set; }
    public MetricDirection Direction { get; private set; }
    public double Target { get; private set; }
    public double? AmberThreshold { get; private set; }
    public int ChangedById { get; private set; }
    public string ChangedByName { get; private set; }
    public DateTime ChangedAtUtc { get; private set; }

    /// <summary>Comma-separated names of the fields that changed ("Created" for the first version).</summary>
    public string Changes { get; private set; }

    public IReadOnlyList<string> ChangedFields => Changes.Length == 0 ? [] : Changes.Split(',');

    public StandardDefinition Definition => new(Title, Description, Aspect, Channel, Rater, Metric, Unit, Direction, Target, AmberThreshold);
}
