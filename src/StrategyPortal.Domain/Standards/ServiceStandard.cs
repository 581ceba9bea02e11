using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>
/// A measurable service standard owned by one org unit. Its current definition sits on the entity for
/// lists and filters; every change (definition or status) appends a <see cref="ServiceStandardVersion"/>
/// with the quarter it takes effect, so a result is always judged against the version in force in its quarter.
/// </summary>
public class ServiceStandard : IVersioned
{
    public const int TemplateCodeMaxLength = 16;

    private readonly List<ServiceStandardVersion> _versions = [];

    private ServiceStandard()
    {
        Title = string.Empty;
        Description = string.Empty;
        Metric = string.Empty;
    }

    public ServiceStandard(int ownerUnitId, string? templateCode, StandardDefinition definition, StandardStatus status, Quarter effectiveQuarter, Editor editor)
        : this()
    {
        if (status == StandardStatus.Retired) throw new DomainException("standard.create-retired", "A new standard starts as draft or active.");
        if (templateCode is { Length: > TemplateCodeMaxLength }) throw new DomainException("standard.template-invalid", "Unknown template.");
        OwnerUnitId = ownerUnitId;
        TemplateCode = string.IsNullOrWhiteSpace(templateCode) ? null : templateCode.Trim();
        Apply(definition.Validate());
        Status = status;
        CreatedAtUtc = editor.AtUtc;
        _versions.Add(ServiceStandardVersion.Of(this, 1, effectiveQuarter, editor, [ServiceStandardVersion.Created]));
    }

    public int Id { get; private set; }
    public int OwnerUnitId { get; private set; }
    public string? TemplateCode { get; private set; }
    public StandardStatus Status { get; private set; }
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
    public DateTime CreatedAtUtc { get; private set; }
    public int Version { get; set; }

    /// <summary>Every version, oldest first. Loaded with the standard when its history or judgement is needed.</summary>
    public IReadOnlyList<ServiceStandardVersion> Versions => _versions.OrderBy(v => v.Number).ToList();

    public StandardDefinition Definition => new(Title, Description, Aspect, Channel, Rater, Metric, Unit, Direction, Target, AmberThreshold);

    public ServiceStandardVersion LatestVersion => _versions.MaxBy(v => v.Number)
        ?? throw new InvalidOperationException("A standard always has a first version; load Versions with it.");

    /// <summary>The version in force in <paramref name="quarter"/>: the latest one taking effect on or before it, or null before the first.</summary>
    public ServiceStandardVersion? VersionFor(Quarter quarter) => VersionIn(_versions, quarter);

    public static ServiceStandardVersion? VersionIn(IEnumerable<ServiceStandardVersion> versions, Quarter quarter) =>
        versions.Where(v => v.EffectiveQuarterKey <= quarter.Key)
            .OrderBy(v => v.EffectiveQuarterKey).ThenBy(v => v.Number)
            .LastOrDefault();

    /// <summary>A new version of the definition (and possibly a new owner), in force from <paramref name="effectiveQuarter"/>.</summary>
    public ServiceStandardVersion Revise(StandardDefinition definition, int ownerUnitId, Quarter effectiveQuarter, Editor editor)
    {
        if (Status == StandardStatus.Retired) throw new DomainException("standard.retired", "A retired standard cannot be changed; reactivate it first.");
        var valid = definition.Validate();
        var changes = valid.ChangesSince(Definition).ToList();
        if (ownerUnitId != OwnerUnitId) changes.Add(ServiceStandardVersion.OwnerChanged);
        if (changes.Count == 0) throw new DomainException("standard.nothing-changed", "Nothing was changed.");
        ValidEffectiveQuarter(effectiveQuarter);
        Apply(valid);
        OwnerUnitId = ownerUnitId;
        return AddVersion(effectiveQuarter, editor, changes);
    }

    public ServiceStandardVersion Activate(Quarter effectiveQuarter, Editor editor) => ChangeStatus(StandardStatus.Active, effectiveQuarter, editor);

    /// <summary>Retires the standard from <paramref name="effectiveQuarter"/> on. Nothing is deleted: history and results stay.</summary>
    public ServiceStandardVersion Retire(Quarter effectiveQuarter, Editor editor) => ChangeStatus(StandardStatus.Retired, effectiveQuarter, editor);

    /// <summary>Records the actual value for a quarter in which the standard was active.</summary>
    public StandardResult RecordResult(Quarter quarter, double value, Editor editor)
    {
        ValidResultValue(quarter, value);
        return new StandardResult(Id, quarter, value, editor);
    }

    public void CorrectResult(StandardResult result, double value, Editor editor)
    {
        if (result.StandardId != Id) throw new DomainException("result.wrong-standard", "This result belongs to another standard.");
        ValidResultValue(result.Quarter, value);
        result.Correct(value, editor);
    }

    /// <summary>The RAG of a quarter: the result judged against the version in force in that quarter.</summary>
    public RagStatus Judge(Quarter quarter, double? actual) => VersionFor(quarter) is { } version ? RagJudgement.Judge(actual, version.Definition) : RagStatus.NoData;

    /// <summary>A quarter a result can be recorded for: one in which the standard was active.</summary>
    public Quarter ValidResultQuarter(Quarter quarter) =>
        VersionFor(quarter) is { Status: StandardStatus.Active } ? quarter : throw new DomainException("result.not-active", "The standard was not active in that quarter.");

    /// <summary>A result value within the range of the unit measured in <paramref name="quarter"/>.</summary>
    public double ValidResultValue(Quarter quarter, double value) =>
        VersionFor(ValidResultQuarter(quarter)) is { } version && MetricUnits.InRange(version.Unit, value)
            ? value
            : throw new DomainException("result.out-of-range", "The value lies outside the range of the metric's unit.");

    /// <summary>A quarter a change can take effect in: not before the latest change took effect.</summary>
    public Quarter ValidEffectiveQuarter(Quarter effectiveQuarter) =>
        _versions.Count > 0 && effectiveQuarter.Key < LatestVersion.EffectiveQuarterKey
            ? throw new DomainException("standard.effective-too-early", "A change cannot take effect before the previous change did.")
            : effectiveQuarter;

    private ServiceStandardVersion ChangeStatus(StandardStatus status, Quarter effectiveQuarter, Editor editor)
    {
        if (Status == status) throw new DomainException("standard.nothing-changed", "Nothing was changed.");
        ValidEffectiveQuarter(effectiveQuarter);
        Status = status;
        return AddVersion(effectiveQuarter, editor, [nameof(Status)]);
    }

    private ServiceStandardVersion AddVersion(Quarter effectiveQuarter, Editor editor, IReadOnlyList<string> changes)
    {
        var version = ServiceStandardVersion.Of(this, LatestVersion.Number + 1, effectiveQuarter, editor, changes);
        _versions.Add(version);
        return version;
    }

    private void Apply(StandardDefinition d)
    {
        Title = d.Title;
        Description = d.Description;
        Aspect = d.Aspect;
        Channel = d.Channel;
        Rater = d.Rater;
        Metric = d.Metric;
        Unit = d.Unit;
        Direction = d.Direction;
        Target = d.Target;
        AmberThreshold = d.AmberThreshold;
    }
}

/// <summary>Who made a change and when (UTC).</summary>
public sealed record Editor(int PersonId, string Name, DateTime AtUtc);
