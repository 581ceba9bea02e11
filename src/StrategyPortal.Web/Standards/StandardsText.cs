namespace StrategyPortal.Web.Standards;

/// <summary>Marker for the standards pages' strings (and the names of aspects, channels, units…) in StandardsText.resx / StandardsText.nl.resx.</summary>
public sealed class StandardsText;
