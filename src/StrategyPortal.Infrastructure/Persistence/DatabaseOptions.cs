namespace StrategyPortal.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The <c>Database</c> section of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL: required. For SQLite: optional; by default the file is <c>{DataFolder}/strategyportal.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file (and other local data). Relative paths are taken from the app's content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Apply pending migrations when the app starts. Switch off when several instances start together and run the <c>migrate</c> command instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
