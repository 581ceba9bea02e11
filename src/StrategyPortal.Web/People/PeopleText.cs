namespace StrategyPortal.Web.People;

/// <summary>Marker for the people import and day-one strings in PeopleText.resx / PeopleText.nl.resx.</summary>
public sealed class PeopleText;
