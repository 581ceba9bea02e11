using System.Linq.Expressions;

namespace StrategyPortal.Application.Common;

/// <summary>
/// Which property of a form's input shows an error that a rule set shared with other inputs reports about one of its own
/// fields (the people planner names <c>PersonField.Email</c>; the people page shows it at <c>PersonInput.Email</c>). The
/// properties are named through the input's type, like every field on the validation path (see <see cref="ValidationRules"/>);
/// a field bound to none concerns the whole form.
/// </summary>
public sealed class InputFields<TField, TInput> where TField : notnull
{
    private readonly Dictionary<TField, string> _paths = [];

    /// <summary>Errors about any of <paramref name="fields"/> show at <paramref name="property"/>.</summary>
    public InputFields<TField, TInput> Bind(Expression<Func<TInput, object?>> property, params TField[] fields)
    {
        var path = ValidationRules.PathOf(property);
        foreach (var field in fields) _paths.Add(field, path);
        return this;
    }

    /// <summary>The path of the property that shows errors about <paramref name="field"/> ("" for the whole form).</summary>
    public string PathOf(TField field) => _paths.GetValueOrDefault(field, string.Empty);

    /// <summary>The refusal of <paramref name="errors"/> (field and message in the reader's language), each at its property.</summary>
    public ValidationFailedException Refuse(IEnumerable<(TField Field, string Message)> errors) =>
        new(errors.GroupBy(e => PathOf(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));
}
