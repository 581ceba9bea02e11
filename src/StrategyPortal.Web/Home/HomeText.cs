namespace StrategyPortal.Web.Home;

/// <summary>Marker for the home page cards' strings in HomeText.resx / HomeText.nl.resx.</summary>
public sealed class HomeText;
