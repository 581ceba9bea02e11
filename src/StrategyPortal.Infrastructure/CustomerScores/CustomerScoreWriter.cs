using System.Data.Common;
using System.Globalization;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.CustomerScores;

/// <summary>
/// Writes imported rows fast and all-or-nothing. EF change tracking costs far too much per row for a
/// million rows, so this goes to ADO.NET: in one transaction, SQLite gets one prepared
/// INSERT … ON CONFLICT … DO UPDATE reused for every row; PostgreSQL gets a binary COPY into a
/// temporary table and one INSERT … SELECT … ON CONFLICT … DO UPDATE from it. The key
/// (unit, date, channel, source) replaces, never doubles. Before the commit the quarter summaries of
/// every touched quarter and unit are recomputed from the daily rows.
/// </summary>
public sealed class CustomerScoreWriter(IDbContextFactory<PortalDbContext> factory, ILogger<CustomerScoreWriter> logger) : ICustomerScoreWriter
{
    private const string Table = "\"CustomerScoreRecords\"";
    private const string SummaryTable = "\"CustomerScoreQuarters\"";

    public static IReadOnlyList<string> CountColumns => CustomerScoreRecord.CountColumns;

    private static readonly string[] ChannelNames = Enum.GetNames<ServiceChannel>();



    private static string Quoted(string column) => $"\"{column}\"";

    private static readonly string InsertColumns = string.Join(", ", new[] { "Date", "OrgUnitId", "Channel", "Source" }.Concat(CountColumns).Select(Quoted));
    private static readonly string Conflict = "ON CONFLICT (\"OrgUnitId\", \"Date\", \"Channel\", \"Source\") DO UPDATE SET "
        + string.Join(", ", CountColumns.Select(c => $"{Quoted(c)} = excluded.{Quoted(c)}"));

