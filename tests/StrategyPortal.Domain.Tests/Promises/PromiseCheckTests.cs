using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Domain.Tests.Promises;

public class PromiseCheckTests
{
    private static readonly Quarter Q = new(2026, 3);

    private static CapabilityFacts Webcare(int maturity = 3, string hours = "Mon-Sat 08:00-22:00", int? capacity = 400, params int[] standards) =>
        new(1, "Webcare WhatsApp", "Webcare", CapabilityArea.Processes, maturity, [ServiceChannel.Chat, ServiceChannel.SocialMedia],
            ServiceHours.Parse(hours), capacity, standards);

    private static CapabilityFacts Tracking(int maturity = 2) =>
        new(2, "Order tracking", "IT", CapabilityArea.Systems, maturity, [ServiceChannel.SelfService], ServiceHours.AlwaysOpen, null, []);

    private static PromiseCheckOutcome Check(PromiseFacts promise, IEnumerable<CapabilityFacts> capabilities,
        Dictionary<int, string>? red = null, int complaints = 0, int threshold = 10) =>
        PromiseCheck.Evaluate(new PromiseCheckInput(promise, capabilities.ToDictionary(c => c.Id), red ?? [], complaints, threshold, Q));

    private static PromiseFacts Promise(params RequirementFacts[] requirements) => new(7, "24/7 bereikbaar via WhatsApp", requirements, []);

    private static RequirementFacts Needs(int capabilityId, int maturity, string hours = "", int? capacity = null, params ServiceChannel[] channels) =>
        new(capabilityId, maturity, channels, ServiceHours.Parse(hours), capacity);

    [Fact]
    public void Met_requirements_without_risks_are_backed_with_no_reasons()
    {
        var outcome = Check(Promise(Needs(1, 3, "Mon-Fri 09:00-17:00", 300, ServiceChannel.Chat)), [Webcare()]);
        Assert.Equal(PromiseVerdict.Backed, outcome.Verdict);
        Assert.Empty(outcome.Reasons);
    }

    [Fact]
    public void Hours_not_covered_across_the_week_make_it_unbacked_with_both_hour_texts()
    {
        var outcome = Check(Promise(Needs(1, 1, "24/7", null, ServiceChannel.Chat)), [Webcare()]);
        Assert.Equal(PromiseVerdict.Unbacked, outcome.Verdict);
        var reason = Assert.Single(outcome.Reasons);
        Assert.Equal(PromiseReason.HoursNotCovered, reason.Code);
        Assert.Equal(["Chat", "24/7", "Webcare WhatsApp", "Mon-Sat 08:00-22:00"], reason.Args);
    }

    [Fact]
    public void Overnight_requirement_is_covered_only_when_both_days_are()
    {
        var late = Check(Promise(Needs(1, 1, "Fri 21:00-01:00")), [Webcare(hours: "Mon-Sat 08:00-22:00")]);
        Assert.Equal(PromiseVerdict.Unbacked, late.Verdict);
        var covered = Check(Promise(Needs(1, 1, "Fri 21:00-01:00")), [Webcare(hours: "Mon-Fri 08:00-24:00; Sat 00:00-02:00")]);
        Assert.Equal(PromiseVerdict.Backed, covered.Verdict);
    }

    [Fact]
    public void Maturity_below_the_minimum_is_unbacked_with_area_required_and_actual()
    {
        var outcome = Check(Promise(Needs(2, 4)), [Tracking(maturity: 2)]);
        Assert.Equal(PromiseVerdict.Unbacked, outcome.Verdict);
        var reason = Assert.Single(outcome.Reasons);
        Assert.Equal(new PromiseReason(PromiseReason.MaturityTooLow, ["Systems", "4", "Order tracking", "2"]), reason);
        // exactly at the minimum is enough
        Assert.Equal(PromiseVerdict.Backed, Check(Promise(Needs(2, 4)), [Tracking(maturity: 4)]).Verdict);
    }

    [Fact]
    public void Missing_capability_and_uncovered_channel_are_unbacked()
    {
        var missing = Check(Promise(Needs(99, 1)), [Webcare()]);
        Assert.Equal(PromiseVerdict.Unbacked, missing.Verdict);
        Assert.Equal(PromiseReason.CapabilityMissing, Assert.Single(missing.Reasons).Code);

        var phone = Check(Promise(Needs(1, 1, "", null, ServiceChannel.Phone, ServiceChannel.Chat)), [Webcare()]);
        var reason = Assert.Single(phone.Reasons);
        Assert.Equal(new PromiseReason(PromiseReason.ChannelNotCovered, ["Phone", "Webcare WhatsApp", "Chat,SocialMedia"]), reason);
    }

    [Fact]
    public void Capacity_short_or_unstated_is_unbacked()
    {
        var shortOf = Check(Promise(Needs(1, 1, "", 500)), [Webcare(capacity: 400)]);
        Assert.Equal(new PromiseReason(PromiseReason.CapacityShort, ["500", "Webcare WhatsApp", "400"]), Assert.Single(shortOf.Reasons));
        var unstated = Check(Promise(Needs(1, 1, "", 500)), [Webcare(capacity: null)]);
        Assert.Equal(PromiseVerdict.Unbacked, unstated.Verdict);
        Assert.Equal(PromiseVerdict.Backed, Check(Promise(Needs(1, 1, "", 400)), [Webcare(capacity: 400)]).Verdict);
    }

