using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the whole test run: <c>initdb</c> in a temporary folder and
/// <c>pg_ctl start</c> on a free port on 127.0.0.1, started on first use and stopped when the run
/// ends (<see cref="PortalTestFramework"/>). Each factory gets its own database through
/// <see cref="CreateDatabaseAsync"/>. With <c>STRATEGYPORTAL_TEST_PG</c> set to a connection string,
/// that server is used instead and nothing is started. A test that stops and starts the server under
/// load takes one of its own (<see cref="StartDedicatedAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "STRATEGYPORTAL_TEST_PG";
    private const string FolderPrefix = "strategyportal-pg-";
    private const string OwnerFile = "owner.pid";
    private const string SystemUser = "postgres";

    private static readonly Lock Gate = new();
    private static Task<PostgresServer>? _shared;

    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly string? _startOptions;

    private PostgresServer(string adminConnectionString, string? folder, string? binaries, string? startOptions = null)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
        _startOptions = startOptions;
    }

    /// <summary>Connects to the server's maintenance database; used to create and drop test databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The one server of this test run, started on first use.</summary>
    public static Task<PostgresServer> GetAsync()
    {
        lock (Gate)
        {
            // A failed start stays failed: every PostgreSQL class then fails with the same message, without trying again.
            return _shared ??= Task.Run(StartAsync);
        }
    }

    /// <summary>
    /// Stops the server this run started and removes its folder (no-op for an external server or when
    /// none was started). Holds the lock while it stops, so a second caller (the process-exit hook)
    /// waits for the first. Should the runner end the process half-way, the watcher of
    /// <see cref="StartReaper"/> finishes the job.
    /// </summary>
    public static void StopShared()
    {
        lock (Gate)
        {
            var shared = _shared;
            _shared = null;
            if (shared is { IsCompletedSuccessfully: true }) shared.Result.Stop();
        }
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Drops a test database (matters on an external server; a temporary one goes as a whole).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var probe = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(probe);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A server of this test alone (never an external one), which it may stop and start again
    /// (<see cref="StopServer"/>, <see cref="StartServerAsync"/>) on the same port. Disposing removes it; a
    /// detached watcher does so if the test process is killed.
    /// </summary>
    public static Task<PostgresServer> StartDedicatedAsync() => Task.Run(StartLocalAsync);

    /// <summary>Stops the server as an administrator would (<c>pg_ctl stop -m fast</c>: open sessions are ended); its data stays.</summary>
    public void StopServer()
    {
        var (folder, binaries) = Local();
        RunPostgres(binaries, "pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);
    }

    /// <summary>Starts a stopped dedicated server again on its port and waits until it accepts connections.</summary>
    public async Task StartServerAsync()
    {
        var (folder, binaries) = Local();
        RunPostgres(binaries, "pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", _startOptions!, "start"]);
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops and removes a dedicated server (the shared one is stopped by <see cref="StopShared"/>).</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private (string Folder, string Binaries) Local() =>
        _folder is not null && _binaries is not null && _startOptions is not null
            ? (_folder, _binaries)
            : throw new InvalidOperationException("Only a server these tests started can be stopped and started.");

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, null, null);
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
            return server;
        }
        return await StartLocalAsync();
    }

    private static async Task<PostgresServer> StartLocalAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: looked in `pg_config --bindir`, /usr/lib/postgresql/*/bin and PATH. " +
            "The integration tests run every suite on a real PostgreSQL server and never skip it. Install it (apt-get install postgresql) " +
            $"or point {ExternalServerVariable} at a running server, e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres'.");
        RemoveLeftovers(binaries);

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                return await StartInAsync(folder, binaries);
            }
            catch (Exception e) when (attempt < 2)
            {
                // Most likely the free port was taken between probing and binding: try again on another one.
                last = e;
                TryDelete(folder, binaries);
            }
            catch
            {
                TryDelete(folder, binaries);
                throw;
            }
        }
        throw new InvalidOperationException("PostgreSQL did not start.", last);
    }

    private static async Task<PostgresServer> StartInAsync(string folder, string binaries)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (IsRoot)
        {
            // initdb and postgres refuse to run as root: the server runs as the postgres system user.
            Run("chown", ["-R", $"{SystemUser}:{SystemUser}", folder]);
        }
        var data = Path.Combine(folder, "data");
        RunPostgres(binaries, "initdb", ["-D", data, "-U", "portal", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);

        var port = FreePort();
        // fsync off and small buffers: a throw-away server for tests, not a durable one.
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -F -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB -c max_connections=200";
        RunPostgres(binaries, "pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start"]);

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "portal",
            Database = "postgres",
            Timeout = 15,
        }.ConnectionString;
        StartReaper(folder, data, binaries);
        var server = new PostgresServer(admin, folder, binaries, options);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>
    /// The test runner ends the test process soon after the last test, often before an orderly stop
    /// has finished, and a crashed or killed run never gets to it. So a detached shell watches this
    /// process and, once it is gone, stops the server and removes its folder. (The in-process stop
    /// usually gets there first; then this finds nothing left to do.)
    /// </summary>
    private static void StartReaper(string folder, string data, string binaries)
    {
        var pgCtl = Path.Combine(binaries, "pg_ctl");
        var stop = IsRoot ? $"runuser -u {SystemUser} -- '{pgCtl}'" : $"'{pgCtl}'";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                     $"{stop} -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{folder}'";
        // The outer shell backgrounds the watcher and exits at once: the watcher is nobody's child in the test process tree.
        Run("/bin/sh", ["-c", "nohup /bin/sh -c \"$0\" </dev/null >/dev/null 2>&1 &", script]);
    }

    private void Stop()
    {
        if (_folder is null || _binaries is null) return;
        NpgsqlConnection.ClearAllPools();
        TryDelete(_folder, _binaries);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Servers of earlier runs that were killed before they could stop theirs (their owner process is gone).</summary>
    private static void RemoveLeftovers(string binaries)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsRunning(owner)) continue;
            if (Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-1) && !File.Exists(ownerFile)) continue; // being created right now
            TryDelete(folder, binaries);
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder, string binaries)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try { RunPostgres(binaries, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]); }
            catch (InvalidOperationException) { /* already stopped */ }
        }
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* best effort: a leftover is removed by the next run */ }
        catch (UnauthorizedAccessException) { }
    }

    private static string? FindBinaries()
    {
        static bool HasServer(string? dir) => dir is not null && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        try
        {
            var bindir = Run("pg_config", ["--bindir"]).Trim();
            if (HasServer(bindir)) return bindir;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // no pg_config: look further
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => HasServer(d.Dir))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServer);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RunPostgres(string binaries, string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binaries, tool);
        return IsRoot ? Run("runuser", ["-u", SystemUser, "--", path, .. arguments]) : Run(path, arguments);
    }

    private static string Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Wait for the exit, not for the pipes to close: a server started in the background may hold them.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 90 seconds.");
        }
        var output = stdout.Wait(TimeSpan.FromSeconds(5)) ? stdout.Result : string.Empty;
        var errors = stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : string.Empty;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output}\n{errors}");
        return output;
    }
}
