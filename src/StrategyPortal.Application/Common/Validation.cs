using FluentValidation;

namespace StrategyPortal.Application.Common;

public static class ValidationExtensions
{
    /// <summary>Runs the validator and throws <see cref="ValidationFailedException"/> with every message per field.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T input, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(input, cancellationToken);
        if (result.IsValid) return;
        var errors = result.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        throw new ValidationFailedException(errors);
    }
}
