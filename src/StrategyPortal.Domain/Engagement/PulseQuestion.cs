using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Engagement;

/// <summary>
/// An item of the question bank, in Dutch and English. Once a round that asks it has opened (answered
/// or not), an item is never edited in place: <see cref="Revise"/> retires it and returns the next version under the same code, so
/// every stored answer keeps the wording it was given to.
/// </summary>
public class PulseQuestion : IVersioned
{
    public const int CodeMaxLength = 40;
    public const int TextMaxLength = 300;

    private PulseQuestion() { Code = string.Empty; TextNl = string.Empty; TextEn = string.Empty; }

    public PulseQuestion(string code, QuestionKind kind, string textNl, string textEn, int revision = 1)
    {
        Code = ValidCode(code);
        Kind = ValidKind(kind);
        TextNl = ValidText(textNl);
        TextEn = ValidText(textEn);
        if (revision < 1) throw new ArgumentOutOfRangeException(nameof(revision));
        Revision = revision;
        IsActive = true;
    }

    public int Id { get; private set; }

    /// <summary>Stable name of the item across versions, e.g. <c>ENG-PURPOSE</c>.</summary>
    public string Code { get; private set; }

    public QuestionKind Kind { get; private set; }
    public string TextNl { get; private set; }
    public string TextEn { get; private set; }

    /// <summary>The item's version: 1 for the first wording, one more for each revision.</summary>
    public int Revision { get; private set; }

    /// <summary>False once retired: kept for the rounds that used it, offered to no new pulse.</summary>
    public bool IsActive { get; private set; }

    public int Version { get; set; }

    public string TextFor(string twoLetterLanguage) =>
        string.Equals(twoLetterLanguage, "en", StringComparison.OrdinalIgnoreCase) ? TextEn : TextNl;

    /// <summary>Edits the wording in place. Only for an item not in use: no pulse round with it has opened (so nobody read or answered it).</summary>
    public void Reword(string textNl, string textEn, bool inUse)
    {
        if (inUse) throw new DomainException("pulse.question-answered", "This item is in a pulse round that has opened; save a new version instead of editing it.");
        TextNl = ValidText(textNl);
        TextEn = ValidText(textEn);
    }

    /// <summary>Retires this item and returns its next version with the new wording (same code and kind).</summary>
    public PulseQuestion Revise(string textNl, string textEn)
    {
        var next = new PulseQuestion(Code, Kind, textNl, textEn, Revision + 1);
        IsActive = false;
        return next;
    }

    public void Retire() => IsActive = false;

    public void Reactivate() => IsActive = true;

    public static QuestionKind ValidKind(QuestionKind kind) =>
        Enum.IsDefined(kind) ? kind : throw new DomainException("pulse.question-kind-invalid", "Choose a question kind.");

    /// <summary>The code in capitals: letters, digits and dashes, at most <see cref="CodeMaxLength"/>.</summary>
    public static string ValidCode(string? code)
    {
        var trimmed = (code ?? string.Empty).Trim().ToUpperInvariant();
        if (trimmed.Length == 0) throw new DomainException("pulse.question-code-required", "An item needs a code.");
        if (trimmed.Length > CodeMaxLength || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new DomainException("pulse.question-code-invalid", "A code has at most 40 letters, digits or dashes.");
        return trimmed;
    }

    public static string ValidText(string? text) => TextRules.Required(text, TextMaxLength, "pulse.question-text");
}
