using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Promises;

/// <summary>The <c>Promises</c> configuration section.</summary>
public sealed class PromiseOptions
{
    public const string Section = "Promises";

    /// <summary>Complaints linked to a promise in one quarter from which a backed promise is at risk.</summary>
    public int ComplaintThreshold { get; set; } = PromiseCheck.DefaultComplaintThreshold;

    /// <summary>
    /// Whether this instance re-checks every live promise at start and daily just after midnight UTC, so a new quarter
    /// (and a changed <see cref="ComplaintThreshold"/>) gets its verdicts without anyone editing.
    /// </summary>
    public bool RecheckEnabled { get; set; } = true;
}

public sealed record PromiseRef(int Id, string Claim);

public sealed record CapabilityRow(
    int Id,
    string Name,
    CapabilityArea Area,
    int OwnerUnitId,
    string OwnerUnitName,
    string Description,
    int Maturity,
    string Evidence,
    IReadOnlyList<ServiceChannel> Channels,
    string Hours,
    int? CapacityPerDay,
    IReadOnlyList<int> StandardIds,
    int Version,
    bool CanEdit,
    IReadOnlyList<PromiseRef> Promises);

public sealed class CapabilityInput
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int OwnerUnitId { get; set; }
    public string Name { get; set; } = string.Empty;
    public CapabilityArea Area { get; set; } = CapabilityArea.Processes;
    public string Description { get; set; } = string.Empty;
    public int Maturity { get; set; } = 1;
    public string Evidence { get; set; } = string.Empty;
    public List<ServiceChannel> Channels { get; set; } = [];

    /// <summary>Weekly hours as text: "Mon-Fri 08:00-20:00; Sat 09:00-17:00" or "24/7".</summary>
    public string Hours { get; set; } = string.Empty;
    public int? CapacityPerDay { get; set; }
    public List<int> StandardIds { get; set; } = [];

    public static CapabilityInput From(CapabilityRow row) => new()
    {
        Id = row.Id, Version = row.Version, OwnerUnitId = row.OwnerUnitId, Name = row.Name, Area = row.Area, Description = row.Description,
        Maturity = row.Maturity, Evidence = row.Evidence, Channels = [.. row.Channels], Hours = row.Hours, CapacityPerDay = row.CapacityPerDay,
        StandardIds = [.. row.StandardIds],
    };
}

public sealed class RequirementInput
{
    public int CapabilityId { get; set; }
    public int MinMaturity { get; set; } = 3;
    public List<ServiceChannel> Channels { get; set; } = [];
    public string Hours { get; set; } = string.Empty;
    public int? CapacityPerDay { get; set; }
}

public sealed class PromiseInput
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Claim { get; set; } = string.Empty;
    public List<ServiceChannel> Channels { get; set; } = [];
    public string Campaign { get; set; } = string.Empty;
    public int OwnerUnitId { get; set; }
    public DateOnly? LiveFrom { get; set; }
    public DateOnly? LiveTo { get; set; }
    public List<int> RequiredStandardIds { get; set; } = [];
    public List<RequirementInput> Requirements { get; set; } = [];

    /// <summary>A deep copy, for a form the user may cancel: the copy's lists and requirements are its own.</summary>
    public PromiseInput Copy() => new()
    {
        Id = Id, Version = Version, Claim = Claim, Channels = [.. Channels], Campaign = Campaign, OwnerUnitId = OwnerUnitId, LiveFrom = LiveFrom,
        LiveTo = LiveTo, RequiredStandardIds = [.. RequiredStandardIds],
        Requirements = Requirements.Select(r => new RequirementInput
        {
            CapabilityId = r.CapabilityId, MinMaturity = r.MinMaturity, Channels = [.. r.Channels], Hours = r.Hours, CapacityPerDay = r.CapacityPerDay,
        }).ToList(),
    };
}

public sealed class PromiseBoardQuery
{
    public PromiseVerdict? Verdict { get; set; }
    public ServiceChannel? Channel { get; set; }
    public string? Campaign { get; set; }

