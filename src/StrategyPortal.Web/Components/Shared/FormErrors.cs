using System.Collections;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Components.Forms;

namespace StrategyPortal.Web.Components.Shared;

/// <summary>
/// A form's refusal from its last save (docs/architecture.md, "Validation"): each field's messages sit in the form's
/// <see cref="EditContext"/>, where the input bound to that property shows them (a MudBlazor input with
/// <c>For="() => Input.Title"</c>, a <see cref="FieldError{TValue}"/>, or <see cref="Has{T}"/>/<see cref="For{T}"/> for an
/// input bound to something else); the rest is <see cref="Summary"/>. A field's message goes as soon as the user changes that field.
/// Nothing is shown before the user saves.
/// </summary>
public sealed class FormErrors
{
    private readonly ValidationMessageStore _messages;

    /// <summary>Errors for a form over <paramref name="model"/> (an application input such as <c>StandardInput</c>).</summary>
    public FormErrors(object model) : this(new EditContext(model)) { }

    /// <summary>Errors for an <see cref="EditForm"/> that uses this <paramref name="context"/> (static server-rendered forms).</summary>
    public FormErrors(EditContext context)
    {
        Context = context;
        _messages = new ValidationMessageStore(context);
        context.OnFieldChanged += (_, e) =>
        {
            if (!_messages[e.FieldIdentifier].Any()) return;
            _messages.Clear(e.FieldIdentifier);
            Context.NotifyValidationStateChanged();
        };
    }

    public EditContext Context { get; }

    /// <summary>What does not belong to one field: a conflict, a refusal of the whole form.</summary>
    public string Summary { get; private set; } = string.Empty;

    public bool IsEmpty => Summary.Length == 0 && !Context.GetValidationMessages().Any();

    /// <summary>Shows <paramref name="error"/>: field messages at their fields, everything else in <see cref="Summary"/>.</summary>
    public void Show(UiError error)
    {
        _messages.Clear();
        var summary = new List<string>();
        if (!string.IsNullOrEmpty(error.FormMessage)) summary.Add(error.FormMessage);
        foreach (var (path, messages) in error.Fields)
        {
            if (path.Length == 0) continue;
            if (FieldAt(Context.Model, path) is { } field) _messages.Add(field, messages);
            else summary.AddRange(messages);
        }
        Summary = string.Join(" ", summary);
        Context.NotifyValidationStateChanged();
    }

    public void Clear()
    {
        _messages.Clear();
        Summary = string.Empty;
        Context.NotifyValidationStateChanged();
    }

    /// <summary>Whether the property <paramref name="field"/> (e.g. <c>() => Input.Channels</c>) has a message.</summary>
    public bool Has<T>(Expression<Func<T>> field) => Context.GetValidationMessages(FieldIdentifier.Create(field)).Any();

    /// <summary>The messages of the property <paramref name="field"/>, or null.</summary>
    public string? For<T>(Expression<Func<T>> field)
    {
        var messages = Context.GetValidationMessages(FieldIdentifier.Create(field)).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>
    /// The field a path from the application names ("Claim", "Requirements[1].Hours"): the last property on the object the
    /// path leads to, so an input bound to <c>requirement.Hours</c> inside a loop finds its message. Null when the path leads nowhere.
    /// </summary>
    internal static FieldIdentifier? FieldAt(object model, string path)
    {
        var owner = model;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            if (i == parts.Length - 1 && index is null)
                return owner.GetType().GetProperty(name) is null ? null : new FieldIdentifier(owner, name);
            var value = owner.GetType().GetProperty(name)?.GetValue(owner);
            if (index is { } at)
                value = value is IList list && at < list.Count ? list[at] : null;
            if (value is null) return null;
            owner = value;
        }
        return null;
    }

    private static (string Name, int? Index) Split(string part)
    {
        var bracket = part.IndexOf('[');
        return bracket < 0 ? (part, null) : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
