using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Web.Engagement;

/// <summary>
/// The radio buttons of one scale item on the answering page, as one piece of HTML. A fresh form (nothing chosen yet)
/// is the same for everyone who reads it in the same language, so it is built once per question and culture:
/// rendering sixty-odd radios element by element was the largest part of serving the form under load.
/// </summary>
public static class PulseScaleMarkup
{
    private static readonly ConcurrentDictionary<(int QuestionId, QuestionKind Kind, string Culture), MarkupString> Fresh = new();

    /// <param name="chosen">The value to show as chosen (a form shown again after an error), or null.</param>
    /// <param name="label">The spoken label of a scale point, in the current culture.</param>
    public static MarkupString For(int questionId, QuestionKind kind, string? chosen, Func<QuestionKind, int, string> label) =>
        chosen is null
            ? Fresh.GetOrAdd((questionId, kind, CultureInfo.CurrentUICulture.Name), key => Build(key.QuestionId, key.Kind, null, label))
            : Build(questionId, kind, chosen, label);

    private static MarkupString Build(int questionId, QuestionKind kind, string? chosen, Func<QuestionKind, int, string> label)
    {
        var name = "q" + questionId.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder("<div class=\"pulse-scale\">");
        for (var v = kind.ScaleMinimum()!.Value; v <= kind.ScaleMaximum()!.Value; v++)
        {
            var text = v.ToString(CultureInfo.InvariantCulture);
            var id = name + "-" + text;
            html.Append("<span class=\"pulse-option\"><input type=\"radio\" id=\"").Append(id).Append("\" name=\"").Append(name)
                .Append("\" value=\"").Append(text).Append('"').Append(chosen == text ? " checked" : null).Append(" required />")
                .Append("<label for=\"").Append(id).Append("\">").Append(v.ToString(CultureInfo.CurrentCulture))
                .Append("<span class=\"visually-hidden\"> – ").Append(WebUtility.HtmlEncode(label(kind, v))).Append("</span></label></span>");
        }
        return new MarkupString(html.Append("</div>").ToString());
    }
}
