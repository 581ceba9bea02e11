namespace StrategyPortal.Web.Engagement;

/// <summary>Marker for the engagement pages' strings in EngagementText.resx / EngagementText.nl.resx.</summary>
public sealed class EngagementText;
