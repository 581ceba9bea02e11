namespace StrategyPortal.Application.Localization;

/// <summary>Marker for the application's own messages (validation, refusals, conflicts) in Messages.resx / Messages.nl.resx.</summary>
public sealed class Messages;
