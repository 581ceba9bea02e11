using System.Globalization;

namespace StrategyPortal.Domain.Engagement;

/// <summary>An item as the answering form asks it.</summary>
public sealed record SheetItem(int QuestionId, QuestionKind Kind);

/// <summary>
/// Checks a submitted form against a pulse's items: every scaled item answered with a whole number
/// on its scale, free text within its length, nothing that the pulse did not ask. Either the whole
/// sheet is valid or nothing of it may be stored.
/// </summary>
public sealed class PulseAnswerSheet
{
    public const string Required = "pulse.answer-required";
    public const string OutOfScale = "pulse.answer-out-of-scale";
    public const string CommentTooLong = "pulse.comment-too-long";
    public const string UnknownItem = "pulse.answer-unknown-item";

    private PulseAnswerSheet(IReadOnlyList<ScaledAnswer> answers, IReadOnlyList<(int QuestionId, string Text)> comments, IReadOnlyDictionary<int, string> errors, bool unknownItems)
    {
        Answers = answers;
        Comments = comments;
        Errors = errors;
        HasUnknownItems = unknownItems;
    }

    public IReadOnlyList<ScaledAnswer> Answers { get; }
    public IReadOnlyList<(int QuestionId, string Text)> Comments { get; }

    /// <summary>Question id → error code, for the items that were wrong.</summary>
    public IReadOnlyDictionary<int, string> Errors { get; }

    /// <summary>The form named items the pulse does not have: a forged or stale form.</summary>
    public bool HasUnknownItems { get; }

    public bool IsValid => Errors.Count == 0 && !HasUnknownItems;

    public static PulseAnswerSheet Check(IReadOnlyList<SheetItem> items, IReadOnlyDictionary<int, string?> submitted)
    {
        var answers = new List<ScaledAnswer>();
        var comments = new List<(int, string)>();
        var errors = new Dictionary<int, string>();
        var known = items.Select(i => i.QuestionId).ToHashSet();
        var unknown = submitted.Keys.Any(k => !known.Contains(k));

        foreach (var item in items)
        {
            submitted.TryGetValue(item.QuestionId, out var raw);
            if (item.Kind == QuestionKind.FreeText)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                if (raw.Length > PulseComment.TextMaxLength) { errors[item.QuestionId] = CommentTooLong; continue; }
                comments.Add((item.QuestionId, raw));
                continue;
            }
            if (string.IsNullOrWhiteSpace(raw)) { errors[item.QuestionId] = Required; continue; }
            if (!int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || !item.Kind.Accepts(value))
            {
                errors[item.QuestionId] = OutOfScale;
                continue;
            }
            answers.Add(new ScaledAnswer(item.QuestionId, item.Kind, value));
        }
        return new PulseAnswerSheet(answers, comments, errors, unknown);
    }
}
