namespace StrategyPortal.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> names the rule (a key in the application's Messages.resx) so the UI can
/// explain it in the reader's language; <see cref="Args"/> fill the message's placeholders ({0}, {1}).
/// </summary>
public sealed class DomainException(string code, string message, params object[] args) : Exception(message)
{
    public string Code { get; } = code;

    public object[] Args { get; } = args;
}
