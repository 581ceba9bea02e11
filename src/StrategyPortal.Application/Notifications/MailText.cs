namespace StrategyPortal.Application.Notifications;

/// <summary>Marker for the e-mails' strings (and the names of notice kinds) in MailText.resx / MailText.nl.resx.</summary>
public sealed class MailText;
