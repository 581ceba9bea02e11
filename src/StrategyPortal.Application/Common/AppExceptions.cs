namespace StrategyPortal.Application.Common;

/// <summary>The signed-in user may not do this. Pages show a refusal; endpoints answer 403.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.") : Exception(message);

public sealed class NotFoundException(string what, object key) : Exception($"{what} {key} was not found.");

/// <summary>Someone else saved the same item since it was loaded. The caller keeps its input and reloads.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>
/// Input failed validation. <see cref="Errors"/> maps a field's path in the input ("Title", "Requirements[1].Hours"; "" for the
/// whole form) to its messages. Name a field through the input's type (<see cref="For{TInput}"/>, <see cref="MessageText"/>.Invalid,
/// a validator's rule), never as a string: see <see cref="ValidationRules"/>.
/// </summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join(" ", errors.SelectMany(e => e.Value)))
    {
        Errors = errors;
    }

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The field <paramref name="field"/> of the input is refused with <paramref name="message"/> (already in the reader's language).</summary>
    public static ValidationFailedException For<TInput>(System.Linq.Expressions.Expression<Func<TInput, object?>> field, string message) =>
        new(ValidationRules.PathOf(field), message);
}
