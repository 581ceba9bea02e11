using System.Globalization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>A capability as the check sees it.</summary>
public sealed record CapabilityFacts(int Id, string Name, string UnitName, CapabilityArea Area, int Maturity,
    IReadOnlyList<ServiceChannel> Channels, ServiceHours Hours, int? CapacityPerDay, IReadOnlyList<int> StandardIds);

/// <summary>One requirement as the check sees it. Empty channels or hours: not channel- or hours-bound.</summary>
public sealed record RequirementFacts(int CapabilityId, int MinMaturity, IReadOnlyList<ServiceChannel> Channels, ServiceHours Hours, int? CapacityPerDay);

/// <summary>A promise as the check sees it.</summary>
public sealed record PromiseFacts(int Id, string Claim, IReadOnlyList<RequirementFacts> Requirements, IReadOnlyList<int> RequiredStandardIds);

/// <summary>Everything the check needs for one promise in one quarter.</summary>
public sealed record PromiseCheckInput(
    PromiseFacts Promise,
    IReadOnlyDictionary<int, CapabilityFacts> Capabilities,
    IReadOnlyDictionary<int, string> RedStandards,
    int Complaints,
    int ComplaintThreshold,
    Quarter Quarter);

/// <summary>
/// Why a promise got its verdict: a code and its arguments, worded in the reader's language by the application.
/// Arguments are invariant text: names, numbers, channel names joined by ',', hours in <see cref="ServiceHours"/> text form, area names, quarters.
/// </summary>
public sealed record PromiseReason(string Code, IReadOnlyList<string> Args)
{
    public const string CapabilityMissing = "capability-missing";
    public const string MaturityTooLow = "maturity-too-low";
    public const string ChannelNotCovered = "channel-not-covered";
    public const string HoursNotCovered = "hours-not-covered";
    public const string CapacityShort = "capacity-short";
    public const string NoRequirements = "no-requirements";
    public const string StandardRed = "standard-red";
    public const string ComplaintsAboveThreshold = "complaints-above-threshold";

    public static IReadOnlyList<string> Codes { get; } =
        [CapabilityMissing, MaturityTooLow, ChannelNotCovered, HoursNotCovered, CapacityShort, NoRequirements, StandardRed, ComplaintsAboveThreshold];

    public static PromiseReason Of(string code, params object[] args) =>
        new(code, args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty).ToList());

    public bool Equals(PromiseReason? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);
    public override int GetHashCode() => HashCode.Combine(Code, Args.Count);
}

public sealed record PromiseCheckOutcome(PromiseVerdict Verdict, IReadOnlyList<PromiseReason> Reasons);

/// <summary>
/// The promise-versus-capability check (SERVQUAL gap 4, fed by gap 3). Pure: same input, same verdict.
/// <list type="bullet">
/// <item>Unbacked when any requirement is not met: the capability does not exist, its maturity is below the
/// minimum, it does not serve a required channel, its hours leave required hours open, or its capacity is short
/// (or not stated while one is required).</item>
/// <item>AtRisk when every requirement is met but a required standard (named on the promise, or linked to a
/// capability it leans on) is red in the quarter, when complaints linked to the promise in the quarter reach the
/// threshold, or when the promise records no requirements at all (nothing shows service can keep it).</item>
/// <item>Backed otherwise.</item>
/// </list>
/// Every shortfall is listed, not only the first, so the owner sees all that must change.
/// </summary>
public static class PromiseCheck
{
    public const int DefaultComplaintThreshold = 10;

    public static PromiseCheckOutcome Evaluate(PromiseCheckInput input)
    {
        var unmet = new List<PromiseReason>();
        var risks = new List<PromiseReason>();
        var promise = input.Promise;

        if (promise.Requirements.Count == 0) risks.Add(PromiseReason.Of(PromiseReason.NoRequirements));

        var standardIds = new List<int>(promise.RequiredStandardIds);
        foreach (var requirement in promise.Requirements)
        {
            if (!input.Capabilities.TryGetValue(requirement.CapabilityId, out var capability))
            {
                unmet.Add(PromiseReason.Of(PromiseReason.CapabilityMissing, requirement.CapabilityId));
                continue;
            }
            standardIds.AddRange(capability.StandardIds);
            if (capability.Maturity < requirement.MinMaturity)
                unmet.Add(PromiseReason.Of(PromiseReason.MaturityTooLow, capability.Area, requirement.MinMaturity, capability.Name, capability.Maturity));

            var missing = requirement.Channels.Where(c => !ChannelSet.Serves(capability.Channels, c)).ToList();
            if (missing.Count > 0)
                unmet.Add(PromiseReason.Of(PromiseReason.ChannelNotCovered, ChannelSet.ToText(missing), capability.Name, ChannelSet.ToText(capability.Channels)));

            if (!requirement.Hours.IsEmpty && !capability.Hours.Covers(requirement.Hours))
            {
                var channels = requirement.Channels.Count > 0 ? requirement.Channels : capability.Channels;
                unmet.Add(PromiseReason.Of(PromiseReason.HoursNotCovered, ChannelSet.ToText(channels), requirement.Hours, capability.Name, capability.Hours));
            }

            if (requirement.CapacityPerDay is { } needed && (capability.CapacityPerDay ?? 0) < needed)
                unmet.Add(PromiseReason.Of(PromiseReason.CapacityShort, needed, capability.Name, capability.CapacityPerDay?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
        }

        foreach (var id in standardIds.Distinct().Order())
            if (input.RedStandards.TryGetValue(id, out var title))
                risks.Add(PromiseReason.Of(PromiseReason.StandardRed, title, input.Quarter));

        if (input.ComplaintThreshold > 0 && input.Complaints >= input.ComplaintThreshold)
            risks.Add(PromiseReason.Of(PromiseReason.ComplaintsAboveThreshold, input.Complaints, input.Quarter, input.ComplaintThreshold));

        if (unmet.Count > 0) return new PromiseCheckOutcome(PromiseVerdict.Unbacked, [.. unmet, .. risks]);
        if (risks.Count > 0) return new PromiseCheckOutcome(PromiseVerdict.AtRisk, risks);
        return new PromiseCheckOutcome(PromiseVerdict.Backed, []);
    }
}
