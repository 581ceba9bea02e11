namespace StrategyPortal.Web.Organisation;

/// <summary>Marker for the organisation pages' strings in OrganisationText.resx / OrganisationText.nl.resx.</summary>
public sealed class OrganisationText;
