using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// Every scale-out scenario is in this one collection: they run one after the other (each starts two portals, nginx
/// and PostgreSQL on a 2-core machine). The run's shared PostgreSQL server is stopped when the collection ends, and
/// when the process exits (its own watcher covers a killed run).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutRun>
{
    public const string Name = "ScaleOut";
}

public sealed class ScaleOutRun : IDisposable
{
    public ScaleOutRun() => AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresServer.StopShared();

    public void Dispose() => PostgresServer.StopShared();
}
