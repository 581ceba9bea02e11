namespace StrategyPortal.Web.Strategy;

/// <summary>Marker for the strategy page's strings in StrategyText.resx / StrategyText.nl.resx.</summary>
public sealed class StrategyText;
