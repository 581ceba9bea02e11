namespace StrategyPortal.Domain.Common;

/// <summary>A rule of the domain was broken. <see cref="Code"/> names the rule so the UI can explain it in the reader's language.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
