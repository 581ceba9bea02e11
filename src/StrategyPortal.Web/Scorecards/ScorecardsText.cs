namespace StrategyPortal.Web.Scorecards;

/// <summary>Marker for the scorecards page's strings in ScorecardsText.resx / ScorecardsText.nl.resx.</summary>
public sealed class ScorecardsText;
