namespace StrategyPortal.Domain.Common;

/// <summary>
/// An editable entity whose <see cref="Version"/> is checked on save, so a second
/// editor working from a stale copy is told instead of overwriting the first.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
