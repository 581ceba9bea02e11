using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// One portal process as production runs it: the published build (<c>dotnet StrategyPortal.Web.dll</c>), environment
/// Production, settings from environment variables, listening on plain http on a loopback port, its console log in a
/// file. It leads a process group of its own, so it can be killed outright (SIGKILL) like a crashed machine, and a
/// watcher kills it should the test process die first.
/// </summary>
public sealed class PortalInstance : IAsyncDisposable
{
    private readonly string _published;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    public PortalInstance(string name, string folder, string published, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _published = published;
        _settings = settings;
        Port = FreePort();
        Directory.CreateDirectory(folder);
        LogPath = Path.Combine(folder, $"portal-{name}.log");
    }

    public string Name { get; }
    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public Uri Url => new($"http://{Address}");
    public string LogPath { get; }

    /// <summary>The running process's id (also its process group).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"Portal {Name} is not running.");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the process and waits until it serves (<c>/health/live</c>), at most <paramref name="timeout"/>.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning) throw new InvalidOperationException($"Portal {Name} already runs.");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = _published,
        };
        // setsid: a process group of its own (the shell is replaced, so the id stays the portal's).
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$0\" \"$@\" >>\"$PORTAL_LOG\" 2>&1");
        start.ArgumentList.Add(PublishedPortal.DotnetHost());
        start.ArgumentList.Add(Path.Combine(_published, "StrategyPortal.Web.dll"));
        foreach (var name in start.Environment.Keys.Where(Inherited).ToList()) start.Environment.Remove(name);
        start.Environment["PORTAL_LOG"] = LogPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = Url.ToString().TrimEnd('/');
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        await File.AppendAllTextAsync(LogPath, $"==== {DateTime.UtcNow:O} starting portal {Name} on {Address}\n");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start portal {Name}.");
        ProcessReaper.Watch(_process.Id);
        await WaitUntilServingAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    /// <summary>SIGKILL, as a crash or a pulled plug: no shutdown code runs. Returns when the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        Signals.ToGroup(_process.Id, Signals.Kill);
        await File.AppendAllTextAsync(LogPath, $"==== {DateTime.UtcNow:O} portal {Name} killed (SIGKILL)\n");
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Freezes the process (SIGSTOP) without ending it; <see cref="Resume"/> lets it run on.</summary>
    public void Freeze() => Signals.ToGroup(ProcessId, Signals.Stop);

    public void Resume() => Signals.ToGroup(ProcessId, Signals.Continue);

    /// <summary>An orderly stop (SIGTERM, as a service manager sends); killed when it takes longer than 30 seconds.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Signals.ToGroup(_process.Id, Signals.Continue);
        Signals.ToGroup(_process.Id, Signals.Terminate);
        try
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    /// <summary>The last lines of the console log, for a failure message.</summary>
    public string LogTail(int lines = 40)
    {
        if (!File.Exists(LogPath)) return "(no log)";
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return $"--- {LogPath} (last {lines} lines) ---\n" + string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process!.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Portal {Name} did not exit within {timeout.TotalSeconds:0} s.");
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"Portal {Name} exited with code {_process.ExitCode} while starting.\n{LogTail()}");
            try
            {
                using var response = await client.GetAsync(new Uri(Url, "/health/live"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"Portal {Name} did not serve within {timeout.TotalSeconds:0} s.\n{LogTail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>Settings of the test process that must not leak into the portal's (a test host's, an outer portal's).</summary>
    private static bool Inherited(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_STARTUP_HOOKS", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.Contains("__", StringComparison.Ordinal);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
