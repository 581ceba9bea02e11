using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;

namespace StrategyPortal.Web.Components.Shared;

/// <summary>What went wrong, in the reader's language: field messages for the form, one line for the rest.</summary>
public sealed record UiError(string Summary, IReadOnlyDictionary<string, string[]> Fields)
{
    public static UiError None { get; } = new(string.Empty, new Dictionary<string, string[]>());

    public bool IsEmpty => string.IsNullOrEmpty(Summary) && Fields.Count == 0;

    public string? For(string field) => Fields.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public bool Has(string field) => Fields.ContainsKey(field);
}

public sealed class UiErrors(IStringLocalizer<Messages> messages)
{
    /// <summary>Turns a use case's refusal into a <see cref="UiError"/>; unexpected exceptions are rethrown.</summary>
    public UiError From(Exception exception) => exception switch
    {
        ValidationFailedException v => new UiError(string.Join(" ", v.Errors.Where(e => e.Key == "").SelectMany(e => e.Value)), v.Errors),
        ConcurrencyConflictException c => new UiError(c.Message, new Dictionary<string, string[]>()),
        ForbiddenException => new UiError(messages["access.forbidden"], new Dictionary<string, string[]>()),
        NotFoundException => new UiError(messages["access.not-found"], new Dictionary<string, string[]>()),
        _ => throw new InvalidOperationException("Unexpected error", exception),
    };

    public static bool IsExpected(Exception exception) =>
        exception is ValidationFailedException or ConcurrencyConflictException or ForbiddenException or NotFoundException;
}
