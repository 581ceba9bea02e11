using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>The four areas a promise must fit (seed 000): knowledge, skills, processes and systems at service.</summary>
public enum CapabilityArea
{
    Knowledge = 0,
    Skills = 1,
    Processes = 2,
    Systems = 3,
}

/// <summary>
/// What a service-side unit can deliver: an area, a maturity 1–5 with evidence, the channels and weekly
/// hours it covers and optionally how many contacts a day it handles. Standards that measure it are linked by id.
/// </summary>
public class Capability : IVersioned
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;
    public const int EvidenceMaxLength = 400;
    public const int MinMaturity = 1;
    public const int MaxMaturity = 5;

    private Capability() { Name = Description = Evidence = ChannelsText = HoursText = StandardIdsText = string.Empty; }

    public Capability(int ownerUnitId, string name, CapabilityArea area, string description, int maturity, string evidence,
        IEnumerable<ServiceChannel> channels, ServiceHours hours, int? capacityPerDay, IEnumerable<int> standardIds) : this()
    {
        Update(ownerUnitId, name, area, description, maturity, evidence, channels, hours, capacityPerDay, standardIds);
    }

    public int Id { get; private set; }
    public int OwnerUnitId { get; private set; }
    public string Name { get; private set; }
    public CapabilityArea Area { get; private set; }
    public string Description { get; private set; }
    public int Maturity { get; private set; }
    public string Evidence { get; private set; }
    public string ChannelsText { get; private set; }
    public string HoursText { get; private set; }
    public int? CapacityPerDay { get; private set; }
    public string StandardIdsText { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<ServiceChannel> Channels => ChannelSet.Parse(ChannelsText);
    public ServiceHours Hours => ServiceHours.Parse(HoursText);
    public IReadOnlyList<int> StandardIds => IdSet.Parse(StandardIdsText);

    public void Update(int ownerUnitId, string name, CapabilityArea area, string description, int maturity, string evidence,
        IEnumerable<ServiceChannel> channels, ServiceHours hours, int? capacityPerDay, IEnumerable<int> standardIds)
    {
        var trimmed = ValidName(name);
        if (!Enum.IsDefined(area)) throw new DomainException("capability.area-invalid", "Unknown area.");
        ValidMaturity(maturity);
        var evidenceText = ValidEvidence(evidence);
        var descriptionText = ValidDescription(description);
        ValidCapacity(capacityPerDay);
        OwnerUnitId = ownerUnitId;
        Name = trimmed;
        Area = area;
        Description = descriptionText;
        Maturity = maturity;
        Evidence = evidenceText;
        ChannelsText = ChannelSet.ToText(channels);
        HoursText = hours.ToString();
        CapacityPerDay = capacityPerDay;
        StandardIdsText = IdSet.ToText(standardIds);
    }

    public static string ValidName(string? name) => TextRules.Required(name, NameMaxLength, "capability.name");

    public static string ValidDescription(string? description) => TextRules.Optional(description, DescriptionMaxLength, "capability.description");

    public static string ValidEvidence(string? evidence) => TextRules.Optional(evidence, EvidenceMaxLength, "capability.evidence");

    public static int ValidMaturity(int maturity) =>
        maturity is < MinMaturity or > MaxMaturity ? throw new DomainException("capability.maturity-range", "Maturity runs from 1 to 5.") : maturity;

    /// <summary>No stated capacity, or a positive number of contacts per day.</summary>
    public static int? ValidCapacity(int? capacityPerDay) =>
        capacityPerDay is <= 0 ? throw new DomainException("capability.capacity-positive", "Capacity is a positive number of contacts per day.") : capacityPerDay;

    /// <summary>What the check engine needs to know.</summary>
    public CapabilityFacts Facts(string unitName) => new(Id, Name, unitName, Area, Maturity, Channels, Hours, CapacityPerDay, StandardIds);
}
