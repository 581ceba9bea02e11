using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Promises;

namespace StrategyPortal.Application.Tests.Notifications;

public class MailLayoutTests
{
    private static string Text(string key) => key switch
    {
        "Footer.Unsubscribe" => "Stop e-mails like this",
        "Footer.Settings" => "Choose which e-mails you receive",
        "Footer.Personal" => "Personal link",
        "Footer.Automatic" => "Automatic",
        "Footer.Company" => "{0} · StrategyPortal",
        _ => key,
    };

    private static readonly MailBody Body = new("Signal <urgent>", "Hello Joris,",
        [new ParagraphBlock("A & B said:"), new QuoteBlock("line one\nline <two>"), new FactBlock("Promise", "Same-day delivery"),
         new ListBlock([new MailListItem("Scorecard", "https://portal/scorecards/files/3"), new MailListItem("plain")])],
        new MailAction("Open", "https://portal/signals?a=1&b=2"), ["A note"], "You manage Marketing.");

    [Fact]
    public void Every_text_is_encoded_in_the_HTML_and_the_document_names_its_language()
    {
        var html = MailLayout.Html(Body, new MailFooter("Noordlicht", "why", "https://portal/mail/unsubscribe/t", "https://portal/account/notices", false), "en", Text);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Signal &lt;urgent&gt;", html);
        Assert.Contains("A &amp; B said:", html);
        Assert.Contains("line &lt;two&gt;", html);
        Assert.Contains("href=\"https://portal/signals?a=1&amp;b=2\"", html);
        Assert.DoesNotContain("<urgent>", html);
        Assert.Contains("href=\"https://portal/mail/unsubscribe/t\"", html);
    }

    [Fact]
    public void The_plain_text_writes_links_out_and_quotes_with_a_marker()
    {
        var text = MailLayout.Text(Body, new MailFooter("Noordlicht", "why", "https://portal/mail/unsubscribe/t", "https://portal/account/notices", false), Text);
        Assert.StartsWith("Hello Joris,\n\nA & B said:\n\n> line one\n> line <two>\n\n", text);
        Assert.Contains("- Scorecard <https://portal/scorecards/files/3>\n- plain\n", text);
        Assert.Contains("Open:\nhttps://portal/signals?a=1&b=2\n", text);
        Assert.Contains("You manage Marketing.\n", text);
        Assert.Contains("Noordlicht · StrategyPortal", text);
        Assert.Contains("Stop e-mails like this: https://portal/mail/unsubscribe/t", text);
    }

    [Fact]
    public void A_personal_invitation_says_so_and_has_no_unsubscribe_line()
    {
        var footer = new MailFooter("Noordlicht", "why", null, "https://portal/account/notices", Personal: true);
        var text = MailLayout.Text(Body, footer, Text);
        var html = MailLayout.Html(Body, footer, "nl", Text);
        Assert.DoesNotContain("Stop e-mails like this", text);
        Assert.DoesNotContain("Stop e-mails like this", html);
        Assert.Contains("Personal link", text);
        Assert.Contains("Personal link", html);
    }

    [Fact]
    public void Payloads_round_trip_as_the_kind_they_belong_to()
    {
        NoticePayload payload = new PromiseUnbackedNotice(4, "Same-day delivery", new DateOnly(2026, 10, 1), 20264,
            [new PromiseReason(PromiseReason.CapabilityMissing, ["Webcare"])], "Webcare");
        var back = Assert.IsType<PromiseUnbackedNotice>(NoticePayload.Deserialize(NoticeKind.PromiseUnbacked, payload.Serialize()));
        Assert.Equal("Same-day delivery", back.Claim);
        Assert.Equal(PromiseReason.CapabilityMissing, Assert.Single(back.Reasons).Code);
        Assert.Equal(["Webcare"], back.Reasons[0].Args);
        Assert.All(Enum.GetValues<NoticeKind>(), kind => Assert.True(typeof(NoticePayload).IsAssignableFrom(NoticePayload.TypeOf(kind))));
    }

    [Fact]
    public void An_action_reminder_keeps_its_cause_in_both_languages()
    {
        NoticePayload payload = new ActionReminderNotice(12, "Bezetting avonden", "Klantenservice", new DateOnly(2027, 1, 14),
            Domain.Actions.ActionStatus.InProgress, new Dictionary<string, string> { ["nl"] = "Norm: Bereikbaarheid", ["en"] = "Standard: Reachability" });
        var back = Assert.IsType<ActionReminderNotice>(NoticePayload.Deserialize(NoticeKind.ActionOverdue, payload.Serialize()));
        Assert.Equal((12, new DateOnly(2027, 1, 14), Domain.Actions.ActionStatus.InProgress), (back.ActionId, back.DueOn, back.Status));
        Assert.Equal("Standard: Reachability", back.Cause["en"]);
        Assert.Equal("Norm: Bereikbaarheid", back.Cause["nl"]);
    }
}
