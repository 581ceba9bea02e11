using FluentValidation;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Promises;

public sealed class PromiseInputValidator : AbstractValidator<PromiseInput>
{
    public PromiseInputValidator()
    {
        RuleFor(p => p.Claim).Satisfies(MarketingPromise.ValidClaim);
        RuleFor(p => p.Campaign).Satisfies(MarketingPromise.ValidCampaign);
        RuleFor(p => p.Channels).Satisfies(MarketingPromise.ValidChannels);
        RuleFor(p => p.LiveFrom).NotNull().WithErrorCode("promise.live-from-required");
        RuleFor(p => p.LiveTo).Satisfies((p, liveTo) => p.LiveFrom is { } from ? MarketingPromise.ValidLiveTo(from, liveTo) : liveTo);
        RuleFor(p => p.Requirements).Satisfies(r => MarketingPromise.ValidRequirementCapabilities(r.Select(x => x.CapabilityId)));
        RuleForEach(p => p.Requirements).ChildRules(requirement =>
        {
            requirement.RuleFor(r => r.CapabilityId).GreaterThan(0).WithErrorCode("promise.capability-required");
            requirement.RuleFor(r => r.MinMaturity).Satisfies(Capability.ValidMaturity);
            requirement.RuleFor(r => r.CapacityPerDay).Satisfies(Capability.ValidCapacity);
            requirement.RuleFor(r => r.Hours).Satisfies(ServiceHours.Parse);
        });
    }
}

public sealed class CapabilityInputValidator : AbstractValidator<CapabilityInput>
{
    public CapabilityInputValidator()
    {
        RuleFor(c => c.Name).Satisfies(Capability.ValidName);
        RuleFor(c => c.Area).IsInEnum().WithErrorCode("capability.area-invalid");
        RuleFor(c => c.Description).Satisfies(Capability.ValidDescription);
        RuleFor(c => c.Maturity).Satisfies(Capability.ValidMaturity);
        RuleFor(c => c.Evidence).Satisfies(Capability.ValidEvidence);
        RuleFor(c => c.Hours).Satisfies(ServiceHours.Parse);
        RuleFor(c => c.CapacityPerDay).Satisfies(Capability.ValidCapacity);
    }
}

public sealed class SignalInputValidator : AbstractValidator<SignalInput>
{
    public SignalInputValidator()
    {
        RuleFor(s => s.Kind).Satisfies(ServiceSignal.ValidKind);
        RuleFor(s => s.Date).NotNull().WithErrorCode("signal.date-required");
        RuleFor(s => s.Count).Satisfies(ServiceSignal.ValidCount);
        RuleFor(s => s.Text).Satisfies(ServiceSignal.ValidText);
    }
}
