using System.Net;
using System.Text;

namespace StrategyPortal.Application.Notifications;

/// <summary>What one e-mail says, before it is laid out: the same content becomes the HTML and the plain-text body.</summary>
public sealed record MailBody(string Subject, string Greeting, IReadOnlyList<MailBlock> Blocks, MailAction? Action, IReadOnlyList<string> Notes, string Reason);

public abstract record MailBlock;

public sealed record ParagraphBlock(string Text) : MailBlock;

/// <summary>Words of someone else (a customer signal): shown as a quotation.</summary>
public sealed record QuoteBlock(string Text) : MailBlock;

public sealed record ListBlock(IReadOnlyList<MailListItem> Items) : MailBlock;

public sealed record FactBlock(string Label, string Value) : MailBlock;

public sealed record MailListItem(string Text, string? Url = null);

public sealed record MailAction(string Label, string Url);

/// <summary>The footer every e-mail carries: whose portal, why the reader gets it, and how to stop it (unless personal).</summary>
public sealed record MailFooter(string Company, string Reason, string? UnsubscribeUrl, string SettingsUrl, bool Personal);

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A rendered e-mail: subject, both bodies, the one-click unsubscribe address (RFC 8058; null for personal invitations) and attachments.</summary>
public sealed record MailContent(string Subject, string Html, string Text, string? UnsubscribeUrl, IReadOnlyList<MailAttachment> Attachments);

/// <summary>
/// Lays a <see cref="MailBody"/> out as HTML (one column of at most 600 px, inline styles, tables only for the layout,
/// as mail clients need; every text encoded) and as plain text (links written out).
/// </summary>
public static class MailLayout
{
    private const string Ink = "#1a2433";
    private const string Muted = "#4a5566";
    private const string Accent = "#1f4e8c";

    public static (string Html, string Text) Render(MailBody body, MailFooter footer, string language, Func<string, string> text) =>
        (Html(body, footer, language, text), Text(body, footer, text));

    private static string E(string value) => WebUtility.HtmlEncode(value);

