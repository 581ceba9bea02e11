namespace StrategyPortal.Web.Promises;

/// <summary>Marker for the promises pages' strings in PromisesText.resx / PromisesText.nl.resx.</summary>
public sealed class PromisesText;
