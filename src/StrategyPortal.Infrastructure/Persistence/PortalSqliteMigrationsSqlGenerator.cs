using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Update;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence.Configurations;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>
/// Two things a SQLite schema needs beyond what EF Core's model says. Both live here, not in a migration, so a
/// regenerated InitialCreate keeps them (scripts/regenerate-initial-migration.sh).
/// <list type="bullet">
/// <item>The anonymity-critical tables (<see cref="AnonymousTables.WithoutRowId"/>) are <c>WITHOUT ROWID</c> tables. An
/// ordinary SQLite table numbers its rows in the order they were written; the participations' order and the responses'
/// order could then be laid side by side. Without a rowid the rows are stored by their key only (person id; random
/// GUID). Table rebuilds keep it.</item>
/// <item>The audit log gets the triggers of <see cref="AuditLogGuard"/> when it is created, so the database itself
/// refuses to change or delete an entry.</item>
/// </list>
/// </summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is "internal" API; its CreateTable hook is stable and covered by tests.
public sealed class PortalSqliteMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    private const string RebuildPrefix = "ef_temp_";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var name = operation.Name.StartsWith(RebuildPrefix, StringComparison.Ordinal) ? operation.Name[RebuildPrefix.Length..] : operation.Name;
        if (!AnonymousTables.WithoutRowId.Contains(name))
        {
            base.Generate(operation, model, builder, terminate);
        }
        else
        {
            base.Generate(operation, model, builder, terminate: false);
            builder.Append(" WITHOUT ROWID");
            if (terminate)
            {
                builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
                EndStatement(builder);
            }
        }

        // Only when the table is created as itself: a rebuild (ef_temp_…) drops the triggers with the old table,
        // and a migration that rebuilds the audit log must create them again (AuditLogTests would notice).
        if (operation.Name == AuditLogGuard.Table && terminate)
        {
            foreach (var statement in AuditLogGuard.SqliteStatements(operation.Columns.Select(c => c.Name).ToList(), Dependencies.SqlGenerationHelper.DelimitIdentifier))
            {
                builder.AppendLine(statement);
                EndStatement(builder);
            }
        }
    }
}
#pragma warning restore EF1001
