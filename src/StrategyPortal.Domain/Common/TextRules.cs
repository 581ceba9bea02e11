namespace StrategyPortal.Domain.Common;

/// <summary>
/// The rule most text fields share: trimmed, at most a length, and (when required) not empty. A broken rule throws
/// <see cref="DomainException"/> with the code <c>{rule}-required</c> or <c>{rule}-too-long</c> (e.g. <c>standard.title-required</c>).
/// </summary>
public static class TextRules
{
    /// <summary>The trimmed text; refused when empty or longer than <paramref name="maxLength"/>.</summary>
    public static string Required(string? value, int maxLength, string rule)
    {
        var trimmed = Optional(value, maxLength, rule);
        if (trimmed.Length == 0) throw new DomainException(rule + "-required", "This field is required.");
        return trimmed;
    }

    /// <summary>The trimmed text (empty when none); refused when longer than <paramref name="maxLength"/>.</summary>
    public static string Optional(string? value, int maxLength, string rule)
    {
        var trimmed = (value ?? string.Empty).Trim();
        if (trimmed.Length > maxLength) throw new DomainException(rule + "-too-long", $"At most {maxLength} characters.", maxLength);
        return trimmed;
    }
}
