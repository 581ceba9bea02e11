using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace StrategyPortal.Infrastructure.Access;

/// <summary>
/// Makes the audit log append-only in the database itself, not only in <see cref="AuditInterceptor"/> (which a bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> or raw SQL passes by): triggers refuse every <c>DELETE</c> of
/// <c>"AuditLog"</c> (and <c>TRUNCATE</c> on PostgreSQL) and every <c>UPDATE</c> — except one that changes nothing but
/// the actor's name and the recorded values while the updating transaction holds a row in
/// <c>"AuditLogPseudonymisation"</c>. Only a privacy erasure writes that row, and it inserts and removes it inside its own
/// transaction: no other transaction ever sees it. The migrations SQL generators of both providers create the table and
/// triggers together with the audit log (so a regenerated InitialCreate keeps them). Someone with the database owner's
/// rights can still drop a trigger: this guards the application and its bugs, not against the database's operators.
/// </summary>
public static class AuditLogGuard
{
    public const string Table = "AuditLog";
    public const string PseudonymisationTable = "AuditLogPseudonymisation";
    public const string Refusal = "The audit log is append-only: only a privacy erasure may replace a name by its pseudonym.";

    /// <summary>The only columns a pseudonymisation may rewrite.</summary>
    public static IReadOnlySet<string> PseudonymisedColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { "ActorName", "Changes" };

    private const string BeginSql = "INSERT INTO \"AuditLogPseudonymisation\" (\"PersonId\") VALUES ({0})";
    private const string EndSql = "DELETE FROM \"AuditLogPseudonymisation\" WHERE \"PersonId\" = {0}";

    /// <summary>Lets the current transaction rewrite actor names and recorded values (call inside the erasure's transaction).</summary>
    public static Task BeginPseudonymisationAsync(DatabaseFacade database, int personId, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync(BeginSql, [personId], cancellationToken);

    /// <summary>Closes the path again before the transaction commits, so the marker is never seen outside it.</summary>
    public static Task EndPseudonymisationAsync(DatabaseFacade database, int personId, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync(EndSql, [personId], cancellationToken);

    private static IEnumerable<string> Kept(IReadOnlyList<string> columns) => columns.Where(c => !PseudonymisedColumns.Contains(c));

    public static IEnumerable<string> SqliteStatements(IReadOnlyList<string> columns, Func<string, string> quote)
    {
        var (table, marker) = (quote(Table), quote(PseudonymisationTable));
        var changed = string.Join(" OR ", Kept(columns).Select(c => $"NEW.{quote(c)} IS NOT OLD.{quote(c)}"));
        yield return $"CREATE TABLE {marker} ({quote("PersonId")} INTEGER NOT NULL);";
        yield return $"CREATE TRIGGER {quote(Table + "_no_delete")} BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;";
        yield return $"CREATE TRIGGER {quote(Table + "_no_update")} BEFORE UPDATE ON {table} "
            + $"WHEN NOT EXISTS (SELECT 1 FROM {marker}) OR {changed} "
            + $"BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;";
    }

    public static IEnumerable<string> PostgreSqlStatements(IReadOnlyList<string> columns, Func<string, string> quote)
    {
        var (table, marker, function) = (quote(Table), quote(PseudonymisationTable), quote(Table + "_append_only"));
        var unchanged = string.Join(" AND ", Kept(columns).Select(c => $"NEW.{quote(c)} IS NOT DISTINCT FROM OLD.{quote(c)}"));
        yield return $"CREATE TABLE {marker} ({quote("PersonId")} integer NOT NULL);";
        yield return $"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM {marker}) THEN
                    IF {unchanged} THEN
                        RETURN NEW;
                    END IF;
                END IF;
                RAISE EXCEPTION '{Refusal}';
            END
            $$;
            """;
        yield return $"CREATE TRIGGER {quote(Table + "_append_only")} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();";
        yield return $"CREATE TRIGGER {quote(Table + "_no_truncate")} BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}();";
    }
}