    public static string Html(MailBody body, MailFooter footer, string language, Func<string, string> text)
    {
        var h = new StringBuilder(4096);
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light\">\n")
            .Append("<title>").Append(E(body.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#eef1f5;color:").Append(Ink).Append(";font-family:'DejaVu Sans',Segoe UI,Arial,sans-serif;font-size:16px;line-height:1.5;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#eef1f5;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;border-radius:8px;\">\n")
            .Append("<tr><td style=\"padding:20px 28px;border-bottom:3px solid ").Append(Accent).Append(";font-size:14px;color:").Append(Muted).Append(";\">")
            .Append("<strong style=\"color:").Append(Accent).Append(";font-size:16px;\">StrategyPortal</strong> · ").Append(E(footer.Company)).Append("</td></tr>\n")
            .Append("<tr><td style=\"padding:24px 28px 8px 28px;\">\n")
            .Append("<h1 style=\"margin:0 0 16px 0;font-size:20px;line-height:1.3;color:").Append(Ink).Append(";\">").Append(E(body.Subject)).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 12px 0;\">").Append(E(body.Greeting)).Append("</p>\n");
        foreach (var block in body.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    h.Append("<p style=\"margin:0 0 12px 0;\">").Append(E(p.Text)).Append("</p>\n");
                    break;
                case QuoteBlock q:
                    h.Append("<blockquote style=\"margin:0 0 12px 0;padding:8px 14px;border-left:4px solid #c5cedb;background:#f6f8fa;\">")
                        .Append(E(q.Text)).Append("</blockquote>\n");
                    break;
                case FactBlock f:
                    h.Append("<p style=\"margin:0 0 12px 0;\"><strong>").Append(E(f.Label)).Append(":</strong> ").Append(E(f.Value)).Append("</p>\n");
                    break;
                case ListBlock l:
                    h.Append("<ul style=\"margin:0 0 12px 0;padding-left:22px;\">\n");
                    foreach (var item in l.Items)
                    {
                        h.Append("<li style=\"margin:0 0 4px 0;\">");
                        if (item.Url is { } url) h.Append("<a href=\"").Append(E(url)).Append("\" style=\"color:").Append(Accent).Append(";\">").Append(E(item.Text)).Append("</a>");
                        else h.Append(E(item.Text));
                        h.Append("</li>\n");
                    }
                    h.Append("</ul>\n");
                    break;
            }
        }
        if (body.Action is { } action)
        {
            h.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:20px 0;\"><tr><td style=\"border-radius:6px;background:").Append(Accent).Append(";\">")
                .Append("<a href=\"").Append(E(action.Url)).Append("\" style=\"display:inline-block;padding:12px 22px;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;\">")
                .Append(E(action.Label)).Append("</a></td></tr></table>\n")
                .Append("<p style=\"margin:0 0 12px 0;font-size:13px;color:").Append(Muted).Append(";word-break:break-all;\">")
                .Append(E(action.Url)).Append("</p>\n");
        }
        foreach (var note in body.Notes)
            h.Append("<p style=\"margin:0 0 12px 0;font-size:14px;color:").Append(Muted).Append(";\">").Append(E(note)).Append("</p>\n");
        h.Append("</td></tr>\n<tr><td style=\"padding:16px 28px 24px 28px;border-top:1px solid #dde3ea;font-size:13px;color:").Append(Muted).Append(";\">\n")
            .Append("<p style=\"margin:0 0 8px 0;\">").Append(E(body.Reason)).Append("</p>\n");
        if (footer.Personal) h.Append("<p style=\"margin:0 0 8px 0;\">").Append(E(text("Footer.Personal"))).Append("</p>\n");
        h.Append("<p style=\"margin:0 0 8px 0;\">");
        if (footer.UnsubscribeUrl is { } unsubscribe)
            h.Append("<a href=\"").Append(E(unsubscribe)).Append("\" style=\"color:").Append(Muted).Append(";\">").Append(E(text("Footer.Unsubscribe"))).Append("</a> · ");
        h.Append("<a href=\"").Append(E(footer.SettingsUrl)).Append("\" style=\"color:").Append(Muted).Append(";\">").Append(E(text("Footer.Settings"))).Append("</a></p>\n")
            .Append("<p style=\"margin:0;\">").Append(E(text("Footer.Automatic"))).Append("</p>\n")
            .Append("</td></tr>\n</table>\n</td></tr></table>\n</body>\n</html>\n");
        return h.ToString();
    }

    public static string Text(MailBody body, MailFooter footer, Func<string, string> text)
    {
        var t = new StringBuilder(2048);
        t.Append(body.Greeting).Append("\n\n");
        foreach (var block in body.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p: t.Append(p.Text).Append("\n\n"); break;
                case QuoteBlock q:
                    foreach (var line in q.Text.Split('\n')) t.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
                    t.Append('\n');
                    break;
                case FactBlock f: t.Append(f.Label).Append(": ").Append(f.Value).Append("\n\n"); break;
                case ListBlock l:
                    foreach (var item in l.Items)
                    {
                        t.Append("- ").Append(item.Text);
                        if (item.Url is { } url) t.Append(" <").Append(url).Append('>');
                        t.Append('\n');
                    }
                    t.Append('\n');
                    break;
            }
        }
        if (body.Action is { } action) t.Append(action.Label).Append(":\n").Append(action.Url).Append("\n\n");
        foreach (var note in body.Notes) t.Append(note).Append("\n\n");
        t.Append("-- \n").Append(string.Format(System.Globalization.CultureInfo.CurrentCulture, text("Footer.Company"), footer.Company)).Append('\n')
            .Append(body.Reason).Append('\n');
        if (footer.Personal) t.Append(text("Footer.Personal")).Append('\n');
        if (footer.UnsubscribeUrl is { } unsubscribe) t.Append(text("Footer.Unsubscribe")).Append(": ").Append(unsubscribe).Append('\n');
        t.Append(text("Footer.Settings")).Append(": ").Append(footer.SettingsUrl).Append('\n')
            .Append(text("Footer.Automatic")).Append('\n');
        return t.ToString();
    }
}
