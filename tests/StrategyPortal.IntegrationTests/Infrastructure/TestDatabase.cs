using Microsoft.Data.Sqlite;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// An empty database of its own for one factory or test: a SQLite file in a temporary folder, or a
/// freshly created database on the run's PostgreSQL server. Disposing removes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _server;

    private TestDatabase(DatabaseProvider provider, string connectionString, string folder, PostgresServer? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _server = server;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>A temporary folder for the app's local data (the SQLite file lives here too), so nothing lands in the source tree.</summary>
    public string Folder { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "strategyportal-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(folder, "portal.db");
                return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString, folder, null);
            case DatabaseProvider.PostgreSql:
                var server = await PostgresServer.GetAsync();
                return new TestDatabase(provider, await server.CreateDatabaseAsync("sp_test"), folder, server);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DropDatabaseAsync(ConnectionString);
        else SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still open by a late background task: the temp folder is cleaned by the OS */ }
    }
}
