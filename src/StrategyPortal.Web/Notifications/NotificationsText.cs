namespace StrategyPortal.Web.Notifications;

/// <summary>Marker for the mail pages' strings in NotificationsText.resx / NotificationsText.nl.resx.</summary>
public sealed class NotificationsText;
