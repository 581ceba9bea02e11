using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Scorecards;

public enum ScorecardIssueStatus
{
    /// <summary>Scorecards are being generated; none of them is visible yet.</summary>
    Running = 0,

    /// <summary>Every scorecard of the quarter was generated: all of them became visible together.</summary>
    Issued = 1,

    /// <summary>At least one unit failed after every retry: nothing of this issue is visible; the previous issue stays current.</summary>
    Failed = 2,
}

/// <summary>
/// A director's issuing of one quarter's scorecards (the company's and one per unit). Its scorecards are
/// published only together, when every unit is done, so a quarter is never half issued. Issuing the same
/// quarter again makes a new issue with the next <see cref="Number"/>; the older ones stay as versions.
/// </summary>
public class ScorecardIssue
{
    private ScorecardIssue() { RequestedByName = string.Empty; }

    public ScorecardIssue(Quarter quarter, int number, int? requestedByPersonId, string requestedByName, int unitCount, DateTime requestedAtUtc)
    {
        if (number < 1) throw new DomainException("scorecard.issue-number", "An issue number starts at 1.");
        QuarterKey = quarter.Key;
        Number = number;
        RequestedByPersonId = requestedByPersonId;
        RequestedByName = requestedByName;
        Total = unitCount;
        RequestedAtUtc = requestedAtUtc;
        Status = ScorecardIssueStatus.Running;
    }

    public int Id { get; private set; }
    public int QuarterKey { get; private set; }
    public Quarter Quarter => Quarter.FromKey(QuarterKey);

    /// <summary>1 for the first issue of a quarter, 2 when it was issued again, and so on.</summary>
    public int Number { get; private set; }

    public ScorecardIssueStatus Status { get; private set; }
    public int? RequestedByPersonId { get; private set; }
    public string RequestedByName { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }

    /// <summary>How many scorecards the issue makes (the company's included).</summary>
    public int Total { get; private set; }
}

public enum ScorecardIssueItemStatus
{
    Pending = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// One scorecard to generate for an issue: the company's (<see cref="OrgUnitId"/> null) or a unit's.
/// Workers on any instance claim an item with a lease; an expired lease (a crashed instance) makes it
/// claimable again. Job bookkeeping, not a business change: not audited.
/// </summary>
[NotAudited]
public class ScorecardIssueItem
{
    public const int ErrorMaxLength = 1000;

    private ScorecardIssueItem() { }

    public ScorecardIssueItem(int issueId, int? orgUnitId, int order)
    {
        IssueId = issueId;
        OrgUnitId = orgUnitId;
        Order = order;
        Status = ScorecardIssueItemStatus.Pending;
    }

    public int Id { get; private set; }
    public int IssueId { get; private set; }
    public int? OrgUnitId { get; private set; }

    /// <summary>Generation order: the company first, then the units as the tree lists them.</summary>
    public int Order { get; private set; }

    public ScorecardIssueItemStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }
    public string? LastError { get; private set; }
}
