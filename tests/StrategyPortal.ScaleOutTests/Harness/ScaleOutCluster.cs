using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// Two portal instances (published build, Production) on one PostgreSQL database behind nginx with the sample
/// configuration of docs/operations.md, TLS ending at nginx with a certificate made for the test. Everything listens on
/// loopback ports; <see cref="DisposeAsync"/> stops every process and drops the database, a watcher does so when the
/// test process dies first.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly List<IAsyncDisposable> _owned = [];

    private ScaleOutCluster(string folder, PostgresServer server, string connectionString, PortalServices services)
    {
        Folder = folder;
        _server = server;
        ConnectionString = connectionString;
        Services = services;
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public PortalServices Services { get; }
    public IReadOnlyList<PortalInstance> Instances { get; private set; } = [];
    public NginxBalancer Balancer { get; private set; } = null!;
    public TestCertificate Certificate { get; private set; } = null!;
    public PostgresServer Server => _server;

    /// <summary>
    /// Creates the database on <paramref name="server"/>, migrates it (the release step), lets <paramref name="seed"/>
    /// fill it, then starts two instances and nginx. <paramref name="settings"/> add to or override the instances'
    /// settings (<see cref="InstanceSettings"/>).
    /// </summary>
    public static async Task<ScaleOutCluster> StartAsync(string scenario, PostgresServer server, Func<PortalServices, Task> seed,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Artifacts.FolderFor(scenario);
        var connectionString = await server.CreateDatabaseAsync("sp_scaleout");
        var services = new PortalServices(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = connectionString,
        });
        var cluster = new ScaleOutCluster(folder, server, connectionString, services);
        try
        {
            await services.MigrateAsync();
            await seed(services);
            var published = await PublishedPortal.GetAsync();
            var instances = new List<PortalInstance>();
            foreach (var name in (string[])["a", "b"])
            {
                var instance = new PortalInstance(name, folder, published, InstanceSettings(connectionString, name, settings));
                cluster._owned.Add(instance);
                instances.Add(instance);
            }
            cluster.Instances = instances;
            // One after the other: the first creates the Data Protection key the second then reads.
            foreach (var instance in instances) await instance.StartAsync();
            cluster.Certificate = TestCertificate.Create(Path.Combine(folder, "tls"));
            cluster.Balancer = await NginxBalancer.StartAsync(Path.Combine(folder, "nginx"), instances, cluster.Certificate);
            cluster._owned.Add(cluster.Balancer);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What every instance is given: production settings as docs/operations.md describes them for scale-out (the
    /// database, migrations as a release step, forwarded headers from the balancer on loopback, the company's time zone),
    /// plus what a test needs: limits per client address raised (every simulated browser comes from 127.0.0.1, as an
    /// office behind one NAT address would) and the scorecard worker looking for work every second.
    /// </summary>
    public static Dictionary<string, string> InstanceSettings(string connectionString, string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = $"{connectionString};Application Name=portal-{name}",
            ["Database:MigrateOnStartup"] = "false",
            ["Portal:DemoData"] = "false",
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:PulseAnswersPerMinute"] = "100000",
            ["RateLimits:LinkAnswersPerAddressPerMinute"] = "100000",
            ["RateLimits:ApiPerMinute"] = "100000",
            ["Scorecards:PollSeconds"] = "1",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
            ["TZ"] = "Europe/Amsterdam",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public PortalInstance Instance(string address) => Instances.Single(i => i.Address == address);

    /// <summary>Every instance's log tail and nginx's error log, for a failure message.</summary>
    public string Diagnostics() =>
        string.Join("\n", Instances.Select(i => i.LogTail())) + "\n--- nginx error log ---\n" + (Balancer?.ErrorLog() ?? "");

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException) { /* keep stopping the rest */ }
        }
        await Services.DisposeAsync();
        Certificate?.Dispose();
        try { await _server.DropDatabaseAsync(ConnectionString); }
        catch (Npgsql.NpgsqlException) { /* a dedicated server already gone */ }
    }
}
