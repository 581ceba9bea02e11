using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

/// <summary>Turns rule codes into sentences in the reader's language; an untranslated code falls back to the English text of the exception.</summary>
public sealed class MessageText(IStringLocalizer<Messages> localizer)
{
    public string this[string key] => localizer[key];

    public string Format(string key, params object[] args) => localizer[key, args];

    public string Of(DomainException exception)
    {
        var text = localizer[exception.Code];
        return text.ResourceNotFound ? exception.Message : text.Value;
    }

    public ValidationFailedException Invalid(string field, DomainException exception) => new(field, Of(exception));
}