    public async Task<ImportResult> WriteAsync(IAsyncEnumerable<ScoreRow> rows, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Every row passed the checks; what follows is one transaction (a long one for a million rows).
        logger.LogInformation("Customer scores: writing the checked rows in one transaction");
        var touched = new HashSet<(int QuarterKey, int UnitId)>();
        var clock = Stopwatch.StartNew();
        var count = sqlite
            ? await WriteSqliteAsync(connection, rows, touched, cancellationToken)
            : await WritePostgresAsync((NpgsqlConnection)connection, transaction, rows, touched, cancellationToken);
        var written = clock.Elapsed;
        await RecomputeSummariesAsync(connection, transaction, sqlite, touched, cancellationToken);
        var summarised = clock.Elapsed - written;
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Customer scores: {Rows} rows read and written in {Write:N0} ms, summaries of {Pairs} quarter-units in {Summary:N0} ms, commit in {Commit:N0} ms",
            count, written.TotalMilliseconds, touched.Count, summarised.TotalMilliseconds, (clock.Elapsed - written - summarised).TotalMilliseconds);
        return new ImportResult(count,
            touched.Select(t => t.QuarterKey).Distinct().Order().Select(Quarter.FromKey).ToList(),
            touched.Select(t => t.UnitId).Distinct().Order().ToList());
    }

    /// <summary>
    /// SQLite: one statement prepared once on the connection's own handle, bound by position and stepped per
    /// row. Going below ADO.NET here saves a data reader, 32 parameter-name look-ups and 28 boxed ints per row.
    /// It runs inside the ADO.NET transaction because it is the same connection.
    /// </summary>
    private static async Task<int> WriteSqliteAsync(DbConnection connection, IAsyncEnumerable<ScoreRow> rows,
        HashSet<(int, int)> touched, CancellationToken cancellationToken)
    {
        var handle = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var values = string.Join(", ", Enumerable.Range(1, 4 + CountColumns.Count).Select(i => $"?{i}"));
        var sql = $"INSERT INTO {Table} ({InsertColumns}) VALUES ({values}) {Conflict}";
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out sqlite3_stmt statement));
        using var _ = statement;
        var count = 0;
        var dates = new Dictionary<DateOnly, string>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!dates.TryGetValue(row.Date, out var date)) dates[row.Date] = date = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            raw.sqlite3_bind_text(statement, 1, date);
            raw.sqlite3_bind_int(statement, 2, row.UnitId);
            raw.sqlite3_bind_text(statement, 3, ChannelNames[(int)row.Channel]);
            raw.sqlite3_bind_text(statement, 4, row.Source);
            var counts = row.Counts;
            for (var i = 0; i < counts.Length; i++) raw.sqlite3_bind_int(statement, 5 + i, counts[i]);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) Check(handle, rc);
            raw.sqlite3_reset(statement);
            touched.Add((Quarter.Of(row.Date).Key, row.UnitId));
            count++;
        }
        return count;
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
    }

    private async Task<int> WritePostgresAsync(NpgsqlConnection connection, DbTransaction transaction, IAsyncEnumerable<ScoreRow> rows,
        HashSet<(int, int)> touched, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stagingColumns = "\"Date\" date NOT NULL, \"OrgUnitId\" integer NOT NULL, \"Channel\" text NOT NULL, \"Source\" text NOT NULL, "
            + string.Join(", ", CountColumns.Select(c => $"{Quoted(c)} integer NOT NULL"));
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = (NpgsqlTransaction)transaction;
            create.CommandText = $"CREATE TEMP TABLE score_import ({stagingColumns}) ON COMMIT DROP";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var count = 0;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY score_import ({InsertColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.Date, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(row.UnitId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(ChannelNames[(int)row.Channel], NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Source, NpgsqlDbType.Text, cancellationToken);
                foreach (var value in row.Counts) await importer.WriteAsync(value, NpgsqlDbType.Integer, cancellationToken);
                touched.Add((Quarter.Of(row.Date).Key, row.UnitId));
                count++;
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = (NpgsqlTransaction)transaction;
            upsert.CommandTimeout = 600;
            // In the unique index's order: the index grows page by page instead of at random places.
            upsert.CommandText = $"INSERT INTO {Table} ({InsertColumns}) SELECT {InsertColumns} FROM score_import " +
                $"ORDER BY \"OrgUnitId\", \"Date\", \"Channel\", \"Source\" {Conflict}";
            var copied = clock.Elapsed;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Customer scores (PostgreSQL): COPY of {Rows} rows in {Copy:N0} ms, upsert in {Upsert:N0} ms",
                count, copied.TotalMilliseconds, (clock.Elapsed - copied).TotalMilliseconds);
        }
        return count;
    }

    /// <summary>Rebuilds the summary rows of the touched quarters and units: delete, then insert the sums per unit and channel.</summary>
    internal static async Task RecomputeSummariesAsync(DbConnection connection, DbTransaction transaction, bool sqlite,
        IReadOnlyCollection<(int QuarterKey, int UnitId)> touched, CancellationToken cancellationToken)
    {
        var sums = string.Join(", ", CountColumns.Select(c => $"SUM({Quoted(c)})"));
        var columns = string.Join(", ", CountColumns.Select(Quoted));
        foreach (var group in touched.GroupBy(t => t.QuarterKey))
        {
            var quarter = Quarter.FromKey(group.Key);
            var units = string.Join(", ", group.Select(t => t.UnitId.ToString(CultureInfo.InvariantCulture)).Distinct());
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 600;
            command.CommandText =
                $"DELETE FROM {SummaryTable} WHERE \"QuarterKey\" = @q AND \"OrgUnitId\" IN ({units}); " +
                $"INSERT INTO {SummaryTable} (\"QuarterKey\", \"OrgUnitId\", \"Channel\", {columns}) " +
                $"SELECT @q, \"OrgUnitId\", \"Channel\", {sums} FROM {Table} " +
                $"WHERE \"OrgUnitId\" IN ({units}) AND \"Date\" >= @start AND \"Date\" <= @end GROUP BY \"OrgUnitId\", \"Channel\";";
            AddParameter(command, "@q", group.Key);
            AddParameter(command, "@start", sqlite ? quarter.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : quarter.Start);
            AddParameter(command, "@end", sqlite ? quarter.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : quarter.End);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
