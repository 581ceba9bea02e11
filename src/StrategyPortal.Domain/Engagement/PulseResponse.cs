using StrategyPortal.Domain.Access;
using System.Globalization;
using System.Text;

namespace StrategyPortal.Domain.Engagement;

/// <summary>
/// What one (unnamed) person answered in a round: the unit they were in, the day (never the time)
/// and the scaled answers in a compact column. The id is a random GUID, never a sequence, and
/// nothing here refers to the person or their <see cref="Participation"/>.
/// </summary>
[NotAudited] // anonymous: an audit entry (who, when) would tie it to a person
public class PulseResponse
{
    private PulseResponse() { Answers = string.Empty; }

    private PulseResponse(Guid id, int roundId, int unitId, DateOnly answeredOn, IReadOnlyList<ScaledAnswer> answers)
    {
        Id = id;
        RoundId = roundId;
        UnitId = unitId;
        AnsweredOn = answeredOn;
        Answers = AnswerCodec.Encode(answers);
        var engagement = answers.Where(a => a.Kind == QuestionKind.Engagement).Select(a => a.Value).ToList();
        EngagementMean = engagement.Count == 0 ? null : engagement.Average();
        Enps = answers.FirstOrDefault(a => a.Kind == QuestionKind.Enps)?.Value;
    }

    /// <summary>A new response with a random id (<see cref="Guid.NewGuid"/>: version 4, no time or order in it).</summary>
    public static PulseResponse Create(int roundId, int unitId, DateOnly answeredOn, IReadOnlyList<ScaledAnswer> answers) =>
        new(Guid.NewGuid(), roundId, unitId, answeredOn, answers);

    public Guid Id { get; private set; }
    public int RoundId { get; private set; }

    /// <summary>The unit the person belonged to when answering.</summary>
    public int UnitId { get; private set; }

    /// <summary>The day only: a time of day could be matched to a sign-in or a request log.</summary>
    public DateOnly AnsweredOn { get; private set; }

    /// <summary>Scaled answers as <c>questionId:value</c> pairs, e.g. <c>12:4,13:5,14:9</c>.</summary>
    public string Answers { get; private set; }

    /// <summary>Mean of the engagement items (null without any), stored so trends can be counted in SQL.</summary>
    public double? EngagementMean { get; private set; }

    /// <summary>The eNPS answer (0–10), if the pulse asked it.</summary>
    public int? Enps { get; private set; }

    public IReadOnlyList<(int QuestionId, int Value)> DecodeAnswers() => AnswerCodec.Decode(Answers);
}

/// <summary>One scaled answer as it is validated and stored.</summary>
public sealed record ScaledAnswer(int QuestionId, QuestionKind Kind, int Value);

/// <summary>
/// An open comment, stored apart even from the response it came with (so a writing style cannot be
/// tied to a set of scores). Random id, no date; shown only above the comment threshold.
/// </summary>
[NotAudited] // anonymous: an audit entry (who, when) would tie it to a person
public class PulseComment
{
    public const int TextMaxLength = 2000;

    private PulseComment() { Text = string.Empty; }

    public PulseComment(int roundId, int unitId, int questionId, string text)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        UnitId = unitId;
        QuestionId = questionId;
        Text = text;
    }

    public Guid Id { get; private set; }
    public int RoundId { get; private set; }
    public int UnitId { get; private set; }
    public int QuestionId { get; private set; }

    /// <summary>Stored as typed; every view encodes it.</summary>
    public string Text { get; private set; }
}

public static class AnswerCodec
{
    public static string Encode(IEnumerable<ScaledAnswer> answers)
    {
        var builder = new StringBuilder();
        foreach (var answer in answers.OrderBy(a => a.QuestionId))
        {
            if (builder.Length > 0) builder.Append(',');
            builder.Append(answer.QuestionId.ToString(CultureInfo.InvariantCulture)).Append(':').Append(answer.Value.ToString(CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    public static IReadOnlyList<(int QuestionId, int Value)> Decode(string encoded)
    {
        var result = new List<(int, int)>();
        if (string.IsNullOrEmpty(encoded)) return result;
        var span = encoded.AsSpan();
        while (span.Length > 0)
        {
            var comma = span.IndexOf(',');
            var pair = comma < 0 ? span : span[..comma];
            var colon = pair.IndexOf(':');
            if (colon > 0)
                result.Add((int.Parse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture),
                    int.Parse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture)));
            span = comma < 0 ? [] : span[(comma + 1)..];
        }
        return result;
    }
}
