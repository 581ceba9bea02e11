using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Notifications;

/// <summary>Who a message goes to and the setting it is written in (its culture is the current one while a template runs).</summary>
public sealed record NoticeRecipient(int PersonId, string Name, string Email, string Language, string CompanyName);

/// <summary>A template's result: the body and what to attach.</summary>
public sealed record NoticeDraft(MailBody Body, IReadOnlyList<MailAttachment> Attachments);

/// <summary>
/// The e-mail templates, one per <see cref="NoticeKind"/>: each turns a payload into a <see cref="MailBody"/> with texts
/// from MailText.resx in the current culture (the recipient's language). Links point at the portal (<see cref="MailOptions.PortalUrl"/>).
/// </summary>
public sealed class MailTemplates(IStringLocalizer<MailText> text, PromiseReasonText reasons, MailOptions options, INoticeLinks links,
    ScorecardAttachments attachments, IPortalDbFactory dbFactory, TimeProvider clock)
{
    private string T(string key) => text[key];
    private string T(string key, params object[] args) => text[key, args];
    private static CultureInfo Culture => CultureInfo.CurrentCulture;
    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);
    private static string Date(DateTime utc) => utc.ToString("d MMMM yyyy", Culture);
    private static string QuarterName(int key) => Quarter.FromKey(key).ToString();

    public string KindName(NoticeKind kind) => T($"Kind.{kind}");

    /// <summary>The draft of a message; null when there is nothing to send any more (an invitation already used).</summary>
    public async Task<NoticeDraft?> DraftAsync(NoticeKind kind, NoticePayload payload, NoticeRecipient to, CancellationToken cancellationToken)
    {
        var greeting = T("Greeting", to.Name);
        switch (payload)
        {
            case AccountInvitationNotice invite:
            {
                if (await links.SetPasswordAsync(invite.PersonId, cancellationToken) is not { } link) return null;
                return Draft(new MailBody(T("Invite.Subject", to.CompanyName), greeting,
                    [new ParagraphBlock(T("Invite.Intro", invite.InvitedByName, to.CompanyName)), new ParagraphBlock(T("Invite.SignInWith", to.Email))],
                    new MailAction(T("Invite.Action"), link.Url), [T("Invite.Valid", Date(link.ValidUntilUtc))], T("Invite.Why", to.CompanyName)));
            }
            case SignalForwardedNotice s:
            {
                var kindWord = T($"Signal.{s.SignalKind}");
                var blocks = new List<MailBlock>
                {
                    new ParagraphBlock(T("SignalForwarded.Intro", s.ForwardedByName, s.UnitName, kindWord, s.Count, Date(s.Date))),
                    new QuoteBlock(s.Text),
                };
                if (s.PromiseClaim is { Length: > 0 } claim) blocks.Add(new FactBlock(T("SignalForwarded.Promise"), claim));
                return Draft(new MailBody(T("SignalForwarded.Subject", s.UnitName, kindWord), greeting, blocks,
                    new MailAction(T("SignalForwarded.Action"), options.Link("/signals")), [], T("SignalForwarded.Why", s.MarketingUnits)));
            }
            case SignalAcknowledgedNotice s:
            {
                var kindWord = T($"Signal.{s.SignalKind}");
                return Draft(new MailBody(T("SignalAcknowledged.Subject", kindWord, s.UnitName), greeting,
                    [new ParagraphBlock(T("SignalAcknowledged.Intro", s.AcknowledgedByName, kindWord, s.UnitName, Date(s.Date))), new QuoteBlock(s.Text)],
                    new MailAction(T("SignalAcknowledged.Action"), options.Link("/signals")), [], T($"SignalAcknowledged.Why.{s.Role}")));
            }
            case PromiseUnbackedNotice p:
            {
                var today = clock.Today();
                var intro = p.LiveFrom <= today
                    ? T("PromiseUnbacked.Intro.Live", p.Claim, Date(p.LiveFrom), QuarterName(p.QuarterKey))
                    : T("PromiseUnbacked.Intro.Upcoming", p.Claim, Date(p.LiveFrom));
                var blocks = new List<MailBlock> { new ParagraphBlock(intro) };
                if (p.Reasons.Count > 0) blocks.Add(new ListBlock(reasons.Of(p.Reasons).Select(r => new MailListItem(r)).ToList()));
                return Draft(new MailBody(T("PromiseUnbacked.Subject", p.Claim), greeting, blocks,
                    new MailAction(T("PromiseUnbacked.Action"), options.Link($"/promises/{p.PromiseId}")), [],
                    p.ConcernedUnit is { } unit ? T("PromiseUnbacked.Why.Unit", unit) : T("PromiseUnbacked.Why.Owner")));
            }
            case StandardRedNotice s:
            {
                var quarter = QuarterName(s.QuarterKey);
                var offTarget = Terms.InSentence(RagStatus.Red);
                return Draft(new MailBody(T("StandardRed.Subject", quarter, s.Title, offTarget), greeting,
                    [new ParagraphBlock(T("StandardRed.Intro", quarter, s.Title, s.UnitName,
                        ScorecardFormat.Metric(s.Actual, s.Unit, Culture), ScorecardFormat.Metric(s.Target, s.Unit, Culture), offTarget))],
                    new MailAction(T("StandardRed.Action"), options.Link($"/standards/{s.StandardId}")), [], T("StandardRed.Why", s.UnitName)));
            }
            case ScorecardsIssuedNotice s:
            {
                var quarter = QuarterName(s.QuarterKey);
                var files = await attachments.ForAsync(s.IssueId, s.Scorecards.Select(c => c.UnitId).ToList(), to.Language, options.AttachScorecards, cancellationToken);
                var items = s.Scorecards.Select(c =>
                {
                    var name = c.UnitId is null ? T("Scorecards.Company", c.UnitName) : c.UnitName;
                    return new MailListItem(name, files.FirstOrDefault(f => f.UnitId == c.UnitId) is { } file ? options.Link($"/scorecards/files/{file.ScorecardId}") : null);
                }).ToList();
                var notes = new List<string>();
                var attached = new List<MailAttachment>();
                if (options.AttachScorecards && files.Count > 0)
                {
                    var small = files.Where(f => f.Pdf.Length <= options.AttachmentMaxBytes).ToList();
                    var large = files.Except(small).ToList();
                    attached.AddRange(small.Select(f => new MailAttachment(f.FileName, "application/pdf", f.Pdf)));
                    if (small.Count > 0) notes.Add(T("Scorecards.Attached"));
                    if (large.Count > 0)
                        notes.Add(T("Scorecards.TooLarge", ScorecardFormat.Count(options.AttachmentMaxBytes / 1024, Culture) + " KB", string.Join(", ", large.Select(f => f.FileName))));
                }
                var intro = s.IssueNumber > 1 ? T("Scorecards.IntroAgain", s.IssuedByName, quarter, s.IssueNumber) : T("Scorecards.Intro", s.IssuedByName, quarter);
                var why = s.Role == "director" ? T("Scorecards.Why.director", to.CompanyName)
                    : T("Scorecards.Why.manager", string.Join(", ", s.Scorecards.Select(c => c.UnitName)));
                return new NoticeDraft(new MailBody(T("Scorecards.Subject", quarter), greeting, [new ParagraphBlock(intro), new ListBlock(items)],
                    new MailAction(T("Scorecards.Action"), options.Link("/scorecards")), notes, why), attached);
            }
            case PulseNotice p when kind == NoticeKind.PulseInvitation:
            {
                var link = await links.PulseAnswerAsync(p.RoundId, to.PersonId, cancellationToken);
                if (link is null) return null;
                return Draft(new MailBody(T("Pulse.Subject", p.Title), greeting,
                    [new ParagraphBlock(T("Pulse.Intro", to.CompanyName, p.Title, Date(p.ClosesOn))), new ParagraphBlock(T("Pulse.Anonymous"))],
                    new MailAction(T("Pulse.Action"), link), [T("Pulse.Valid", Date(p.ClosesOn))], T("Pulse.Why", to.CompanyName)));
            }
            case PulseNotice p:
            {
                var link = await links.PulseAnswerAsync(p.RoundId, to.PersonId, cancellationToken);
                if (link is null) return null;
                return Draft(new MailBody(T("Reminder.Subject", p.Title, Date(p.ClosesOn)), greeting,
                    [new ParagraphBlock(T("Reminder.Intro", p.Title, Date(p.ClosesOn))), new ParagraphBlock(T("Pulse.Anonymous"))],
                    new MailAction(T("Pulse.Action"), link), [T("Pulse.Valid", Date(p.ClosesOn))], T("Reminder.Why")));
            }
            case ActionReminderNotice a:
            {
                if (!await StillDueAsync(a, to.PersonId, cancellationToken)) return null;
                var prefix = kind == NoticeKind.ActionOverdue ? "ActionOverdue" : "ActionDueSoon";
                var due = a.DueOn.ToString("dddd d MMMM yyyy", Culture);
                var blocks = new List<MailBlock>
                {
                    new ParagraphBlock(T($"{prefix}.Intro", a.Title, due)),
                    new FactBlock(T("ActionReminder.Unit"), a.UnitName),
                    new FactBlock(T("ActionReminder.Status"), Localization.Terms.Of(a.Status, Culture)),
                };
                if (a.Cause.TryGetValue(to.Language, out var cause) || a.Cause.TryGetValue("nl", out cause)) blocks.Add(new FactBlock(T("ActionReminder.Cause"), cause));
                blocks.Add(new ParagraphBlock(T($"{prefix}.Next")));
                var subject = kind == NoticeKind.ActionOverdue ? T("ActionOverdue.Subject", a.Title) : T("ActionDueSoon.Subject", Date(a.DueOn), a.Title);
                return Draft(new MailBody(subject, greeting, blocks, new MailAction(T("ActionReminder.Action"), options.Link($"/actions/{a.ActionId}")), [],
                    T("ActionReminder.Why")));
            }
            default:
                throw new InvalidOperationException($"No template for a {kind} notice.");
        }
    }

    private static NoticeDraft Draft(MailBody body) => new(body, []);

    /// <summary>
    /// Whether a queued action reminder still holds when it goes out: the action open, its owner and due date as they were.
    /// Closed, handed on or moved in between, it has nothing to say (a new owner or date gets a reminder of its own).
    /// </summary>
    private async Task<bool> StillDueAsync(ActionReminderNotice reminder, int ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = await db.ImprovementActions.AsNoTracking().Where(x => x.Id == reminder.ActionId)
            .Select(x => new { x.Status, x.OwnerPersonId, x.DueOn }).FirstOrDefaultAsync(cancellationToken);
        return now is not null && now.Status.IsOpen() && now.OwnerPersonId == ownerId && now.DueOn == reminder.DueOn;
    }
}

/// <summary>The issued scorecard PDFs a scorecards-issued e-mail links to (and, when asked, attaches).</summary>
public sealed class ScorecardAttachments(IPortalDbFactory dbFactory)
{
    public async Task<IReadOnlyList<ScorecardAttachment>> ForAsync(int issueId, IReadOnlyList<int?> unitIds, string language, bool withContent,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var scorecards = (await db.IssuedScorecards.AsNoTracking().Where(s => s.IssueId == issueId && s.Language == language).ToListAsync(cancellationToken))
            .Where(s => unitIds.Contains(s.OrgUnitId)).ToList();
        var result = new List<ScorecardAttachment>();
        foreach (var s in scorecards)
        {
            var pdf = withContent
                ? await db.IssuedScorecardContents.AsNoTracking().Where(c => c.IssuedScorecardId == s.Id).Select(c => c.Pdf).FirstAsync(cancellationToken)
                : [];
            result.Add(new ScorecardAttachment(s.Id, s.OrgUnitId, ScorecardService.FileName(s.Quarter, s.UnitName, s.Language, s.IssueNumber), pdf));
        }
        return result;
    }
}

public sealed record ScorecardAttachment(int ScorecardId, int? UnitId, string FileName, byte[] Pdf);
