namespace StrategyPortal.Infrastructure.Scorecards;

/// <summary>Marker for the scorecard PDF's texts (<c>ScorecardsText.resx</c> and <c>ScorecardsText.nl.resx</c>).</summary>
public sealed class ScorecardsText;