    /// <summary>Also promises whose live period has ended.</summary>
    public bool IncludeEnded { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = Common.Paging.DefaultPageSize;
}

/// <summary>A promise on the board: its verdict for the quarter it is judged in (the current one, or its first/last live quarter).</summary>
public sealed record PromiseRow(
    int Id,
    string Claim,
    string Campaign,
    IReadOnlyList<ServiceChannel> Channels,
    string OwnerName,
    DateOnly LiveFrom,
    DateOnly? LiveTo,
    bool IsLive,
    bool HasEnded,
    Quarter JudgedQuarter,
    PromiseVerdict? Verdict,
    IReadOnlyList<string> Reasons,
    int Complaints)
{
    /// <summary>Live or about to go live while service cannot keep it: flagged to the owner and the service unit managers.</summary>
    public bool Flagged => Verdict == PromiseVerdict.Unbacked && !HasEnded;
}

public sealed record PromiseBoard(PagedResult<PromiseRow> Page, IReadOnlyList<string> Campaigns, int Backed, int AtRisk, int Unbacked);

public sealed record RequirementRow(int CapabilityId, string CapabilityName, string UnitName, CapabilityArea Area, int MinMaturity, int CurrentMaturity,
    IReadOnlyList<ServiceChannel> Channels, string Hours, int? CapacityPerDay);

public sealed record VerdictHistoryRow(Quarter Quarter, PromiseVerdict Verdict, IReadOnlyList<string> Reasons, int Complaints, DateTime EvaluatedAtUtc);

public sealed record PromiseDetail(
    PromiseRow Promise,
    int OwnerUnitId,
    int Version,
    IReadOnlyList<RequirementRow> Requirements,
    IReadOnlyList<string> RequiredStandards,
    IReadOnlyList<VerdictHistoryRow> History,
    IReadOnlyList<SignalRow> Signals,
    bool CanEdit,
    PromiseInput Input);

public sealed record OptionItem(int Id, string Name);

public enum SignalStatus
{
    All = 0,
    NotForwarded = 1,
    AwaitingAcknowledgement = 2,
    Acknowledged = 3,
}

public sealed class SignalQuery
{
    public SignalKind? Kind { get; set; }
    public SignalStatus Status { get; set; }
    public int? PromiseId { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = Common.Paging.DefaultPageSize;
}

public sealed record SignalRow(
    int Id,
    int UnitId,
    string UnitName,
    SignalKind Kind,
    ServiceChannel Channel,
    DateOnly Date,
    int Count,
    string Text,
    int? PromiseId,
    string? PromiseClaim,
    string LoggedByName,
    DateTime? ForwardedAtUtc,
    string? ForwardedByName,
    DateTime? AcknowledgedAtUtc,
    string? AcknowledgedByName,
    int Version,
    bool CanForward,
    bool CanAcknowledge)
{
    /// <summary>Not forwarded yet and logged by the reader's unit: it may be corrected or withdrawn (the same who may forward it).</summary>
    public bool CanCorrect => CanForward;
}

public sealed class SignalInput
{
    /// <summary>0 for a new signal; else the signal being corrected, with the <see cref="Version"/> it was loaded with.</summary>
    public int Id { get; set; }
    public int Version { get; set; }
    public int UnitId { get; set; }
    public SignalKind Kind { get; set; } = SignalKind.Complaint;
    public ServiceChannel Channel { get; set; } = ServiceChannel.Phone;
    public DateOnly? Date { get; set; }
    public int Count { get; set; } = 1;
    public string Text { get; set; } = string.Empty;
    public int? PromiseId { get; set; }

    /// <summary>Forward to marketing at once (only when logging).</summary>
    public bool Forward { get; set; }

    /// <summary>The form to correct a signal as the inbox shows it.</summary>
    public static SignalInput From(SignalRow row) => new()
    {
        Id = row.Id, Version = row.Version, UnitId = row.UnitId, Kind = row.Kind, Channel = row.Channel, Date = row.Date, Count = row.Count,
        Text = row.Text, PromiseId = row.PromiseId,
    };
}

/// <summary>A promise that is live (or about to be) while Unbacked, shown to its owner and to the managers of the units whose capabilities it leans on.</summary>
public sealed record PromiseNotice(int PromiseId, string Claim, DateOnly LiveFrom, IReadOnlyList<string> Reasons)
{
    /// <summary>The reader owns the promise (else it leans on a unit they manage).</summary>
    public bool Owned { get; init; }
}