    [Fact]
    public void Every_shortfall_is_listed()
    {
        var outcome = Check(Promise(Needs(1, 5, "24/7", 1000), Needs(2, 4)), [Webcare(), Tracking()]);
        Assert.Equal(PromiseVerdict.Unbacked, outcome.Verdict);
        Assert.Equal([PromiseReason.MaturityTooLow, PromiseReason.HoursNotCovered, PromiseReason.CapacityShort, PromiseReason.MaturityTooLow],
            outcome.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Red_standard_of_a_met_promise_puts_it_at_risk()
    {
        var promise = new PromiseFacts(7, "claim", [Needs(1, 1)], [30]);
        var outcome = Check(promise, [Webcare(standards: 31)], red: new() { [30] = "Reply on social media within 1 hour" });
        Assert.Equal(PromiseVerdict.AtRisk, outcome.Verdict);
        Assert.Equal(new PromiseReason(PromiseReason.StandardRed, ["Reply on social media within 1 hour", "2026-Q3"]), Assert.Single(outcome.Reasons));

        // a red standard linked to the capability counts too; a red standard nobody leans on does not
        Assert.Equal(PromiseVerdict.AtRisk, Check(new PromiseFacts(7, "c", [Needs(1, 1)], []), [Webcare(standards: 31)], red: new() { [31] = "x" }).Verdict);
        Assert.Equal(PromiseVerdict.Backed, Check(new PromiseFacts(7, "c", [Needs(1, 1)], []), [Webcare(standards: 31)], red: new() { [32] = "x" }).Verdict);
    }

    [Theory]
    [InlineData(9, 10, PromiseVerdict.Backed)]
    [InlineData(10, 10, PromiseVerdict.AtRisk)]
    [InlineData(25, 10, PromiseVerdict.AtRisk)]
    [InlineData(3, 3, PromiseVerdict.AtRisk)]
    public void Complaints_at_or_above_the_threshold_put_a_backed_promise_at_risk(int complaints, int threshold, PromiseVerdict expected)
    {
        var outcome = Check(Promise(Needs(1, 1)), [Webcare()], complaints: complaints, threshold: threshold);
        Assert.Equal(expected, outcome.Verdict);
        if (expected == PromiseVerdict.AtRisk)
            Assert.Equal(new PromiseReason(PromiseReason.ComplaintsAboveThreshold, [complaints.ToString(), "2026-Q3", threshold.ToString()]), Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void Unbacked_outranks_risks_and_still_lists_them()
    {
        var outcome = Check(Promise(Needs(2, 4)), [Tracking()], complaints: 12);
        Assert.Equal(PromiseVerdict.Unbacked, outcome.Verdict);
        Assert.Equal([PromiseReason.MaturityTooLow, PromiseReason.ComplaintsAboveThreshold], outcome.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_promise_without_requirements_is_at_risk()
    {
        var outcome = Check(Promise(), [Webcare()]);
        Assert.Equal(PromiseVerdict.AtRisk, outcome.Verdict);
        Assert.Equal(PromiseReason.NoRequirements, Assert.Single(outcome.Reasons).Code);
    }

    [Fact]
    public void Any_channel_capability_serves_every_channel()
    {
        var any = new CapabilityFacts(3, "Kennisbank", "Klantenservice", CapabilityArea.Knowledge, 3, [ServiceChannel.Any], ServiceHours.AlwaysOpen, null, []);
        Assert.Equal(PromiseVerdict.Backed, Check(Promise(Needs(3, 3, "24/7", null, ServiceChannel.Phone, ServiceChannel.Store)), [any]).Verdict);
    }
}

public class PromiseEntityTests
{
    [Fact]
    public void Live_period_must_end_after_it_starts()
    {
        var error = Assert.Throws<DomainException>(() => new MarketingPromise("c", [ServiceChannel.Chat], "camp", 1, 1, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), []));
        Assert.Equal("promise.live-period", error.Code);
    }

    [Fact]
    public void Live_in_a_quarter_when_the_period_overlaps_it()
    {
        var promise = new MarketingPromise("c", [ServiceChannel.Chat], "camp", 1, 1, new DateOnly(2026, 3, 15), new DateOnly(2026, 4, 2), []);
        Assert.True(promise.IsLiveIn(new Quarter(2026, 1)));
        Assert.True(promise.IsLiveIn(new Quarter(2026, 2)));
        Assert.False(promise.IsLiveIn(new Quarter(2026, 3)));
        Assert.False(promise.IsLiveIn(new Quarter(2025, 4)));
    }

    [Fact]
    public void A_capability_is_required_once_per_promise()
    {
        var promise = new MarketingPromise("c", [ServiceChannel.Chat], "camp", 1, 1, new DateOnly(2026, 3, 15), null, []);
        var error = Assert.Throws<DomainException>(() => promise.SetRequirements([
            new PromiseRequirement(4, 2, [], ServiceHours.None, null), new PromiseRequirement(4, 3, [], ServiceHours.None, null)]));
        Assert.Equal("promise.requirement-duplicate", error.Code);
    }

    [Fact]
    public void Maturity_outside_one_to_five_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => new Capability(1, "x", CapabilityArea.Skills, "", 6, "", [], ServiceHours.None, null, []));
        Assert.Equal("capability.maturity-range", error.Code);
    }

    [Fact]
    public void Check_result_keeps_reasons_through_storage()
    {
        var outcome = new PromiseCheckOutcome(PromiseVerdict.Unbacked, [new PromiseReason(PromiseReason.MaturityTooLow, ["Systems", "4", "Order tracking", "2"])]);
        var result = new PromiseCheckResult(3, new Quarter(2026, 3), outcome, 0, DateTime.UtcNow);
        Assert.Equal(outcome.Reasons, result.Reasons);
    }
}
