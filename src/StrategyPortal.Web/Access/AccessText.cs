namespace StrategyPortal.Web.Access;

/// <summary>Marker for the access pages' strings (audit log, privacy) in AccessText.resx / AccessText.nl.resx.</summary>
public sealed class AccessText;
