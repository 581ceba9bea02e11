using System.Globalization;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Infrastructure.Notifications;

/// <summary>Where rendered messages go: an SMTP server (MailKit) or a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>Opens a connection for a batch; throws when the destination cannot be reached (every message of the batch waits).</summary>
    Task<IMailConnection> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailConnection : IAsyncDisposable
{
    /// <summary>
    /// Hands one message over. Throws <see cref="MailRefusedException"/> when the destination refused this message for good
    /// (an address it does not accept); any other exception means the connection failed and the message should be tried again.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    bool IsUsable { get; }
}

/// <summary>The destination refused one message for good (e.g. "550 no such user"): this message fails, the others go on.</summary>
public sealed class MailRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Builds the MIME message of a rendered outbox message.</summary>
public static class MailMessageFactory
{
    public static MimeMessage Create(OutboxMessage message, MailContent content, MailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(options.FromName) ? "StrategyPortal" : options.FromName, options.From));
        if (!MailboxAddress.TryParse(message.ToAddress, out var to))
            throw new MailRefusedException($"'{message.ToAddress}' is not an e-mail address.");
        to.Name = message.ToName;
        mime.To.Add(to);
        mime.Subject = content.Subject;
        mime.Date = DateTimeOffset.UtcNow;
        // Stable across tries, so a message that is sent twice (a worker stopped right after handing it over) is recognisable.
        mime.MessageId = $"outbox-{message.Id.ToString("D10", CultureInfo.InvariantCulture)}-{message.CreatedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}@{Domain(options.From)}";
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("X-StrategyPortal-Notice", message.Kind.ToString());
        if (content.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: one-click unsubscribe by an HTTPS POST with "List-Unsubscribe=One-Click".
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html };
        foreach (var attachment in content.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "strategyportal.local";
    }
}

/// <summary>SMTP through MailKit: one connection per batch (Nagle off), reopened when it breaks.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) throw new InvalidOperationException("No SMTP server is configured (Mail:Smtp:Host).");
        var client = new SmtpClient { Timeout = Math.Max(1, smtp.TimeoutSeconds) * 1000 };
        // Nagle's algorithm off: MailKit writes a message's body and its closing "." separately, and with Nagle on the second
        // write waits for the server's delayed ACK (40 ms on Linux) — every message, capping a connection at ~20 messages/s.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, smtp.TimeoutSeconds)));
                await socket.ConnectAsync(smtp.Host, smtp.Port, connectTimeout.Token);
            }
            await client.ConnectAsync(socket, smtp.Host, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public bool IsUsable => client.IsConnected;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                throw new MailRefusedException($"The SMTP server refused it: {(int)e.StatusCode} {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None);
            }
            catch (Exception)
            {
                // The connection is closed either way.
            }
            client.Dispose();
        }
    }
}

/// <summary>Writes each message as an .eml file (the default in Development): open it with any mail program or a text editor.</summary>
public sealed class FolderMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public Task<IMailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailConnection>(new Connection(Folder));
    }

    private sealed class Connection(string folder) : IMailConnection
    {
        public bool IsUsable => true;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var kind = message.Headers["X-StrategyPortal-Notice"] ?? "mail";
            var name = $"{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}-{kind}.eml";
            var path = Path.Combine(folder, name);
            var temporary = path + ".tmp";
            // Written whole, then moved in place: a reader never sees half a message, and a second try replaces the first.
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
