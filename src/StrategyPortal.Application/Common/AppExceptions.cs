namespace StrategyPortal.Application.Common;

/// <summary>The signed-in user may not do this. Pages show a refusal; endpoints answer 403.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.") : Exception(message);

public sealed class NotFoundException(string what, object key) : Exception($"{what} {key} was not found.");

/// <summary>Someone else saved the same item since it was loaded. The caller keeps its input and reloads.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>Input failed validation. <see cref="Errors"/> maps a field name ("" for the whole form) to its messages.</summary>
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
}
