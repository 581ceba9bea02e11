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
        var claimText = ValidClaim(claim);
        var campaignText = ValidCampaign(campaign);
        var channelList = ValidChannels(channels);
        ValidLiveTo(liveFrom, liveTo);
        Claim = claimText;
        ChannelsText = ChannelSet.ToText(channelList);
        Campaign = campaignText;
        OwnerPersonId = ownerPersonId;
        OwnerUnitId = ownerUnitId;
        LiveFrom = liveFrom;
        LiveTo = liveTo;
        StandardIdsText = IdSet.ToText(requiredStandardIds);
    }

    public static string ValidClaim(string? claim) => TextRules.Required(claim, ClaimMaxLength, "promise.claim");

    public static string ValidCampaign(string? campaign) => TextRules.Optional(campaign, CampaignMaxLength, "promise.campaign");

    /// <summary>The distinct channels the promise is made on: at least one.</summary>
    public static List<ServiceChannel> ValidChannels(IEnumerable<ServiceChannel> channels)
    {
        var list = channels.Distinct().ToList();
        return list.Count > 0 ? list : throw new DomainException("promise.channel-required", "A promise is made on at least one channel.");
    }

    /// <summary>No end date, or one after the start.</summary>
    public static DateOnly? ValidLiveTo(DateOnly liveFrom, DateOnly? liveTo) =>
        liveTo is { } end && end <= liveFrom ? throw new DomainException("promise.live-period", "The live period must end after it starts.") : liveTo;

    /// <summary>Each capability at most once among the requirements.</summary>
    public static IReadOnlyList<int> ValidRequirementCapabilities(IEnumerable<int> capabilityIds)
    {
        var ids = capabilityIds.ToList();
        return ids.Distinct().Count() == ids.Count ? ids
            : throw new DomainException("promise.requirement-duplicate", "Each capability is required at most once per promise.");
    }

    /// <summary>Replaces the requirements. Each names an existing capability (the caller checks existence) at most once.</summary>
    public void SetRequirements(IEnumerable<PromiseRequirement> requirements)
    {
        var list = requirements.ToList();
        ValidRequirementCapabilities(list.Select(r => r.CapabilityId));
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
        Capability.ValidMaturity(minMaturity);
        Capability.ValidCapacity(capacityPerDay);
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
