using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// nginx (the Debian package) in front of the portal instances, configured with <b>the sample of docs/operations.md</b>
/// (<see cref="SamplePath"/>): its @PLACEHOLDERS@ are filled with loopback ports, the test certificate and the
/// instances' addresses, and it is included into a minimal main configuration that only adds what a test needs
/// (files in the test folder, one worker, an access log saying which instance served which browser).
/// </summary>
public sealed partial class NginxBalancer : IAsyncDisposable
{
    public const string AffinityCookie = "strategyportal_node";
    private readonly string _folder;
    private Process? _process;

    private NginxBalancer(string folder, int httpsPort, int httpPort)
    {
        _folder = folder;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
    }

    public static string SamplePath => Repository.PathOf("docs/nginx/strategyportal.conf");

    public int HttpsPort { get; }
    public int HttpPort { get; }

    /// <summary>Where browsers go: https, the host name the certificate is for.</summary>
    public Uri Url => new($"https://localhost:{HttpsPort}");

    public string AccessLogPath => Path.Combine(_folder, "access.log");
    public string ErrorLogPath => Path.Combine(_folder, "error.log");

    public static string Binary { get; } =
        new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is not installed (Debian: apt-get install nginx); the repository's test command installs it.");

    public static async Task<NginxBalancer> StartAsync(string folder, IReadOnlyList<PortalInstance> instances, TestCertificate certificate)
    {
        Directory.CreateDirectory(folder);
        var balancer = new NginxBalancer(folder, PortalInstance.FreePort(), PortalInstance.FreePort());
        var values = new Dictionary<string, string>
        {
            ["SERVER_NAME"] = "localhost",
            ["HTTPS_LISTEN"] = $"127.0.0.1:{balancer.HttpsPort}",
            ["HTTP_LISTEN"] = $"127.0.0.1:{balancer.HttpPort}",
            ["CERTIFICATE"] = certificate.CertificatePath,
            ["CERTIFICATE_KEY"] = certificate.KeyPath,
        };
        for (var i = 0; i < instances.Count; i++) values[$"INSTANCE_{i + 1}"] = instances[i].Address;
        await File.WriteAllTextAsync(Path.Combine(folder, "strategyportal.conf"), Render(await File.ReadAllTextAsync(SamplePath), values));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), MainConfiguration(folder));
        await balancer.StartAsync();
        return balancer;
    }

    /// <summary>The sample with every placeholder filled; a placeholder the test does not know, or a value the sample lacks, fails.</summary>
    public static string Render(string sample, IReadOnlyDictionary<string, string> values)
    {
        var unknown = Placeholder().Matches(sample).Select(m => m.Groups[1].Value).Where(name => !values.ContainsKey(name)).Distinct().ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"The nginx sample has placeholders the tests do not fill: {string.Join(", ", unknown)}.");
        var unused = values.Keys.Where(name => !sample.Contains($"@{name}@", StringComparison.Ordinal)).ToList();
        if (unused.Count > 0) throw new InvalidOperationException($"The nginx sample lacks the placeholders {string.Join(", ", unused)}.");
        return Placeholder().Replace(sample, m => values[m.Groups[1].Value]);
    }

    private static string MainConfiguration(string folder) => $$"""
        # Written by the scale-out tests around docs/nginx/strategyportal.conf (included below as it is).
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log info;
        events { worker_connections 2048; }
        http {
            client_body_temp_path {{folder}}/body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            include {{folder}}/strategyportal.conf;
            log_format scaleout '$msec $strategyportal_node "$upstream_addr" $status $request_method $uri';
            access_log {{folder}}/access.log scaleout;
        }
        """;

    private async Task StartAsync()
    {
        var configuration = Path.Combine(_folder, "nginx.conf");
        var check = Run(["-t", "-p", _folder, "-c", configuration]);
        if (check.ExitCode != 0) throw new InvalidOperationException($"nginx refused the configuration:\n{check.Output}");

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _folder };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$0\" \"$@\" >>\"$NGINX_LOG\" 2>&1");
        start.ArgumentList.Add(Binary);
        foreach (var argument in (string[])["-p", _folder, "-c", configuration, "-g", "daemon off;"]) start.ArgumentList.Add(argument);
        start.Environment["NGINX_LOG"] = Path.Combine(_folder, "nginx.out");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        ProcessReaper.Watch(_process.Id);

        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{ErrorLog()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", HttpsPort);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The access log's lines so far: which instance (<c>upstream</c>) served which browser (its affinity id).</summary>
    public IReadOnlyList<AccessLine> AccessLog()
    {
        if (!File.Exists(AccessLogPath)) return [];
        using var stream = new FileStream(AccessLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<AccessLine>();
        while (reader.ReadLine() is { } line)
        {
            var match = AccessPattern().Match(line);
            if (match.Success)
                lines.Add(new AccessLine(match.Groups["node"].Value, match.Groups["upstream"].Value, int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    match.Groups["method"].Value, match.Groups["uri"].Value));
        }
        return lines;
    }

    public string ErrorLog() => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "(no error log)";

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            Signals.ToGroup(_process.Id, Signals.Terminate);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { Signals.ToGroup(_process.Id, Signals.Kill); }
        }
        _process.Dispose();
        _process = null;
    }

    private static (int ExitCode, string Output) Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run nginx.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromSeconds(30));
        return (process.ExitCode, output.Result + errors.Result);
    }

    [GeneratedRegex("@([A-Z0-9_]+)@")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""^\S+ (?<node>\S*) "(?<upstream>[^"]*)" (?<status>\d+) (?<method>\S+) (?<uri>\S+)$""")]
    private static partial Regex AccessPattern();
}

/// <summary>One request as nginx logged it: the browser's affinity id, the instance(s) tried, the status.</summary>
public sealed record AccessLine(string Node, string Upstream, int Status, string Method, string Uri)
{
    /// <summary>The instance that answered (the last one tried).</summary>
    public string AnsweredBy => Upstream.Split(", ").Last().Trim();
}
