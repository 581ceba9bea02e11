using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Promises;

/// <summary>Stores a set of channels as text ("Phone,Chat") and reads it back in enum order.</summary>
public static class ChannelSet
{
    public const int MaxLength = 120;

    public static string ToText(IEnumerable<ServiceChannel> channels) =>
        string.Join(',', channels.Distinct().Order().Select(c => c.ToString()));

    public static IReadOnlyList<ServiceChannel> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => Enum.TryParse<ServiceChannel>(t, out var c) ? (ServiceChannel?)c : null)
                .Where(c => c is not null).Select(c => c!.Value).Distinct().Order().ToList();

    /// <summary>True when <paramref name="provided"/> serves <paramref name="channel"/>; <see cref="ServiceChannel.Any"/> serves every channel.</summary>
    public static bool Serves(IReadOnlyCollection<ServiceChannel> provided, ServiceChannel channel) =>
        provided.Contains(ServiceChannel.Any) || provided.Contains(channel);
}

/// <summary>Stores a set of ids as text ("3,8").</summary>
public static class IdSet
{
    public const int MaxLength = 400;

    public static string ToText(IEnumerable<int> ids) => string.Join(',', ids.Distinct().Order());

    public static IReadOnlyList<int> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.TryParse(t, out var id) ? id : 0).Where(id => id > 0).Distinct().Order().ToList();
}
