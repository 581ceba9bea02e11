namespace StrategyPortal.Web.Localization;

/// <summary>Marker for the shared UI strings (layout, navigation, sign-in, common words) in Ui.resx / Ui.nl.resx.</summary>
public sealed class Ui;
