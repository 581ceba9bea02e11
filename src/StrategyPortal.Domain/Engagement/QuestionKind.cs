namespace StrategyPortal.Domain.Engagement;

/// <summary>What a pulse question asks and on which scale it is answered.</summary>
public enum QuestionKind
{
    /// <summary>An engagement statement on a 1–5 agree scale; the mean of these classifies a respondent.</summary>
    Engagement = 0,

    /// <summary>"How likely are you to recommend … as a place to work?" on 0–10 (eNPS).</summary>
    Enps = 1,

    /// <summary>A statement about the service strategy on a 1–5 agree scale.</summary>
    Strategy = 2,

    /// <summary>An optional open comment; shown only above the comment threshold.</summary>
    FreeText = 3,
}

public static class QuestionKindExtensions
{
    /// <summary>Lowest allowed answer; null for free text.</summary>
    public static int? ScaleMinimum(this QuestionKind kind) => kind switch
    {
        QuestionKind.Engagement or QuestionKind.Strategy => 1,
        QuestionKind.Enps => 0,
        _ => null,
    };

    /// <summary>Highest allowed answer; null for free text.</summary>
    public static int? ScaleMaximum(this QuestionKind kind) => kind switch
    {
        QuestionKind.Engagement or QuestionKind.Strategy => 5,
        QuestionKind.Enps => 10,
        _ => null,
    };

    public static bool IsScaled(this QuestionKind kind) => kind != QuestionKind.FreeText;

    /// <summary>Scaled items must be answered; free text may stay empty.</summary>
    public static bool IsRequired(this QuestionKind kind) => kind.IsScaled();

    /// <summary>Items whose 4–5 answers count as favourable (the 1–5 agree scales).</summary>
    public static bool HasFavourable(this QuestionKind kind) => kind is QuestionKind.Engagement or QuestionKind.Strategy;

    public static bool Accepts(this QuestionKind kind, int value) =>
        kind.ScaleMinimum() is { } min && kind.ScaleMaximum() is { } max && value >= min && value <= max;
}
