using StrategyPortal.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("StrategyPortal.IntegrationTests.Infrastructure.PortalTestFramework", "StrategyPortal.IntegrationTests")]

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// xUnit's own framework plus one assembly-level clean-up: the PostgreSQL server of the run is
/// stopped and its folder removed when the run ends (and, should the runner skip that, when the
/// process exits).
/// </summary>
public sealed class PortalTestFramework : XunitTestFramework
{
    public PortalTestFramework(IMessageSink messageSink) : base(messageSink)
    {
        DisposalTracker.Add(new StopPostgres());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PostgresServer.StopShared();
    }

    private sealed class StopPostgres : IDisposable
    {
        public void Dispose() => PostgresServer.StopShared();
    }
}
