namespace StrategyPortal.Domain.Common;

/// <summary>
/// The channels service is delivered through (seed 001: web/self-service, phone, chat, social media,
/// store/counter, e-mail). <see cref="Any"/> means "every channel" where a rule or view is not channel-bound.
/// Shared by standards, capabilities, promises and customer scores.
/// </summary>
public enum ServiceChannel
{
    Phone = 0,
    Email = 1,
    Chat = 2,
    SocialMedia = 3,
    Store = 4,
    SelfService = 5,
    Any = 6,
}
