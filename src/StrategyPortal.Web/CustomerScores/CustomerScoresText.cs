namespace StrategyPortal.Web.CustomerScores;

/// <summary>Marker for the customer score pages' strings in CustomerScoresText.resx / CustomerScoresText.nl.resx.</summary>
public sealed class CustomerScoresText;
