namespace StrategyPortal.Web.Scorecards;

/// <summary>Marker for the scorecards page's strings in ScorecardsPageText.resx / ScorecardsPageText.nl.resx.</summary>
public sealed class ScorecardsPageText;
