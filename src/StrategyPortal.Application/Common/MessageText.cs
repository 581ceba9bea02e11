using System.Linq.Expressions;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

/// <summary>
/// Turns rule codes into sentences in the reader's language, and broken rules into <see cref="ValidationFailedException"/>s
/// whose fields are named by the input's own properties (see <see cref="ValidationRules"/>). A code without a translation
/// falls back to the English text the rule was thrown with.
/// </summary>
public sealed class MessageText(IStringLocalizer<Messages> localizer)
{
    public string this[string key] => localizer[key];

    public string Format(string key, params object[] args) => localizer[key, args];

    public string Of(DomainException exception) => Of(exception.Code, exception.Message, exception.Args);

    /// <summary>Runs <paramref name="validator"/> and throws every failure, per field, in the reader's language.</summary>
    public async Task EnsureValidAsync<T>(IValidator<T> validator, T input, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(input, cancellationToken);
        if (result.IsValid) return;
        throw new ValidationFailedException(result.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(Of).Distinct().ToArray()));
    }

    /// <summary>A broken rule that concerns the whole form rather than one field.</summary>
    public ValidationFailedException Invalid(DomainException exception) => new(string.Empty, Of(exception));

    /// <summary>A broken rule that concerns the field <paramref name="field"/> of the input.</summary>
    public ValidationFailedException Invalid<TInput>(Expression<Func<TInput, object?>> field, DomainException exception) =>
        ValidationFailedException.For(field, Of(exception));

    /// <summary>A refusal of the field <paramref name="field"/> with the message <paramref name="key"/> (a rule the database decides: a name taken, a unit gone).</summary>
    public ValidationFailedException Invalid<TInput>(Expression<Func<TInput, object?>> field, string key, params object[] args) =>
        ValidationFailedException.For(field, Format(key, args));

    /// <summary>Runs a domain rule that needs the stored entity (a quarter the standard was active in); its failure is the field's.</summary>
    public T Check<TInput, T>(Expression<Func<TInput, object?>> field, Func<T> domainRule)
    {
        try { return domainRule(); }
        catch (DomainException e) { throw Invalid(field, e); }
    }

    private string Of(ValidationFailure failure) => Of(failure.ErrorCode, failure.ErrorMessage, failure.CustomState as object[] ?? []);

    private string Of(string code, string fallback, object[] args)
    {
        var text = localizer[code, args];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
