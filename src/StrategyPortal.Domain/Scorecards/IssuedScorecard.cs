using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Scorecards;

/// <summary>
/// One issued scorecard PDF in one language. It never changes after it is written: its bytes and
/// snapshot live in <see cref="IssuedScorecardContent"/>, its <see cref="Sha256"/> proves them.
/// </summary>
public class IssuedScorecard
{
    public const int UnitNameMaxLength = 200;

    private IssuedScorecard() { UnitName = string.Empty; Language = string.Empty; Sha256 = string.Empty; IssuedByName = string.Empty; }

    public IssuedScorecard(int issueId, Quarter quarter, int issueNumber, int? orgUnitId, string unitName, string language,
        string sha256, int sizeBytes, string issuedByName, DateTime issuedAtUtc)
    {
        if (language is not ("nl" or "en")) throw new DomainException("scorecard.language", $"Unknown scorecard language '{language}'.");
        if (sha256.Length != 64) throw new DomainException("scorecard.hash", "A SHA-256 is 64 hex digits.");
        IssueId = issueId;
        QuarterKey = quarter.Key;
        IssueNumber = issueNumber;
        OrgUnitId = orgUnitId;
        UnitName = unitName.Length > UnitNameMaxLength ? unitName[..UnitNameMaxLength] : unitName;
        Language = language;
        Sha256 = sha256;
        SizeBytes = sizeBytes;
        IssuedByName = issuedByName;
        IssuedAtUtc = issuedAtUtc;
    }

    public int Id { get; private set; }
    public int IssueId { get; private set; }
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);
    public int IssueNumber { get; private set; }

    /// <summary>Null for the company's scorecard.</summary>
    public int? OrgUnitId { get; private set; }

    /// <summary>The unit's (or company's) name when issued, so a later rename does not change the record.</summary>
    public string UnitName { get; private set; }

    public string Language { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the PDF bytes.</summary>
    public string Sha256 { get; private set; }

    public int SizeBytes { get; private set; }
    public string IssuedByName { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
}

/// <summary>The bytes of an issued scorecard and the frozen numbers they were drawn from (JSON). The
/// audit log records the <see cref="IssuedScorecard"/> with its hash, not megabytes of PDF.</summary>
[NotAudited]
public class IssuedScorecardContent
{
    private IssuedScorecardContent() { Pdf = []; SnapshotJson = string.Empty; }

    public IssuedScorecardContent(IssuedScorecard scorecard, byte[] pdf, string snapshotJson)
    {
        Scorecard = scorecard;
        Pdf = pdf;
        SnapshotJson = snapshotJson;
    }

    public int IssuedScorecardId { get; private set; }
    public IssuedScorecard? Scorecard { get; private set; }
    public byte[] Pdf { get; private set; }
    public string SnapshotJson { get; private set; }
}
