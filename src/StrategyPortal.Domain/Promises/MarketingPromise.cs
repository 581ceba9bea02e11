using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>
/// A claim marketing makes to customers ("Op zaterdag om 15.00 uur bezorgd"), on channels, in a campaign, live
/// from a date (to an optional end date), with the requirements it places on service.
/// </summary>
public class MarketingPromise : IVersioned
{
    public const int ClaimMaxLength = 200;
    public const int CampaignMaxLength = 120;

    private readonly List<PromiseRequirement> _requirements = [];

    private MarketingPromise() { Claim = Campaign = ChannelsText = StandardIdsText = string.Empty; }

    public MarketingPromise(string claim, IEnumerable<ServiceChannel> channels, string campaign, int ownerPersonId, int ownerUnitId,
        DateOnly liveFrom, DateOnly? liveTo, IEnumerable<int> requiredStandardIds) : this()
    {
        Update(claim, channels, campaign, ownerPersonId, ownerUnitId, liveFrom, liveTo, requiredStandardIds);
    }

    public int Id { get; private set; }
    public string Claim { get; private set; }
    public string ChannelsText { get; private set; }
    public string Campaign { get; private set; }
    public int OwnerPersonId { get; private set; }
    public int OwnerUnitId { get; private set; }
    public DateOnly LiveFrom { get; private set; }
    public DateOnly? LiveTo { get; private set; }
    public string StandardIdsText { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<ServiceChannel> Channels => ChannelSet.Parse(ChannelsText);
    public IReadOnlyList<int> RequiredStandardIds => IdSet.Parse(StandardIdsText);
    public IReadOnlyList<PromiseRequirement> Requirements => _requirements;

    public bool IsLiveOn(DateOnly date) => date >= LiveFrom && (LiveTo is null || date <= LiveTo);

    public bool IsLiveIn(Quarter quarter) => LiveFrom <= quarter.End && (LiveTo is null || LiveTo >= quarter.Start);

    public void Update(string claim, IEnumerable<ServiceChannel> channels, string campaign, int ownerPersonId, int ownerUnitId,
        DateOnly liveFrom, DateOnly? liveTo, IEnumerable<int> requiredStandardIds)
    {
        var claimText = (claim ?? string.Empty).Trim();
        if (claimText.Length == 0) throw new DomainException("promise.claim-required", "A promise needs the claim as customers read it.");
        if (claimText.Length > ClaimMaxLength) throw new DomainException("promise.claim-too-long", $"A claim has at most {ClaimMaxLength} characters.");
        var campaignText = (campaign ?? string.Empty).Trim();
        if (campaignText.Length > CampaignMaxLength) throw new DomainException("promise.campaign-too-long", $"A campaign name has at most {CampaignMaxLength} characters.");
        var channelList = channels.Distinct().ToList();
        if (channelList.Count == 0) throw new DomainException("promise.channel-required", "A promise is made on at least one channel.");
        if (liveTo is { } end && end <= liveFrom) throw new DomainException("promise.live-period", "The live period must end after it starts.");
        Claim = claimText;
        ChannelsText = ChannelSet.ToText(channelList);
        Campaign = campaignText;
        OwnerPersonId = ownerPersonId;
        OwnerUnitId = ownerUnitId;
        LiveFrom = liveFrom;
        LiveTo = liveTo;
        StandardIdsText = IdSet.ToText(requiredStandardIds);
    }

    /// <summary>Replaces the requirements. Each names an existing capability (the caller checks existence) at most once.</summary>
    public void SetRequirements(IEnumerable<PromiseRequirement> requirements)
    {
        var list = requirements.ToList();
        if (list.GroupBy(r => r.CapabilityId).Any(g => g.Count() > 1))
            throw new DomainException("promise.requirement-duplicate", "Each capability is required at most once per promise.");
        _requirements.Clear();
        _requirements.AddRange(list);
    }

    public PromiseFacts Facts() => new(Id, Claim, Requirements.Select(r => r.Facts()).ToList(), RequiredStandardIds);
}

/// <summary>What a promise asks of one capability: a minimum maturity, and optionally channels, hours and capacity.</summary>
public class PromiseRequirement
{
    private PromiseRequirement() { ChannelsText = HoursText = string.Empty; }

    public PromiseRequirement(int capabilityId, int minMaturity, IEnumerable<ServiceChannel> channels, ServiceHours hours, int? capacityPerDay) : this()
    {
        if (capabilityId <= 0) throw new DomainException("promise.capability-required", "Choose the capability the promise leans on.");
        if (minMaturity is < Capability.MinMaturity or > Capability.MaxMaturity) throw new DomainException("capability.maturity-range", "Maturity runs from 1 to 5.");
        if (capacityPerDay is <= 0) throw new DomainException("capability.capacity-positive", "Capacity is a positive number of contacts per day.");
        CapabilityId = capabilityId;
        MinMaturity = minMaturity;
        ChannelsText = ChannelSet.ToText(channels);
        HoursText = hours.ToString();
        CapacityPerDay = capacityPerDay;
    }

    public int Id { get; private set; }
    public int PromiseId { get; private set; }
    public int CapabilityId { get; private set; }
    public int MinMaturity { get; private set; }
    public string ChannelsText { get; private set; }
    public string HoursText { get; private set; }
    public int? CapacityPerDay { get; private set; }

    public IReadOnlyList<ServiceChannel> Channels => ChannelSet.Parse(ChannelsText);
    public ServiceHours Hours => ServiceHours.Parse(HoursText);

    public RequirementFacts Facts() => new(CapabilityId, MinMaturity, Channels, Hours, CapacityPerDay);
}
