using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1 in the test process: it keeps every message it accepted,
/// parsed with MimeKit, refuses the addresses in <see cref="Refused"/> with 550, and can be stopped and started on the
/// same port to play "the mail server is down". Shared by the integration tests, the browser journeys and the benchmark.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public LocalSmtpServer(int? port = null, bool keepMessages = true)
    {
        Port = port ?? FreePort();
        KeepMessages = keepMessages;
    }

    public int Port { get; }

    /// <summary>False: only count (the benchmark hands over 10,000 messages and needs no copies).</summary>
    public bool KeepMessages { get; }

    /// <summary>Addresses answered "550 mailbox unavailable" at RCPT TO (case-insensitive).</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<MimeMessage> Received => _received;

    /// <summary>How many messages were accepted (also when they are not kept).</summary>
    public int Count => Volatile.Read(ref _count);
    private int _count;

    /// <summary>The Message-Id of every accepted message, in arrival order (duplicates included).</summary>
    public ConcurrentQueue<string> MessageIds { get; } = new();

    public bool IsRunning => _server is not null;

    /// <summary>How long the server takes over each message before it answers (a slow mail server; none by default).</summary>
    public TimeSpan AcceptDelay { get; init; }

    /// <summary>Called with every accepted message's raw bytes before it counts (the benchmark reads the personal links from it).</summary>
    public Action<ReadOnlySequence<byte>>? OnMessage { get; set; }

    public LocalSmtpServer Start()
    {
        if (_server is not null) return this;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new NoDelayListeners());
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        return this;
    }

    /// <summary>Stops listening: new connections are refused until <see cref="Start"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null) return;
        _server.Shutdown();
        await _stop!.CancelAsync();
        try { await _running!.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (Exception) { /* the listener's cancellation */ }
        _server = null;
    }

    /// <summary>Waits (polling, up to <paramref name="timeout"/>) until <paramref name="count"/> accepted messages match.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = _received.Where(match).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Expected {count} matching messages, got {found.Count} of {_received.Count} received.");
            await Task.Delay(100);
        }
    }

    /// <summary>The messages to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(LocalSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.AcceptDelay > TimeSpan.Zero) await Task.Delay(owner.AcceptDelay, cancellationToken);
            owner.OnMessage?.Invoke(buffer);
            Interlocked.Increment(ref owner._count);
            if (owner.KeepMessages)
            {
                using var stream = new MemoryStream(buffer.ToArray());
                var message = MimeMessage.Load(stream, cancellationToken);
                owner.MessageIds.Enqueue(message.MessageId ?? string.Empty);
                owner._received.Enqueue(message);
            }
            else owner.MessageIds.Enqueue(MessageIdOf(buffer));
            return SmtpResponse.Ok;
        }
    }

    /// <summary>The Message-Id header without parsing the whole message (the benchmark's 10,000 need only that).</summary>
    private static string MessageIdOf(ReadOnlySequence<byte> buffer)
    {
        var head = System.Text.Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(buffer.Length, 8192)).ToArray());
        var at = head.IndexOf("\nMessage-Id: <", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return string.Empty;
        var start = at + "\nMessage-Id: <".Length;
        var end = head.IndexOf('>', start);
        return end < 0 ? string.Empty : head[start..end];
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off, as mail servers answer: with it on, a reply written in parts waits for
    /// the client's delayed ACK (40 ms on Linux) and this server, not the portal, sets the pace. No TLS (the tests use none).
    /// </summary>
    private sealed class NoDelayListeners : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : SmtpServer.Net.IEndpointListener
        {
            public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                socket.NoDelay = true;
                context.Properties[SmtpServer.Net.EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
                context.Properties[SmtpServer.Net.EndpointListener.RemoteEndPointKey] = socket.RemoteEndPoint!;
                return new Pipe(new NetworkStream(socket, ownsSocket: true));
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class Pipe(NetworkStream stream) : SmtpServer.IO.ISecurableDuplexPipe
        {
            public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(stream);
            public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(stream);
            public bool IsSecure => false;
            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
                System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The test SMTP server offers no TLS.");

            public void Dispose() => stream.Dispose();
        }
    }

    private sealed class Filter(LocalSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.Refused.ContainsKey(to.AsAddress()));
    }
}
