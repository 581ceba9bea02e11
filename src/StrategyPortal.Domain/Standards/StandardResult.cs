using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Standards;

/// <summary>The actual value a standard reached in one quarter. One per standard and quarter; corrections keep the row.</summary>
public class StandardResult : IVersioned
{
    private StandardResult() { RecordedByName = string.Empty; }

    internal StandardResult(int standardId, Quarter quarter, double value, Editor editor) : this()
    {
        StandardId = standardId;
        QuarterKey = quarter.Key;
        Correct(value, editor);
    }

    public int Id { get; private set; }
    public int StandardId { get; private set; }
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);
    public double ActualValue { get; private set; }
    public int RecordedById { get; private set; }
    public string RecordedByName { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public int Version { get; set; }

    internal void Correct(double value, Editor editor)
    {
        ActualValue = value;
        RecordedById = editor.PersonId;
        RecordedByName = editor.Name;
        RecordedAtUtc = DateTime.SpecifyKind(editor.AtUtc, DateTimeKind.Utc);
    }
}
