namespace StrategyPortal.Web.Actions;

/// <summary>Marker for the actions pages' strings in ActionsText.resx / ActionsText.nl.resx.</summary>
public sealed class ActionsText;
