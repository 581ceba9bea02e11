using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;

namespace StrategyPortal.Web.Components.Shared;

/// <summary>
/// What went wrong, in the reader's language: <see cref="FormMessage"/> for the whole form and <see cref="Fields"/>, the field
/// messages by their path in the input. A form shows them through <see cref="FormErrors"/> (each at its field); a page without
/// a form shows <see cref="Summary"/>, which holds all of them.
/// </summary>
public sealed record UiError(string FormMessage, IReadOnlyDictionary<string, string[]> Fields)
{
    public static UiError None { get; } = new(string.Empty, new Dictionary<string, string[]>());

    /// <summary>Every message in one line: the form's, then the fields'.</summary>
    public string Summary => string.Join(" ", new[] { FormMessage }.Concat(Fields.Where(f => f.Key.Length > 0).SelectMany(f => f.Value)).Where(m => m.Length > 0));

    public bool IsEmpty => string.IsNullOrEmpty(FormMessage) && Fields.Count == 0;
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
